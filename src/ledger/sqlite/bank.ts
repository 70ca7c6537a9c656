/** Bank files, statements, entries and reconciliations (migration 019). */
import type { BankEntryFacts, BankStatementFacts, ReconciliationDecision, ReconciliationStatus } from '../../domain/bank.js';
import type { Diagnostic } from '../../domain/document.js';
import type { BankFileRecord, CashCounts, CashRemittance, CashRow, NewBankFile, PostableReconciliation, StatementOutcome, StoredBankEntry } from '../bank-records.js';
import type { BankStore } from '../ledger.js';
import type { Scope } from './connection.js';

const ENTRY_INSERT = `INSERT INTO bank_entries (statement_id, company, account_id, currency, bank_ref, entry_key, entry_day, booking_date, value_date,
    amount_minor, kind, channel, kind_explanation, booking_status, details)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (company, account_id, currency, entry_key, entry_day, amount_minor) DO NOTHING`;

/** Fields kept in their own columns; the rest of an entry's facts are its `details` JSON. */
const COLUMNS = new Set(['bankRef', 'bookingDate', 'valueDate', 'amountMinor', 'currency', 'kind', 'channel', 'kindExplanation', 'bookingStatus']);

interface EntryRow {
  id: number;
  company: string;
  account_id: string;
  currency: string;
  bank_ref: string | null;
  booking_date: string | null;
  value_date: string | null;
  amount_minor: number;
  kind: string;
  channel: string | null;
  kind_explanation: string;
  booking_status: string;
  details: string;
  r_id: number | null;
  status: ReconciliationStatus | null;
  method: string | null;
  confidence: number | null;
  explanation: string | null;
  payer: string | null;
  invoice_id: number | null;
  invoice_number: string | null;
  fee_minor: number | null;
  links: string | null;
}

const ENTRY_SELECT = `SELECT e.id, e.company, e.account_id, e.currency, e.bank_ref, e.booking_date, e.value_date, e.amount_minor, e.kind, e.channel,
    e.kind_explanation, e.booking_status, e.details, r.id AS r_id, r.status, r.method, r.confidence, r.explanation, r.payer, r.invoice_id,
    r.invoice_number, r.fee_minor,
    (SELECT json_group_array(json_array(x.remittance_id, x.amount_minor)) FROM bank_reconciled_remittances x WHERE x.reconciliation_id = r.id) AS links
  FROM bank_entries e LEFT JOIN bank_reconciliations r ON r.entry_id = e.id`;

export class SqliteBank implements BankStore {
  constructor(private readonly s: Scope) {}

  async fileBySha(sha256: string): Promise<BankFileRecord | undefined> {
    await this.s.ready();
    return this.s.conn.statement(`SELECT id, sha256, original_name AS originalName, format, company, received_at AS receivedAt,
        statement_count AS statementCount, entry_count AS entryCount, duplicate_count AS duplicateCount FROM bank_files WHERE sha256 = ?`).get(sha256) as
      | BankFileRecord
      | undefined;
  }

