/**
 * What the matcher needs from the ledger, and where its decisions are written. Work is read
 * one payer at a time (a year of data is a million lines), with one statement for the
 * payer's lines, one for their adjustments and one for its invoices; decisions are written
 * with prepared statements inside the caller's transaction.
 */
import type Database from 'better-sqlite3';
import { applicationsOf, isAutomatic } from '../matching/decisions.js';
import type { InvoiceCandidate, LineAdjustment, LineDecision, LineToMatch } from '../matching/types.js';
import { Batched } from './batched.js';

export interface MatchWork {
  company: string;
  payer: string;
  lines: LineToMatch[];
  /**
   * Lines decided before and tried again (unapplied or for review, with no application):
   * the status and note they have now. Every other line of the work is new.
   */
  retried: ReadonlyMap<number, LineState>;
}

/** Where a line stands in the ledger: a decision that would leave both as they are changes nothing. */
export interface LineState {
  status: string;
  note: string | null;
}

const NEW_LINE: LineState = { status: 'new', note: null };

/** Columns of a pending line, in this order (raw rows: a payer has tens of thousands). */
type LineRow = [
  id: number, lineNo: number, paymentRef: string, reference: string, referenceKind: LineToMatch['referenceKind'], po: string | null,
  currency: string, grossMinor: number | null, discountMinor: number, paidMinor: number, paymentDate: string, invoiceDate: string | null,
  status: string, note: string | null,
];

type InvoiceRow = [
  id: number, number: string, po: string | null, currency: string, originalMinor: number, inLatestSnapshot: number,
  invoiceDate: string | null, dueDate: string | null, remaining: number,
];

/** Lines still waiting for a decision: new ones, and unapplied or review ones that have no application. */
const WAITING = `(l.status = 'new' OR (l.status IN ('unapplied', 'review') AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.line_id = l.id)))`;

export class Matching {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  /**
   * Lines that still need a decision, payer by payer: new ones, and unexported lines left
   * unapplied or for review without an application (a newer invoice snapshot may resolve
   * them now). Everything at once; `remit match` reads one payer at a time instead.
   */
  pendingWork(company?: string): MatchWork[] {
    return this.payersWithWork(company).map(({ company: code, payer }) => this.pendingFor(code, payer));
  }

  /** The payers with lines waiting for a decision, by company and payer. */
  payersWithWork(company?: string): Array<{ company: string; payer: string }> {
    return this.db
      .prepare(
        `SELECT DISTINCT r.company, r.payer FROM remittances r
         WHERE r.journal_id IS NULL AND (? IS NULL OR r.company = ?)
           AND EXISTS (SELECT 1 FROM remittance_lines l WHERE l.remittance_id = r.id AND ${WAITING})
         ORDER BY r.company, r.payer`,
      )
      .all(company ?? null, company ?? null) as Array<{ company: string; payer: string }>;
  }

  /** One payer's lines waiting for a decision, in payment order, with their adjustments. */
  pendingFor(company: string, payer: string): MatchWork {
    const adjustments = this.adjustmentsFor(company, payer);
    const rows = this.db
      .prepare(
        `SELECT l.id, l.line_no, r.payment_ref, l.reference, l.reference_kind, l.po, r.currency, l.gross_minor,
                l.discount_minor, l.paid_minor, r.payment_date, l.invoice_date, l.status, l.note
         FROM remittances r JOIN remittance_lines l ON l.remittance_id = r.id
         WHERE r.company = ? AND r.payer = ? AND r.journal_id IS NULL AND ${WAITING}
         ORDER BY r.payment_date, r.id, l.line_no`,
      )
      .raw(true)
      .iterate(company, payer) as IterableIterator<LineRow>;
    // Row by row: each raw row is dropped as soon as its line is made.
    const lines: LineToMatch[] = [];
    const retried = new Map<number, LineState>();
    for (const [id, lineNo, paymentRef, reference, referenceKind, po, currency, grossMinor, discountMinor, paidMinor, paymentDate, invoiceDate, status, note] of rows) {
      lines.push({
        id, lineNo, paymentRef, reference, referenceKind, po: po ?? undefined, currency, grossMinor: grossMinor ?? undefined, discountMinor, paidMinor,
        payer, paymentDate, invoiceDate: invoiceDate ?? undefined, adjustments: adjustments.get(id) ?? [],
      });
      if (status !== 'new') retried.set(id, { status, note });
    }
    return { company, payer, lines, retried };
  }

  /**
   * Every invoice of a payer with what is still open: the ERP's open amount less our
   * applications the ERP has not seen yet (not exported before its snapshot was taken).
   * An invoice the newest snapshot no longer lists has nothing open, whatever was applied.
   */
  invoicesForPayer(company: string, payer: string): InvoiceCandidate[] {
    const rows = this.db
      .prepare(
        `SELECT i.id, i.number, i.po, i.currency, i.original_minor, i.in_latest_snapshot, i.invoice_date, i.due_date,
           CASE WHEN i.in_latest_snapshot THEN i.open_minor - COALESCE((
             SELECT SUM(a.cash_minor + a.discount_minor + a.deduction_minor + a.write_off_minor)
             FROM applications a LEFT JOIN journals j ON j.id = a.journal_id
             WHERE a.invoice_id = i.id AND a.status = 'applied'
               AND NOT (j.id IS NOT NULL AND COALESCE(j.last_snapshot_id, 0) < i.snapshot_id)
           ), 0) ELSE 0 END AS remaining
         FROM invoices i WHERE i.company = ? AND i.customer = ?`,
      )
      .raw(true)
      .iterate(company, payer) as IterableIterator<InvoiceRow>;
    const invoices: InvoiceCandidate[] = [];
    for (const [id, number, po, currency, originalMinor, inLatestSnapshot, invoiceDate, dueDate, remaining] of rows) {
      invoices.push({
        id, number, po: po ?? undefined, currency, originalMinor, remainingMinor: remaining, open: inLatestSnapshot === 1,
        invoiceDate: invoiceDate ?? undefined, dueDate: dueDate ?? undefined,
      });
    }
    return invoices;
  }

