/**
 * The records behind what operators do by hand: lines, applications (never edited: an undo
 * is a mirror application), deductions, the audit log and the learned rules. Whether an
 * action is allowed, and what it changes, is decided in pipeline/review.
 */
import type { Minor } from '../../core/money.js';
import type { Candidate, LearnedRule } from '../../domain/application.js';
import type { DecisionStore } from '../ledger.js';
import type { ApplicationRecord, AuditEntry, DeductionRecord, DeductionStatus, LineRecord, LineStatus, NewApplication, NewDeduction, RuleRecord } from '../records.js';
import type { Scope } from './connection.js';

const LINE = `SELECT l.id, l.remittance_id AS remittanceId, r.company, r.payer, r.payment_ref AS paymentRef, r.payment_date AS paymentDate,
    r.currency, l.line_no AS lineNo, l.reference, l.po, l.paid_minor AS paidMinor, l.unapplied_minor AS unappliedMinor, l.status, l.note,
    l.candidates, r.journal_id AS journalId
  FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE l.id = ?`;

const APPLICATION = `SELECT a.id, a.line_id AS lineId, a.invoice_id AS invoiceId, i.number AS invoiceNumber, a.cash_minor AS cashMinor,
    a.discount_minor AS discountMinor, a.deduction_minor AS deductionMinor, a.write_off_minor AS writeOffMinor, a.method, a.confidence,
    a.status, a.explanation, a.reverses_id AS reversesId, a.journal_id AS journalId, a.created_by AS createdBy, a.created_at AS createdAt
  FROM applications a JOIN invoices i ON i.id = a.invoice_id`;

const DEDUCTION = `SELECT id, line_id AS lineId, invoice_id AS invoiceId, amount_minor AS amountMinor, reason_code AS reasonCode,
    reason_raw AS reasonRaw, status, reverses_id AS reversesId, journal_id AS journalId FROM deductions`;

export class SqliteDecisions implements DecisionStore {
  constructor(private readonly s: Scope) {}

  async line(lineId: number): Promise<LineRecord | undefined> {
    await this.s.ready();
    const row = this.s.conn.statement(LINE).get(lineId) as (Omit<LineRecord, 'candidates'> & { candidates: string | null }) | undefined;
    return row ? { ...row, candidates: decodeCandidates(row.candidates) } : undefined;
  }

  async linesOfPayment(paymentRef: string, lineNo?: number): Promise<number[]> {
    await this.s.ready();
    return this.s.conn
      .statement('SELECT l.id FROM remittances r JOIN remittance_lines l ON l.remittance_id = r.id WHERE r.payment_ref = ? AND (? IS NULL OR l.line_no = ?) ORDER BY l.id LIMIT 50')
      .pluck()
      .all(paymentRef, lineNo ?? null, lineNo ?? null) as number[];
  }

  async linesNamingInvoice(number: string): Promise<number[]> {
    await this.s.ready();
    return this.s.conn
      .statement(
        `SELECT id FROM remittance_lines WHERE reference = ?
         UNION SELECT a.line_id FROM applications a JOIN invoices i ON i.id = a.invoice_id WHERE i.number = ? ORDER BY 1 LIMIT 50`,
      )
      .pluck()
      .all(number, number) as number[];
  }

  async application(applicationId: number): Promise<ApplicationRecord | undefined> {
    await this.s.ready();
    return this.s.conn.statement(`${APPLICATION} WHERE a.id = ?`).get(applicationId) as ApplicationRecord | undefined;
  }

  async applicationsOf(lineId: number): Promise<ApplicationRecord[]> {
    await this.s.ready();
    return this.s.conn.statement(`${APPLICATION} WHERE a.line_id = ? ORDER BY a.id`).all(lineId) as ApplicationRecord[];
  }

  async reversalOf(applicationId: number): Promise<number | undefined> {
    await this.s.ready();
    return (this.s.conn.statement('SELECT id FROM applications WHERE reverses_id = ?').pluck().get(applicationId) as number | undefined) ?? undefined;
  }

  async proposal(lineId: number, invoiceId: number, cashMinor: Minor): Promise<number | undefined> {
    await this.s.ready();
    return this.s.conn
      .statement(`SELECT id FROM applications WHERE line_id = ? AND invoice_id = ? AND status = 'proposed' AND cash_minor = ?
                  AND discount_minor = 0 AND deduction_minor = 0 AND write_off_minor = 0`)
      .pluck()
      .get(lineId, invoiceId, cashMinor) as number | undefined;
  }

