/** What the matcher needs from the ledger, and where its decisions are written. */
import type Database from 'better-sqlite3';
import { applicationsOf, isAutomatic } from '../matching/decisions.js';
import type { InvoiceCandidate, LineDecision, LineToMatch } from '../matching/types.js';

export interface MatchWork {
  company: string;
  payer: string;
  lines: LineToMatch[];
}

interface LineRecord {
  id: number;
  line_no: number;
  payment_ref: string;
  reference: string;
  reference_kind: LineToMatch['referenceKind'];
  po: string | null;
  currency: string;
  gross_minor: number | null;
  discount_minor: number;
  paid_minor: number;
  company: string;
  payer: string;
  status: string;
  note: string | null;
  payment_date: string;
  invoice_date: string | null;
}

export class Matching {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  /**
   * Lines that still need a decision: new ones, and unexported lines left unapplied or for
   * review without an application (a newer invoice snapshot may resolve them now).
   */
  pendingWork(company?: string): MatchWork[] {
    const rows = this.db
      .prepare(
        `SELECT l.id, l.line_no, r.payment_ref, l.reference, l.reference_kind, l.po, r.currency, l.gross_minor,
                l.discount_minor, l.paid_minor, r.company, r.payer, l.status, l.note, r.payment_date, l.invoice_date
         FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
         WHERE r.journal_id IS NULL AND (? IS NULL OR r.company = ?)
           AND (l.status = 'new' OR (l.status IN ('unapplied', 'review')
                AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.line_id = l.id)))
         ORDER BY r.company, r.payer, r.payment_date, r.id, l.line_no`,
      )
      .all(company ?? null, company ?? null) as LineRecord[];
    const adjustments = this.db.prepare('SELECT amount_minor, reason_raw, reason_code FROM line_adjustments WHERE line_id = ? ORDER BY id');
    const groups = new Map<string, MatchWork>();
    for (const row of rows) {
      const key = `${row.company}\u0000${row.payer}`;
      let group = groups.get(key);
      if (!group) {
        group = { company: row.company, payer: row.payer, lines: [] };
        groups.set(key, group);
      }
      group.lines.push({
        id: row.id,
        lineNo: row.line_no,
        paymentRef: row.payment_ref,
        reference: row.reference,
        referenceKind: row.reference_kind,
        po: row.po ?? undefined,
        currency: row.currency,
        grossMinor: row.gross_minor ?? undefined,
        discountMinor: row.discount_minor,
        paidMinor: row.paid_minor,
        payer: row.payer,
        paymentDate: row.payment_date,
        invoiceDate: row.invoice_date ?? undefined,
        adjustments: (adjustments.all(row.id) as Array<{ amount_minor: number; reason_raw: string; reason_code: string }>).map((a) => ({
          amountMinor: a.amount_minor,
          reasonRaw: a.reason_raw,
          reasonCode: a.reason_code,
        })),
      });
    }
    return [...groups.values()];
  }

  /**
   * Every invoice of a payer with what is still open: the ERP's open amount less our
   * applications the ERP has not seen yet (not exported before its snapshot was taken).
   */
  invoicesForPayer(company: string, payer: string): InvoiceCandidate[] {
    const rows = this.db
      .prepare(
        `SELECT i.id, i.number, i.po, i.currency, i.original_minor, i.in_latest_snapshot, i.invoice_date, i.due_date,
           i.open_minor - COALESCE((
             SELECT SUM(a.cash_minor + a.discount_minor + a.deduction_minor + a.write_off_minor)
             FROM applications a LEFT JOIN journals j ON j.id = a.journal_id
             WHERE a.invoice_id = i.id AND a.status = 'applied'
               AND NOT (j.id IS NOT NULL AND COALESCE(j.last_snapshot_id, 0) < i.snapshot_id)
           ), 0) AS remaining
         FROM invoices i WHERE i.company = ? AND i.customer = ?`,
      )
      .all(company, payer) as Array<{
      id: number; number: string; po: string | null; currency: string; original_minor: number; in_latest_snapshot: number; remaining: number;
      invoice_date: string | null; due_date: string | null;
    }>;
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      po: row.po ?? undefined,
      currency: row.currency,
      originalMinor: row.original_minor,
      remainingMinor: row.in_latest_snapshot ? row.remaining : 0,
      open: row.in_latest_snapshot === 1,
      invoiceDate: row.invoice_date ?? undefined,
      dueDate: row.due_date ?? undefined,
    }));
  }

  /**
   * Write decisions in one transaction. A retried line whose outcome is unchanged is not
   * touched, so running match again changes nothing.
   */
  save(decisions: LineDecision[], createdBy: string): { written: number; unchanged: number } {
    const now = this.now();
    const current = this.db.prepare('SELECT status, note FROM remittance_lines WHERE id = ?');
    const setLine = this.db.prepare('UPDATE remittance_lines SET status = ?, unapplied_minor = ?, note = ?, candidates = ? WHERE id = ?');
    const insertApplication = this.db.prepare(
      `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method, confidence,
         explanation, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertDeduction = this.db.prepare(
      `INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let written = 0;
    let unchanged = 0;
    this.db.transaction(() => {
      for (const decision of decisions) {
        const parts = applicationsOf(decision);
        const automatic = isAutomatic(decision);
        const status = parts.length ? (automatic ? 'applied' : 'review') : decision.kind === 'split' || decision.kind === 'apply' ? 'review' : decision.kind;
        const before = current.get(decision.lineId) as { status: string; note: string | null };
        if (before.status === status && before.note === decision.explanation) {
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
          setLine.run(status, unapplied, decision.explanation, candidates, decision.lineId);
        } else if (decision.kind === 'deduction') {
          setLine.run('deduction', 0, decision.explanation, null, decision.lineId);
          for (const d of decision.deductions) insertDeduction.run(decision.lineId, null, d.amountMinor, d.reasonCode, d.reasonRaw, now);
        } else {
          setLine.run(status, decision.unappliedMinor, decision.explanation, candidates, decision.lineId);
        }
      }
      this.db
        .prepare(
          `UPDATE remittances SET matched_at = ? WHERE matched_at IS NULL AND NOT EXISTS (
             SELECT 1 FROM remittance_lines l WHERE l.remittance_id = remittances.id AND l.status = 'new')`,
        )
        .run(now);
    })();
    return { written, unchanged };
  }
}
