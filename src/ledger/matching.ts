/** What the matcher needs from the ledger, and where its decisions are written. */
import type Database from 'better-sqlite3';
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
                l.discount_minor, l.paid_minor, r.company, r.payer, l.status, l.note
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
        `SELECT i.id, i.number, i.po, i.currency, i.original_minor, i.in_latest_snapshot,
           i.open_minor - COALESCE((
             SELECT SUM(a.cash_minor + a.discount_minor + a.deduction_minor)
             FROM applications a LEFT JOIN journals j ON j.id = a.journal_id
             WHERE a.invoice_id = i.id AND a.status = 'applied'
               AND NOT (j.id IS NOT NULL AND COALESCE(j.last_snapshot_id, 0) < i.snapshot_id)
           ), 0) AS remaining
         FROM invoices i WHERE i.company = ? AND i.customer = ?`,
      )
      .all(company, payer) as Array<{
      id: number; number: string; po: string | null; currency: string; original_minor: number; in_latest_snapshot: number; remaining: number;
    }>;
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      po: row.po ?? undefined,
      currency: row.currency,
      originalMinor: row.original_minor,
      remainingMinor: row.in_latest_snapshot ? row.remaining : 0,
      open: row.in_latest_snapshot === 1,
    }));
  }

  /**
   * Write decisions in one transaction. A retried line whose outcome is unchanged is not
   * touched, so running match again changes nothing.
   */
  save(decisions: LineDecision[], createdBy: string): { written: number; unchanged: number } {
    const now = this.now();
    const current = this.db.prepare('SELECT status, note FROM remittance_lines WHERE id = ?');
    const setLine = this.db.prepare('UPDATE remittance_lines SET status = ?, unapplied_minor = ?, note = ? WHERE id = ?');
    const insertApplication = this.db.prepare(
      `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, method, confidence,
         explanation, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertDeduction = this.db.prepare(
      `INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let written = 0;
    let unchanged = 0;
    this.db.transaction(() => {
      for (const decision of decisions) {
        const status = decision.kind === 'apply' ? (decision.status === 'applied' ? 'applied' : 'review') : decision.kind;
        const before = current.get(decision.lineId) as { status: string; note: string | null };
        if (before.status === status && before.note === decision.explanation) {
          unchanged += 1;
          continue;
        }
        written += 1;
        if (decision.kind === 'apply') {
          insertApplication.run(
            decision.lineId, decision.invoiceId, decision.cashMinor, decision.discountMinor, decision.deductionMinor, decision.method,
            decision.confidence, decision.explanation, decision.status, now, createdBy,
          );
          const unapplied = decision.status === 'applied' ? decision.unappliedMinor : decision.cashMinor + decision.unappliedMinor;
          setLine.run(status, unapplied, decision.explanation, decision.lineId);
          if (decision.status === 'applied') {
            for (const d of decision.deductions) insertDeduction.run(decision.lineId, decision.invoiceId, d.amountMinor, d.reasonCode, d.reasonRaw, now);
          }
        } else if (decision.kind === 'deduction') {
          setLine.run('deduction', 0, decision.explanation, decision.lineId);
          for (const d of decision.deductions) insertDeduction.run(decision.lineId, null, d.amountMinor, d.reasonCode, d.reasonRaw, now);
        } else {
          setLine.run(status, decision.unappliedMinor, decision.explanation, decision.lineId);
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
