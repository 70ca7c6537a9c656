/**
 * What the matcher needs from the ledger, and where its decisions are written. Work is read
 * one payer at a time (a year of data is a million lines), with one statement for the
 * payer's lines, one for their adjustments and one for its invoices; decisions are written
 * with prepared statements inside the caller's transaction.
 */
import type { PendingLine } from '../../domain/application.js';
import type { Invoice } from '../../domain/invoice.js';
import type { MatchStore } from '../ledger.js';
import type { DecisionWrite, LineState, LineStatus, MatchWork } from '../records.js';
import { Batched } from './batched.js';
import type { Scope } from './connection.js';
import { REMAINING } from './open-amount.js';

/** Columns of a pending line, in this order (raw rows: a payer has tens of thousands). */
type LineRow = [
  id: number, lineNo: number, paymentRef: string, reference: string, referenceKind: PendingLine['referenceKind'], po: string | null,
  currency: string, grossMinor: number | null, discountMinor: number, paidMinor: number, paymentDate: string, invoiceDate: string | null,
  status: LineStatus, note: string | null,
];

type InvoiceRow = [
  id: number, number: string, po: string | null, currency: string, originalMinor: number, inLatestSnapshot: number,
  invoiceDate: string | null, dueDate: string | null, remaining: number,
];

/** Lines still waiting for a decision: new ones, and unapplied or review ones that have no application. */
const WAITING = `(l.status = 'new' OR (l.status IN ('unapplied', 'review') AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.line_id = l.id)))`;

/**
 * The payers with lines waiting, found from the waiting lines themselves: the new ones (their
 * own partial index, lines_new) and those a person has not settled (lines_needing_person),
 * never by reading every payment of the ledger.
 */
const PAYERS = `SELECT DISTINCT r.company, r.payer FROM remittances r
  WHERE r.journal_id IS NULL AND (? IS NULL OR r.company = ?)
    AND r.id IN (
      SELECT l.remittance_id FROM remittance_lines l WHERE l.status = 'new'
      UNION
      SELECT l.remittance_id FROM remittance_lines l
      WHERE (l.status IN ('unapplied', 'review') OR l.unapplied_minor <> 0) AND l.status IN ('unapplied', 'review')
        AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.line_id = l.id))
  ORDER BY r.company, r.payer`;

const PENDING = `SELECT l.id, l.line_no, r.payment_ref, l.reference, l.reference_kind, l.po, r.currency, l.gross_minor,
    l.discount_minor, l.paid_minor, r.payment_date, l.invoice_date, l.status, l.note
  FROM remittances r JOIN remittance_lines l ON l.remittance_id = r.id
  WHERE r.company = ? AND r.payer = ? AND r.journal_id IS NULL AND ${WAITING}
  ORDER BY r.payment_date, r.id, l.line_no`;

const ADJUSTMENTS = `SELECT a.line_id, a.amount_minor, a.reason_raw, a.reason_code
  FROM remittances r JOIN remittance_lines l ON l.remittance_id = r.id JOIN line_adjustments a ON a.line_id = l.id
  WHERE r.company = ? AND r.payer = ? AND r.journal_id IS NULL ORDER BY a.line_id, a.id`;

const INVOICE_COLUMNS = `i.id, i.number, i.po, i.currency, i.original_minor, i.in_latest_snapshot, i.invoice_date, i.due_date, ${REMAINING} AS remaining`;

const INVOICES = `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.company = ? AND i.customer = ?`;

/** The payer's open set, from its partial index (invoices_open): never the closed invoices of history. */
const OPEN_INVOICES = `SELECT ${INVOICE_COLUMNS} FROM invoices i INDEXED BY invoices_open
  WHERE i.company = ? AND i.customer = ? AND i.in_latest_snapshot = 1`;

/**
 * Closed invoices of the payer with one of these numbers (a JSON array), each found by the
 * unique key (company, customer, number): CROSS JOIN keeps the numbers outside, or the
 * planner would read every invoice of the payer and compare.
 */
const CLOSED_NAMED = `SELECT ${INVOICE_COLUMNS} FROM json_each(?) n CROSS JOIN invoices i ON i.company = ? AND i.customer = ? AND i.number = n.value
  WHERE i.in_latest_snapshot = 0`;