  /**
   * Write decisions in one transaction, and mark the payments whose lines are all decided.
   * A retried line whose outcome is unchanged is not touched, so running match again
   * changes nothing.
   */
  save(decisions: LineDecision[], createdBy: string): { written: number; unchanged: number } {
    return this.db.transaction(() => {
      const result = this.write(decisions, createdBy);
      this.markMatched();
      return result;
    })();
  }

  /**
   * Write decisions, in the caller's transaction. Given the work they were decided from,
   * where each line stands is known already; otherwise it is read from the ledger per line.
   */
  write(decisions: LineDecision[], createdBy: string, work?: MatchWork): { written: number; unchanged: number } {
    const now = this.now();
    const current = this.db.prepare('SELECT status, note FROM remittance_lines WHERE id = ?');
    const stateOf = work ? (lineId: number) => work.retried.get(lineId) ?? NEW_LINE : (lineId: number) => current.get(lineId) as LineState;
    // Lines are updated in batches (a year of data is a million of them), in order.
    const setLine = new Batched(
      this.db,
      (rows) => `UPDATE remittance_lines SET status = v.column1, unapplied_minor = v.column2, note = v.column3, candidates = v.column4
                 FROM (VALUES ${rows}) AS v WHERE remittance_lines.id = v.column5`,
      5,
    );
    // One row per run: a many-row insert into applications would also plan the foreign-key
    // checks of the tables that point at it (audit_log, reversals) as scans.
    const insertApplication = this.db.prepare(
      `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method, confidence,
         explanation, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertDeduction = this.db.prepare(
      `INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // Lines with an update not yet run: one decided twice in a call (never, from matchPayer)
    // has the first update run before the second is judged, as if written one at a time.
    const batched = new Set<number>();
    const flush = (): void => {
      setLine.flush();
      batched.clear();
    };
    let written = 0;
    let unchanged = 0;
    for (const decision of decisions) {
      const parts = applicationsOf(decision);
      const automatic = isAutomatic(decision);
      const status = parts.length ? (automatic ? 'applied' : 'review') : decision.kind === 'split' || decision.kind === 'apply' ? 'review' : decision.kind;
      if (batched.has(decision.lineId)) flush();
      batched.add(decision.lineId);
      const was = stateOf(decision.lineId);
      if (was.status === status && was.note === decision.explanation) {
        unchanged += 1;
        continue;
      }
      written += 1;
      const candidates = 'candidates' in decision && decision.candidates?.length ? JSON.stringify(decision.candidates) : null;
      if (decision.kind === 'apply' || decision.kind === 'split') {
        for (const part of parts) {
          insertApplication.run(
            decision.lineId, part.invoiceId, part.cashMinor, part.discountMinor, part.deductionMinor, part.writeOffMinor, decision.method,
            decision.confidence, decision.explanation, automatic ? 'applied' : 'proposed', now, createdBy,
          );
          if (automatic) for (const d of part.deductions) insertDeduction.run(decision.lineId, part.invoiceId, d.amountMinor, d.reasonCode, d.reasonRaw, now);
        }
        // A proposal moves no money: the line's cash stays unapplied until a person confirms it.
        const unapplied = automatic ? decision.unappliedMinor : parts.reduce((sum, p) => sum + p.cashMinor, 0) + decision.unappliedMinor;
        setLine.add(status, unapplied, decision.explanation, candidates, decision.lineId);
      } else if (decision.kind === 'deduction') {
        setLine.add('deduction', 0, decision.explanation, null, decision.lineId);
        for (const d of decision.deductions) insertDeduction.run(decision.lineId, null, d.amountMinor, d.reasonCode, d.reasonRaw, now);
      } else {
        setLine.add(status, decision.unappliedMinor, decision.explanation, candidates, decision.lineId);
      }
    }
    flush();
    return { written, unchanged };
  }

  /** Payments with no line left new are matched; in the caller's transaction, after the writes. */
  markMatched(): void {
    // `+l.status`: the payment's own lines are few; the index of every line by status would
    // have each payment read all new lines of the ledger.
    this.db
      .prepare(
        `UPDATE remittances SET matched_at = ? WHERE matched_at IS NULL AND NOT EXISTS (
           SELECT 1 FROM remittance_lines l WHERE l.remittance_id = remittances.id AND +l.status = 'new')`,
      )
      .run(this.now());
  }

  /** The adjustments of a payer's unexported lines, by line, in the order they were read. */
  private adjustmentsFor(company: string, payer: string): Map<number, LineAdjustment[]> {
    const rows = this.db
      .prepare(
        `SELECT a.line_id, a.amount_minor, a.reason_raw, a.reason_code
         FROM remittances r JOIN remittance_lines l ON l.remittance_id = r.id JOIN line_adjustments a ON a.line_id = l.id
         WHERE r.company = ? AND r.payer = ? AND r.journal_id IS NULL ORDER BY a.line_id, a.id`,
      )
      .raw(true)
      .all(company, payer) as Array<[lineId: number, amountMinor: number, reasonRaw: string, reasonCode: string]>;
    const byLine = new Map<number, LineAdjustment[]>();
    for (const [lineId, amountMinor, reasonRaw, reasonCode] of rows) {
      const adjustment = { amountMinor, reasonRaw, reasonCode };
      const list = byLine.get(lineId);
      if (list) list.push(adjustment);
      else byLine.set(lineId, [adjustment]);
    }
    return byLine;
  }
}