  async recordFile(file: NewBankFile): Promise<number> {
    await this.s.ready();
    const result = this.s.conn
      .statement(`INSERT INTO bank_files (sha256, original_name, source, format, file_ref, company, inbox_path, size_bytes, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(file.sha256, file.originalName, file.source, file.format, file.fileRef, file.company, file.inboxPath, file.sizeBytes, this.s.conn.now());
    return Number(result.lastInsertRowid);
  }

  async finishFile(fileId: number, outcome: { statements: number; entries: number; duplicates: number; diagnostics: Diagnostic[] }): Promise<void> {
    await this.s.ready();
    this.s.conn
      .statement('UPDATE bank_files SET statement_count = ?, entry_count = ?, duplicate_count = ?, diagnostics = ? WHERE id = ?')
      .run(outcome.statements, outcome.entries, outcome.duplicates, JSON.stringify(outcome.diagnostics), fileId);
  }

  async addStatement(fileId: number, company: string, st: BankStatementFacts): Promise<StatementOutcome> {
    await this.s.ready();
    const { conn } = this.s;
    const key = [st.accountId, st.currency, st.date ?? '', st.statementRef ?? '', st.sequence ?? ''].join('|');
    const existing = conn.statement('SELECT id FROM bank_statements WHERE company = ? AND natural_key = ?').get(company, key) as { id: number } | undefined;
    if (existing) return { created: false, id: existing.id };
    const result = conn
      .statement(`INSERT INTO bank_statements (file_id, company, format, account_id, bank_id, currency, statement_ref, sequence, statement_date,
          opening_minor, closing_minor, natural_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(fileId, company, st.format, st.accountId, st.bankId ?? null, st.currency, st.statementRef ?? null, st.sequence ?? null, st.date ?? null,
        st.openingMinor ?? null, st.closingMinor ?? null, key);
    return { created: true, id: Number(result.lastInsertRowid) };
  }

  async addEntry(statementId: number, company: string, accountId: string, entry: BankEntryFacts): Promise<boolean> {
    await this.s.ready();
    const details: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(entry)) if (!COLUMNS.has(field) && value !== undefined) details[field] = value;
    // An entry the bank gives no reference is known by its place in its statement.
    const key = entry.bankRef ?? `#${statementId}:${entry.position}`;
    const day = entry.valueDate ?? entry.bookingDate ?? '';
    const result = this.s.conn
      .statement(ENTRY_INSERT)
      .run(statementId, company, accountId, entry.currency, entry.bankRef ?? null, key, day, entry.bookingDate ?? null, entry.valueDate ?? null,
        entry.amountMinor, entry.kind, entry.channel ?? null, entry.kindExplanation, entry.bookingStatus, JSON.stringify(details));
    return result.changes > 0;
  }

  async entries(company: string): Promise<StoredBankEntry[]> {
    await this.s.ready();
    const rows = this.s.conn.statement(`${ENTRY_SELECT} WHERE e.company = ? ORDER BY COALESCE(e.value_date, e.booking_date), e.id`).all(company) as EntryRow[];
    return rows.map(entryOf);
  }

  async cashRemittances(company: string): Promise<CashRemittance[]> {
    await this.s.ready();
    const rows = this.s.conn
      .statement(`SELECT r.id, r.company, r.payer, r.payer_name AS payerName, r.payment_ref AS paymentRef, r.payment_date AS paymentDate, r.currency,
          r.total_minor AS totalMinor, r.method,
          (SELECT json_group_array(json_array(c.entry_id, e.bank_ref, c.status)) FROM bank_reconciled_remittances x
             JOIN bank_reconciliations c ON c.id = x.reconciliation_id JOIN bank_entries e ON e.id = c.entry_id WHERE x.remittance_id = r.id) AS paid
        FROM remittances r WHERE r.company = ? ORDER BY r.payment_date, r.id`)
      .all(company) as Array<Omit<CashRemittance, 'paidBy'> & { paid: string }>;
    return rows.map(({ paid, ...r }) => ({
      ...r,
      paidBy: (JSON.parse(paid) as Array<[number, string | null, ReconciliationStatus]>).map(([entryId, bankRef, status]) => ({ entryId, bankRef, status })),
    }));
  }

  async decide(entryId: number, decision: ReconciliationDecision, createdBy: string): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    const old = conn.statement('SELECT id FROM bank_reconciliations WHERE entry_id = ?').get(entryId) as { id: number } | undefined;
    if (old) {
      conn.statement('DELETE FROM bank_reconciled_remittances WHERE reconciliation_id = ?').run(old.id);
      conn.statement('DELETE FROM bank_reconciliations WHERE id = ?').run(old.id);
    }
    const result = conn
      .statement(`INSERT INTO bank_reconciliations (entry_id, status, method, confidence, explanation, payer, invoice_id, invoice_number, fee_minor, created_at, created_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(entryId, decision.status, decision.method, decision.confidence, decision.explanation, decision.payer ?? null, decision.invoice?.id ?? null,
        decision.invoice?.number ?? null, decision.feeMinor, conn.now(), createdBy);
    const id = Number(result.lastInsertRowid);
    const link = conn.statement('INSERT INTO bank_reconciled_remittances (reconciliation_id, remittance_id, amount_minor) VALUES (?, ?, ?)');
    for (const r of decision.remittances) link.run(id, r.remittanceId, r.amountMinor);
  }

  async postableReconciliations(company: string): Promise<PostableReconciliation[]> {
    await this.s.ready();
    const rows = this.s.conn
      .statement(`SELECT e.id AS entryId, c.id AS reconciliationId, e.company, e.account_id AS accountId, e.currency, e.bank_ref AS bankRef,
          COALESCE(e.value_date, e.booking_date, e.entry_day) AS entryDate, e.amount_minor AS amountMinor, c.status, c.method, c.payer,
          c.invoice_number AS invoiceNumber, c.fee_minor AS feeMinor,
          (SELECT json_group_array(json_array(l.remittance_id, r.payer, r.payment_ref, l.amount_minor)) FROM bank_reconciled_remittances l
             JOIN remittances r ON r.id = l.remittance_id WHERE l.reconciliation_id = c.id) AS links
        FROM bank_entries e JOIN bank_reconciliations c ON c.entry_id = e.id
        WHERE e.company = ? AND (c.status IN ('reconciled', 'returned') OR (c.status = 'unidentified' AND c.method = 'on-account' AND c.payer IS NOT NULL AND e.amount_minor > 0))
          AND NOT EXISTS (SELECT 1 FROM bank_postings p WHERE p.entry_id = e.id)
        ORDER BY e.id`)
      .all(company) as Array<Omit<PostableReconciliation, 'remittances'> & { links: string }>;
    return rows.map(({ links, ...row }) => ({
      ...row,
      remittances: (JSON.parse(links) as Array<[number, string, string, number]>)
        .sort((a, b) => a[0] - b[0])
        .map(([remittanceId, payer, paymentRef, amountMinor]) => ({ remittanceId, payer, paymentRef, amountMinor })),
    }));
  }

  async markPosted(journalId: number, postings: ReadonlyArray<{ entryId: number; reconciliationId: number }>): Promise<void> {
    await this.s.ready();
    const insert = this.s.conn.statement('INSERT INTO bank_postings (entry_id, reconciliation_id, journal_id) VALUES (?, ?, ?)');
    for (const p of postings) insert.run(p.entryId, p.reconciliationId, journalId);
  }

  async payerNames(company: string): Promise<Array<{ payer: string; name: string }>> {
    await this.s.ready();
    return this.s.conn
      .statement(`SELECT DISTINCT customer AS payer, customer_name AS name FROM invoices WHERE company = @company AND customer_name IS NOT NULL
        UNION SELECT DISTINCT payer, payer_name FROM remittances WHERE company = @company AND payer_name IS NOT NULL`)
      .all({ company }) as Array<{ payer: string; name: string }>;
  }

  async paidPaymentRefs(company: string, payer: string): Promise<string[]> {
    await this.s.ready();
    const rows = this.s.conn
      .statement(`SELECT DISTINCT r.payment_ref AS ref FROM remittances r WHERE r.company = ? AND r.payer = ? AND NOT ${NO_CASH}`)
      .all(company, payer) as Array<{ ref: string }>;
    return rows.map((r) => r.ref);
  }

  async companies(): Promise<string[]> {
    await this.s.ready();
    return (this.s.conn.statement('SELECT DISTINCT company FROM bank_entries ORDER BY company').all() as Array<{ company: string }>).map((r) => r.company);
  }

  async cashRows(company?: string): Promise<CashRow[]> {
    await this.s.ready();
    const { conn } = this.s;
    const entries = conn
      .statement(`SELECT e.id AS entryId, e.company, e.bank_ref AS entryRef, e.account_id AS accountId, COALESCE(e.value_date, e.booking_date) AS valueDate,
          e.amount_minor AS amountMinor, e.currency, COALESCE(c.status, 'pending') AS status, c.payer, c.invoice_number AS invoice, c.method, c.confidence,
          COALESCE(c.fee_minor, 0) AS feeMinor, c.explanation, json_extract(e.details, '$.debtorName') AS debtorName,
          (SELECT json_group_array(r.payer || '|' || r.payment_ref) FROM bank_reconciled_remittances x JOIN remittances r ON r.id = x.remittance_id
             WHERE x.reconciliation_id = c.id) AS refs
        FROM bank_entries e LEFT JOIN bank_reconciliations c ON c.entry_id = e.id
        WHERE (@company IS NULL OR e.company = @company) ORDER BY 5, e.id`)
      .all({ company: company ?? null }) as Array<Omit<CashRow, 'kind' | 'paymentRefs' | 'paymentDate'> & { refs: string }>;
    const rows: CashRow[] = entries.map(({ refs, ...e }) => ({ kind: 'bank-entry', ...e, paymentRefs: JSON.parse(refs) as string[], paymentDate: null }));
    // Remittances with no cash: never paid by an entry, or paid and then returned.
    const remittances = conn
      .statement(`SELECT r.company, r.payer, r.payment_ref AS paymentRef, r.payment_date AS paymentDate, r.total_minor AS amountMinor, r.currency
        FROM remittances r WHERE (@company IS NULL OR r.company = @company) AND ${NO_CASH} ORDER BY r.payment_date, r.id`)
      .all({ company: company ?? null }) as Array<{ company: string; payer: string; paymentRef: string; paymentDate: string; amountMinor: number; currency: string }>;
    for (const r of remittances) {
      rows.push({
        kind: 'remittance', company: r.company, entryId: null, entryRef: null, accountId: null, valueDate: null, amountMinor: r.amountMinor, currency: r.currency,
        status: 'none', payer: r.payer, paymentRefs: [`${r.payer}|${r.paymentRef}`], invoice: null, method: null, confidence: null, feeMinor: 0,
        explanation: null, paymentDate: r.paymentDate, debtorName: null,
      });
    }
    return rows;
  }

  async counts(company?: string): Promise<CashCounts> {
    await this.s.ready();
    const { conn } = this.s;
    const e = conn
      .statement(`SELECT COUNT(*) AS entries, COUNT(c.id) AS decided,
          COALESCE(SUM(c.status = 'reconciled'), 0) AS reconciled, COALESCE(SUM(c.status = 'unidentified'), 0) AS unidentified,
          COALESCE(SUM(CASE WHEN c.status = 'unidentified' THEN e.amount_minor ELSE 0 END), 0) AS unidentifiedMinor,
          COALESCE(SUM(c.status = 'ignored'), 0) AS ignored, COALESCE(SUM(c.status = 'returned'), 0) AS returned
        FROM bank_entries e LEFT JOIN bank_reconciliations c ON c.entry_id = e.id WHERE (@company IS NULL OR e.company = @company)`)
      .get({ company: company ?? null }) as { entries: number; decided: number; reconciled: number; unidentified: number; unidentifiedMinor: number; ignored: number; returned: number };
    const r = conn
      .statement(`SELECT COUNT(*) AS total, COALESCE(SUM(${NO_CASH}), 0) AS without FROM remittances r WHERE (@company IS NULL OR r.company = @company)`)
      .get({ company: company ?? null }) as { total: number; without: number };
    return {
      entries: e.entries, reconciled: e.reconciled, unidentified: e.unidentified, unidentifiedMinor: e.unidentifiedMinor, ignored: e.ignored, returned: e.returned,
      pending: e.entries - e.decided, remittancesWithCash: r.total - r.without, remittancesWithoutCash: r.without,
    };
  }
}

/** A remittance with no cash: as many returns took cash back as credits brought it. */
const NO_CASH = `(SELECT COALESCE(SUM(CASE c.status WHEN 'reconciled' THEN 1 WHEN 'returned' THEN -1 ELSE 0 END), 0)
  FROM bank_reconciled_remittances x JOIN bank_reconciliations c ON c.id = x.reconciliation_id WHERE x.remittance_id = r.id) <= 0`;

function entryOf(row: EntryRow): StoredBankEntry {
  const details = JSON.parse(row.details) as Omit<BankEntryFacts, 'amountMinor' | 'currency' | 'kind' | 'kindExplanation' | 'bookingStatus'>;
  const entry: StoredBankEntry = {
    ...details,
    id: row.id,
    company: row.company,
    accountId: row.account_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    kind: row.kind as BankEntryFacts['kind'],
    kindExplanation: row.kind_explanation,
    bookingStatus: row.booking_status as BankEntryFacts['bookingStatus'],
  };
  if (row.bank_ref !== null) entry.bankRef = row.bank_ref;
  if (row.booking_date !== null) entry.bookingDate = row.booking_date;
  if (row.value_date !== null) entry.valueDate = row.value_date;
  if (row.channel !== null) entry.channel = row.channel;
  if (row.r_id !== null) {
    const decision: ReconciliationDecision = {
      status: row.status!, method: row.method!, confidence: row.confidence!, explanation: row.explanation!, feeMinor: row.fee_minor ?? 0,
      remittances: (JSON.parse(row.links ?? '[]') as Array<[number, number]>).map(([remittanceId, amountMinor]) => ({ remittanceId, amountMinor })),
    };
    if (row.payer !== null) decision.payer = row.payer;
    if (row.invoice_id !== null) decision.invoice = { id: row.invoice_id, number: row.invoice_number ?? '' };
    entry.decision = decision;
  }
  return entry;
}