// One row per run: a many-row insert into applications would also plan the foreign-key
// checks of the tables that point at it (audit_log, reversals) as scans.
const INSERT_APPLICATION = `INSERT INTO applications (line_id, invoice_id, cash_minor, discount_minor, deduction_minor, write_off_minor, method,
    confidence, explanation, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_DEDUCTION = 'INSERT INTO deductions (line_id, invoice_id, amount_minor, reason_code, reason_raw, created_at) VALUES (?, ?, ?, ?, ?, ?)';

export class SqliteMatching implements MatchStore {
  private setLine?: Batched;

  constructor(private readonly s: Scope) {}

  async payersWithWork(company?: string): Promise<Array<{ company: string; payer: string }>> {
    await this.s.ready();
    return this.s.conn.statement(PAYERS).all(company ?? null, company ?? null) as Array<{ company: string; payer: string }>;
  }

  async pendingFor(company: string, payer: string): Promise<MatchWork> {
    await this.s.ready();
    const adjustments = this.adjustmentsFor(company, payer);
    const rows = this.s.conn.statement(PENDING).raw(true).iterate(company, payer) as IterableIterator<LineRow>;
    // Row by row: each raw row is dropped as soon as its line is made.
    const lines: PendingLine[] = [];
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

  async invoicesForPayer(company: string, payer: string): Promise<Invoice[]> {
    await this.s.ready();
    return invoicesOf(this.s.conn.statement(INVOICES).raw(true).iterate(company, payer) as IterableIterator<InvoiceRow>);
  }

  async openInvoicesFor(company: string, payer: string): Promise<Invoice[]> {
    await this.s.ready();
    return invoicesOf(this.s.conn.statement(OPEN_INVOICES).raw(true).iterate(company, payer) as IterableIterator<InvoiceRow>);
  }

  async closedInvoicesNamed(company: string, payer: string, numbers: readonly string[]): Promise<Invoice[]> {
    if (numbers.length === 0) return [];
    await this.s.ready();
    return invoicesOf(this.s.conn.statement(CLOSED_NAMED).raw(true).iterate(JSON.stringify(numbers), company, payer) as IterableIterator<InvoiceRow>);
  }

  async write(decisions: readonly DecisionWrite[], createdBy: string): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    const now = conn.now();
    // Lines are updated in batches (a year of data is a million of them), in order.
    this.setLine ??= new Batched(
      conn.db,
      (rows) => `UPDATE remittance_lines SET status = v.column1, unapplied_minor = v.column2, note = v.column3, candidates = v.column4
                 FROM (VALUES ${rows}) AS v WHERE remittance_lines.id = v.column5`,
      5,
    );
    const setLine = this.setLine;
    const insertApplication = conn.statement(INSERT_APPLICATION);
    const insertDeduction = conn.statement(INSERT_DEDUCTION);
    // A line written twice in one call has its first update run before the second.
    const batched = new Set<number>();
    for (const d of decisions) {
      if (batched.has(d.lineId)) {
        setLine.flush();
        batched.clear();
      }
      batched.add(d.lineId);
      for (const a of d.applications) {
        insertApplication.run(d.lineId, a.invoiceId, a.cashMinor, a.discountMinor, a.deductionMinor, a.writeOffMinor, a.method, a.confidence,
          a.explanation, a.status, now, createdBy);
      }
      for (const x of d.deductions) insertDeduction.run(d.lineId, x.invoiceId, x.amountMinor, x.reasonCode, x.reasonRaw, now);
      setLine.add(d.status, d.unappliedMinor, d.note, d.candidates?.length ? JSON.stringify(d.candidates) : null, d.lineId);
    }
    setLine.flush();
  }

  async markMatched(): Promise<void> {
    await this.s.ready();
    // `+l.status`: the payment's own lines are few; the index of the new lines would have
    // each payment read all new lines of the ledger. The payments not matched yet have
    // their own partial index (remittances_unmatched): the night's, not the year's.
    this.s.conn
      .statement(
        `UPDATE remittances INDEXED BY remittances_unmatched SET matched_at = ? WHERE matched_at IS NULL AND NOT EXISTS (
           SELECT 1 FROM remittance_lines l WHERE l.remittance_id = remittances.id AND +l.status = 'new')`,
      )
      .run(this.s.conn.now());
  }

  /** The adjustments of a payer's unexported lines, by line, in the order they were read. */
  private adjustmentsFor(company: string, payer: string): Map<number, PendingLine['adjustments']> {
    const rows = this.s.conn.statement(ADJUSTMENTS).raw(true).all(company, payer) as Array<[lineId: number, amountMinor: number, reasonRaw: string, reasonCode: string]>;
    const byLine = new Map<number, PendingLine['adjustments']>();
    for (const [lineId, amountMinor, reasonRaw, reasonCode] of rows) {
      const adjustment = { amountMinor, reasonRaw, reasonCode };
      const list = byLine.get(lineId);
      if (list) list.push(adjustment);
      else byLine.set(lineId, [adjustment]);
    }
    return byLine;
  }
}

/** Invoice rows as the matcher takes them, row by row (a payer may have tens of thousands). */
function invoicesOf(rows: IterableIterator<InvoiceRow>): Invoice[] {
  const invoices: Invoice[] = [];
  for (const [id, number, po, currency, originalMinor, inLatestSnapshot, invoiceDate, dueDate, remaining] of rows) {
    invoices.push({
      id, number, po: po ?? undefined, currency, originalMinor, remainingMinor: remaining, open: inLatestSnapshot === 1,
      invoiceDate: invoiceDate ?? undefined, dueDate: dueDate ?? undefined,
    });
  }
  return invoices;
}
