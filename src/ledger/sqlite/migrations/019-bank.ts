/**
 * The cash side: bank files (originals kept in inbox/), their statements and entries, and
 * what reconciliation decided for each entry. A statement is known by its account, currency,
 * date and the bank's statement id; an entry by its account, currency, bank reference, day
 * and amount, so the same statement or entry read twice (a re-download, another format of
 * the same day) is recognised and kept once.
 */
export const name = '019-bank';

export const sql = `
CREATE TABLE bank_files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL,
  source TEXT NOT NULL,
  format TEXT NOT NULL,
  file_ref TEXT,
  company TEXT NOT NULL,
  inbox_path TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  statement_count INTEGER NOT NULL DEFAULT 0,
  entry_count INTEGER NOT NULL DEFAULT 0,
  duplicate_count INTEGER NOT NULL DEFAULT 0,
  diagnostics TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE bank_statements (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES bank_files(id),
  company TEXT NOT NULL,
  format TEXT NOT NULL,
  account_id TEXT NOT NULL,
  bank_id TEXT,
  currency TEXT NOT NULL,
  statement_ref TEXT,
  sequence TEXT,
  statement_date TEXT,
  opening_minor INTEGER,
  closing_minor INTEGER,
  natural_key TEXT NOT NULL,
  UNIQUE (company, natural_key)
);

CREATE TABLE bank_entries (
  id INTEGER PRIMARY KEY,
  statement_id INTEGER NOT NULL REFERENCES bank_statements(id),
  company TEXT NOT NULL,
  account_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  bank_ref TEXT,
  entry_key TEXT NOT NULL,
  entry_day TEXT NOT NULL,
  booking_date TEXT,
  value_date TEXT,
  amount_minor INTEGER NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT,
  kind_explanation TEXT NOT NULL,
  booking_status TEXT NOT NULL,
  details TEXT NOT NULL,
  UNIQUE (company, account_id, currency, entry_key, entry_day, amount_minor)
);
CREATE INDEX bank_entries_by_company ON bank_entries(company, currency);

CREATE TABLE bank_reconciliations (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL UNIQUE REFERENCES bank_entries(id),
  status TEXT NOT NULL CHECK (status IN ('reconciled', 'unidentified', 'ignored', 'returned')),
  method TEXT NOT NULL,
  confidence REAL NOT NULL,
  explanation TEXT NOT NULL,
  payer TEXT,
  invoice_id INTEGER REFERENCES invoices(id),
  invoice_number TEXT,
  fee_minor INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE bank_reconciled_remittances (
  reconciliation_id INTEGER NOT NULL REFERENCES bank_reconciliations(id),
  remittance_id INTEGER NOT NULL REFERENCES remittances(id),
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (reconciliation_id, remittance_id)
);
CREATE INDEX bank_reconciled_by_remittance ON bank_reconciled_remittances(remittance_id);
`;