  async confirmProposal(applicationId: number, user: string, note: string): Promise<void> {
    await this.s.ready();
    this.s.conn.statement(`UPDATE applications SET status = 'applied', explanation = explanation || ?, created_by = ? WHERE id = ?`).run(note, user, applicationId);
  }

  async addApplication(a: NewApplication): Promise<number> {
    await this.s.ready();
    const { conn } = this.s;
    return Number(
      conn
        .statement(
          `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method, confidence,
             explanation, status, created_at, created_by, reverses_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(a.lineId, a.invoiceId, a.cashMinor, a.discountMinor, a.deductionMinor, a.writeOffMinor, a.method, a.confidence, a.explanation,
          a.status, conn.now(), a.createdBy, a.reversesId ?? null).lastInsertRowid,
    );
  }

  async setLine(lineId: number, state: { status: LineStatus; note: string; unappliedMinor?: Minor; addUnappliedMinor?: Minor }): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    if (state.unappliedMinor !== undefined) {
      conn.statement('UPDATE remittance_lines SET unapplied_minor = ?, status = ?, note = ? WHERE id = ?').run(state.unappliedMinor, state.status, state.note, lineId);
    } else {
      conn.statement('UPDATE remittance_lines SET unapplied_minor = unapplied_minor + ?, status = ?, note = ? WHERE id = ?')
        .run(state.addUnappliedMinor ?? 0, state.status, state.note, lineId);
    }
  }

  async openDeductions(lineId: number, invoiceId?: number | null): Promise<DeductionRecord[]> {
    await this.s.ready();
    const open = `${DEDUCTION} WHERE line_id = ? AND status = 'open' AND reverses_id IS NULL`;
    if (invoiceId === undefined) return this.s.conn.statement(`${open} ORDER BY id`).all(lineId) as DeductionRecord[];
    return this.s.conn.statement(`${open} AND invoice_id IS ? ORDER BY id`).all(lineId, invoiceId) as DeductionRecord[];
  }

  async addDeduction(d: NewDeduction): Promise<number> {
    await this.s.ready();
    const { conn } = this.s;
    return Number(
      conn
        .statement('INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, status, created_at, reverses_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(d.lineId, d.invoiceId, d.amountMinor, d.reasonCode, d.reasonRaw, d.status ?? 'open', conn.now(), d.reversesId ?? null).lastInsertRowid,
    );
  }

  async setDeductionStatus(deductionId: number, status: DeductionStatus): Promise<void> {
    await this.s.ready();
    this.s.conn.statement('UPDATE deductions SET status = ? WHERE id = ?').run(status, deductionId);
  }

  async recodeDeductions(lineId: number, reasonCode: string): Promise<number> {
    await this.s.ready();
    return this.s.conn.statement(`UPDATE deductions SET reason_code = ? WHERE line_id = ? AND status = 'open' AND reverses_id IS NULL`).run(reasonCode, lineId).changes;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn.statement('INSERT INTO audit_log (at, user, action, line_id, application_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(conn.now(), entry.user, entry.action, entry.lineId, entry.applicationId, JSON.stringify(entry.detail));
  }

  async rules(): Promise<RuleRecord[]> {
    await this.s.ready();
    const rows = this.s.conn.statement('SELECT * FROM learned_rules ORDER BY payer, id').all() as Array<{
      id: number; payer: string; kind: LearnedRule['kind']; value: string; reason_code: string | null; created_at: string; created_by: string;
    }>;
    return rows.map((r) => ({ id: r.id, payer: r.payer, kind: r.kind, value: r.value, ...(r.reason_code ? { reasonCode: r.reason_code } : {}), createdAt: r.created_at, createdBy: r.created_by }));
  }

  async addRule(rule: LearnedRule, user: string): Promise<boolean> {
    await this.s.ready();
    const { conn } = this.s;
    return conn
      .statement('INSERT OR IGNORE INTO learned_rules (payer, kind, value, reason_code, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(rule.payer, rule.kind, rule.value, rule.reasonCode ?? null, conn.now(), user).changes > 0;
  }

  async removeRule(ruleId: number): Promise<boolean> {
    await this.s.ready();
    return this.s.conn.statement('DELETE FROM learned_rules WHERE id = ?').run(ruleId).changes > 0;
  }
}

/** The candidates column holds the matcher's ranked choices as JSON; anything else reads as none. */
function decodeCandidates(json: string | null): Candidate[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) return [];
  return value.filter(
    (c): c is Candidate =>
      typeof c === 'object' && c !== null && Array.isArray((c as Candidate).invoiceIds) && Array.isArray((c as Candidate).invoiceNumbers) &&
      typeof (c as Candidate).score === 'number' && typeof (c as Candidate).reason === 'string',
  );
}
