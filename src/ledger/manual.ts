/**
 * What operators do by hand: apply a line to an invoice, undo an application, code a
 * deduction, keep cash unapplied; every action in the audit log with user and time. An
 * application is never edited or deleted: undoing it adds its mirror image, so an exported
 * application is reversed by the next journal, not changed silently.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../core/errors.js';
import { displayMinor } from '../core/money.js';
import type { LearnedRule } from '../matching/types.js';

export interface LineView {
  id: number;
  remittance_id: number;
  company: string;
  payer: string;
  payment_ref: string;
  payment_date: string;
  currency: string;
  line_no: number;
  reference: string;
  po: string | null;
  paid_minor: number;
  unapplied_minor: number;
  status: string;
  note: string | null;
  candidates: string | null;
  journal_id: number | null;
}

export class Manual {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  line(lineId: number): LineView {
    const row = this.db
      .prepare(
        `SELECT l.id, l.remittance_id, r.company, r.payer, r.payment_ref, r.payment_date, r.currency, l.line_no, l.reference, l.po,
                l.paid_minor, l.unapplied_minor, l.status, l.note, l.candidates, r.journal_id
         FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE l.id = ?`,
      )
      .get(lineId) as LineView | undefined;
    if (!row) throw new UsageError(`no remittance line ${lineId}`, 'line ids are in remit report exceptions --format csv (line_id)');
    return row;
  }

  lineOfApplication(applicationId: number): number {
    const row = this.db.prepare('SELECT line_id FROM applications WHERE id = ?').get(applicationId) as { line_id: number } | undefined;
    if (!row) throw new UsageError(`no application ${applicationId}`, 'application ids are in remit report applications --format csv');
    return row.line_id;
  }

  invoicePo(invoiceId: number): string | undefined {
    return (this.db.prepare('SELECT po FROM invoices WHERE id = ?').get(invoiceId) as { po: string | null } | undefined)?.po ?? undefined;
  }

  applicationsOf(lineId: number): Array<{ id: number; invoice_number: string; cash_minor: number; discount_minor: number; deduction_minor: number; write_off_minor: number; method: string; confidence: number; status: string; explanation: string; reverses_id: number | null; journal_id: number | null; created_by: string }> {
    return this.db
      .prepare(
        `SELECT a.id, i.number AS invoice_number, a.cash_minor, a.discount_minor, a.deduction_minor, a.write_off_minor, a.method, a.confidence,
                a.status, a.explanation, a.reverses_id, a.journal_id, a.created_by
         FROM applications a JOIN invoices i ON i.id = a.invoice_id WHERE a.line_id = ? ORDER BY a.id`,
      )
      .all(lineId) as never;
  }

  /** Apply (or confirm a proposal of) `amount` of a line's unapplied cash to an open invoice of its payer. */
  apply(lineId: number, invoiceNumber: string, amountMinor: number | undefined, user: string): { applicationId: number; amountMinor: number; invoiceId: number } {
    return this.db.transaction(() => {
      const line = this.line(lineId);
      const invoice = this.db
        .prepare(
          `SELECT i.id, i.number, i.po, i.currency, i.in_latest_snapshot,
             i.open_minor - COALESCE((SELECT SUM(a.cash_minor + a.discount_minor + a.deduction_minor + a.write_off_minor) FROM applications a
               LEFT JOIN journals j ON j.id = a.journal_id
               WHERE a.invoice_id = i.id AND a.status = 'applied' AND NOT (j.id IS NOT NULL AND COALESCE(j.last_snapshot_id, 0) < i.snapshot_id)), 0) AS remaining
           FROM invoices i WHERE i.company = ? AND i.customer = ? AND i.number = ?`,
        )
        .get(line.company, line.payer, invoiceNumber) as { id: number; number: string; po: string | null; currency: string; in_latest_snapshot: number; remaining: number } | undefined;
      if (!invoice) throw new UsageError(`no invoice ${invoiceNumber} of payer ${line.payer}`);
      if (invoice.currency !== line.currency) throw new UsageError(`invoice ${invoiceNumber} is in ${invoice.currency}, the payment in ${line.currency}`);
      const remaining = invoice.in_latest_snapshot ? invoice.remaining : 0;
      if (line.unapplied_minor <= 0) throw new UsageError(`line ${lineId} has no unapplied cash to apply`);
      if (remaining <= 0) throw new UsageError(`invoice ${invoiceNumber} is not open`);
      const amount = amountMinor ?? Math.min(line.unapplied_minor, remaining);
      if (amount <= 0 || amount > line.unapplied_minor) throw new UsageError(`--amount must be more than 0 and at most the line's unapplied ${displayMinor(line.unapplied_minor)}`);
      if (amount > remaining) throw new UsageError(`--amount ${displayMinor(amount)} is more than the ${displayMinor(remaining)} open on ${invoiceNumber}`);
      const proposal = this.db
        .prepare(`SELECT id FROM applications WHERE line_id = ? AND invoice_id = ? AND status = 'proposed' AND cash_minor = ? AND discount_minor = 0 AND deduction_minor = 0 AND write_off_minor = 0`)
        .get(lineId, invoice.id, amount) as { id: number } | undefined;
      const now = this.now();
      let applicationId: number;
      if (proposal) {
        this.db.prepare(`UPDATE applications SET status = 'applied', explanation = explanation || ?, created_by = ? WHERE id = ?`).run(`; confirmed by ${user}`, user, proposal.id);
        applicationId = proposal.id;
      } else {
        applicationId = Number(
          this.db
            .prepare(
              `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method, confidence, explanation, status, created_at, created_by)
               VALUES (?, ?, ?, 0, 0, 0, 'manual', 1, ?, 'applied', ?, ?)`,
            )
            .run(lineId, invoice.id, amount, `applied by ${user}: ${displayMinor(amount)} to ${invoiceNumber}`, now, user).lastInsertRowid,
        );
      }
      const left = line.unapplied_minor - amount;
      this.db.prepare(`UPDATE remittance_lines SET unapplied_minor = ?, status = ?, note = ? WHERE id = ?`).run(left, left === 0 ? 'applied' : 'review', `applied by ${user} to ${invoiceNumber}`, lineId);
      this.audit(user, 'apply', lineId, applicationId, { invoice: invoiceNumber, amountMinor: amount, confirmedProposal: Boolean(proposal) });
      return { applicationId, amountMinor: amount, invoiceId: invoice.id };
    })();
  }

  /** Undo an application by adding its mirror image; its deductions are mirrored too. */
  unapply(applicationId: number, user: string): { lineId: number; cashMinor: number } {
    return this.db.transaction(() => {
      const app = this.db
        .prepare(`SELECT * FROM applications WHERE id = ?`)
        .get(applicationId) as { id: number; line_id: number; invoice_id: number; cash_minor: number; discount_minor: number; deduction_minor: number; write_off_minor: number; status: string; reverses_id: number | null } | undefined;
      if (!app) throw new UsageError(`no application ${applicationId}`, 'application ids are in remit report applications --format csv');
      if (app.reverses_id !== null) throw new UsageError(`application ${applicationId} is itself a reversal`);
      if (this.db.prepare('SELECT 1 FROM applications WHERE reverses_id = ?').get(applicationId)) throw new UsageError(`application ${applicationId} is already undone`);
      const now = this.now();
      if (app.status === 'proposed') {
        // A proposal moved no money: withdrawing it is enough.
        const reversal = Number(this.db.prepare(
          `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method, confidence, explanation, status, created_at, created_by, reverses_id)
           VALUES (?, ?, 0, 0, 0, 0, 'reversal', 1, ?, 'proposed', ?, ?, ?)`,
        ).run(app.line_id, app.invoice_id, `proposal ${applicationId} rejected by ${user}`, now, user, applicationId).lastInsertRowid);
        this.audit(user, 'reject-proposal', app.line_id, reversal, { application: applicationId });
        return { lineId: app.line_id, cashMinor: 0 };
      }
      const reversal = Number(
        this.db
          .prepare(
            `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method, confidence, explanation, status, created_at, created_by, reverses_id)
             VALUES (?, ?, ?, ?, ?, ?, 'reversal', 1, ?, 'applied', ?, ?, ?)`,
          )
          .run(app.line_id, app.invoice_id, -app.cash_minor, -app.discount_minor, -app.deduction_minor, -app.write_off_minor,
            `reverses application ${applicationId} (undone by ${user})`, now, user, applicationId).lastInsertRowid,
      );
      const deductions = this.db.prepare(`SELECT id, amount_minor, reason_code, reason_raw FROM deductions WHERE line_id = ? AND invoice_id = ? AND reverses_id IS NULL AND status = 'open'`).all(app.line_id, app.invoice_id) as Array<{ id: number; amount_minor: number; reason_code: string; reason_raw: string }>;
      for (const d of deductions) {
        this.db.prepare(`INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, status, created_at, reverses_id) VALUES (?, ?, ?, ?, ?, 'reversed', ?, ?)`).run(app.line_id, app.invoice_id, -d.amount_minor, d.reason_code, d.reason_raw, now, d.id);
        this.db.prepare(`UPDATE deductions SET status = 'reversed' WHERE id = ?`).run(d.id);
      }
      this.db.prepare(`UPDATE remittance_lines SET unapplied_minor = unapplied_minor + ?, status = 'review', note = ? WHERE id = ?`).run(app.cash_minor, `application ${applicationId} undone by ${user}`, app.line_id);
      this.audit(user, 'unapply', app.line_id, reversal, { application: applicationId, cashMinor: app.cash_minor });
      return { lineId: app.line_id, cashMinor: app.cash_minor };
    })();
  }

  /** Code a line as a deduction with a reason: recode its deductions, or turn its negative unapplied amount into one. */
  codeDeduction(lineId: number, reasonCode: string, user: string): { recoded: number; created: number; reasonRaw: string } {
    return this.db.transaction(() => {
      const line = this.line(lineId);
      const now = this.now();
      const existing = this.db.prepare(`SELECT id, reason_raw FROM deductions WHERE line_id = ? AND status = 'open' AND reverses_id IS NULL`).all(lineId) as Array<{ id: number; reason_raw: string }>;
      if (existing.length > 0) {
        this.db.prepare(`UPDATE deductions SET reason_code = ? WHERE line_id = ? AND status = 'open' AND reverses_id IS NULL`).run(reasonCode, lineId);
        this.audit(user, 'code-deduction', lineId, null, { reasonCode, recoded: existing.length });
        return { recoded: existing.length, created: 0, reasonRaw: existing[0]!.reason_raw };
      }
      if (line.unapplied_minor >= 0) throw new UsageError(`line ${lineId} is cash the payer sent, not money it kept: apply it, or leave it unapplied`);
      this.db.prepare(`INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, created_at) VALUES (?, NULL, ?, ?, ?, ?)`).run(lineId, -line.unapplied_minor, reasonCode, line.reference, now);
      this.db.prepare(`UPDATE remittance_lines SET unapplied_minor = 0, status = 'deduction', note = ? WHERE id = ?`).run(`coded as ${reasonCode} by ${user}`, lineId);
      this.audit(user, 'code-deduction', lineId, null, { reasonCode, amountMinor: -line.unapplied_minor });
      return { recoded: 0, created: 1, reasonRaw: line.reference };
    })();
  }

  /** The operator has looked: the cash stays unapplied (on account) and the line leaves review. */
  keepUnapplied(lineId: number, user: string): void {
    const line = this.line(lineId);
    this.db.prepare(`UPDATE remittance_lines SET status = 'unapplied', note = ? WHERE id = ?`).run(`kept as unapplied cash by ${user}`, lineId);
    this.audit(user, 'keep-unapplied', lineId, null, { unappliedMinor: line.unapplied_minor });
  }

  remember(rule: LearnedRule, user: string): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO learned_rules (payer, kind, value, reason_code, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(rule.payer, rule.kind, rule.value, rule.reasonCode ?? null, this.now(), user);
    return result.changes > 0;
  }

  rules(): Array<LearnedRule & { id: number; createdAt: string; createdBy: string }> {
    const rows = this.db.prepare('SELECT * FROM learned_rules ORDER BY payer, id').all() as Array<{ id: number; payer: string; kind: LearnedRule['kind']; value: string; reason_code: string | null; created_at: string; created_by: string }>;
    return rows.map((r) => ({ id: r.id, payer: r.payer, kind: r.kind, value: r.value, ...(r.reason_code ? { reasonCode: r.reason_code } : {}), createdAt: r.created_at, createdBy: r.created_by }));
  }

  forgetRule(id: number, user: string): void {
    const result = this.db.prepare('DELETE FROM learned_rules WHERE id = ?').run(id);
    if (result.changes === 0) throw new UsageError(`no learned rule ${id}`, 'see remit report rules');
    this.audit(user, 'forget-rule', null, null, { rule: id });
  }

  private audit(user: string, action: string, lineId: number | null, applicationId: number | null, detail: Record<string, unknown>): void {
    this.db.prepare('INSERT INTO audit_log (at, user, action, line_id, application_id, detail) VALUES (?, ?, ?, ?, ?, ?)').run(this.now(), user, action, lineId, applicationId, JSON.stringify(detail));
  }
}
