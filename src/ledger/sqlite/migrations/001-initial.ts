/** The first ledger schema: the concepts of DESIGN.md, one table each. */
export const name = '001-initial';

export const sql = `
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  company TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('import', 'fetch')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  note TEXT
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL,
  source TEXT NOT NULL,
  format TEXT,
  status TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'failed')),
  error TEXT,
  diagnostics TEXT NOT NULL DEFAULT '[]',
  size_bytes INTEGER NOT NULL,
  inbox_path TEXT NOT NULL,
  company TEXT NOT NULL,
  payer TEXT,
  batch_id INTEGER REFERENCES batches(id),
  received_at TEXT NOT NULL,
  remittance_count INTEGER NOT NULL DEFAULT 0,
  duplicate_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE journals (
  id INTEGER PRIMARY KEY,
  company TEXT NOT NULL,
  created_at TEXT NOT NULL,
  format TEXT NOT NULL,
  file TEXT NOT NULL,
  line_count INTEGER NOT NULL,
  debit_minor INTEGER NOT NULL,
  credit_minor INTEGER NOT NULL,
  last_snapshot_id INTEGER
);

CREATE TABLE journal_lines (
  id INTEGER PRIMARY KEY,
  journal_id INTEGER NOT NULL REFERENCES journals(id),
  line_no INTEGER NOT NULL,
  entry_date TEXT NOT NULL,
  account TEXT NOT NULL,
  debit_minor INTEGER NOT NULL,
  credit_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  payer TEXT NOT NULL,
  payment_ref TEXT NOT NULL,
  invoice TEXT,
  memo TEXT NOT NULL,
  UNIQUE (journal_id, line_no)
);

CREATE TABLE remittances (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  batch_id INTEGER NOT NULL REFERENCES batches(id),
  company TEXT NOT NULL,
  payer TEXT NOT NULL,
  payer_name TEXT,
  payment_ref TEXT NOT NULL,
  payment_date TEXT NOT NULL,
  currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  stated_total_minor INTEGER,
  method TEXT,
  needs_review INTEGER NOT NULL DEFAULT 0,
  review_reason TEXT,
  matched_at TEXT,
  journal_id INTEGER REFERENCES journals(id),
  UNIQUE (company, payer, payment_ref, payment_date, total_minor)
);
CREATE INDEX remittances_unexported ON remittances(company, journal_id);

CREATE TABLE remittance_lines (
  id INTEGER PRIMARY KEY,
  remittance_id INTEGER NOT NULL REFERENCES remittances(id),
  line_no INTEGER NOT NULL,
  reference TEXT NOT NULL,
  reference_kind TEXT NOT NULL,
  po TEXT,
  invoice_date TEXT,
  description TEXT,
  gross_minor INTEGER,
  discount_minor INTEGER NOT NULL,
  paid_minor INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'applied', 'deduction', 'unapplied', 'review')),
  unapplied_minor INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  UNIQUE (remittance_id, line_no)
);
CREATE INDEX lines_by_status ON remittance_lines(status);

CREATE TABLE line_adjustments (
  id INTEGER PRIMARY KEY,
  line_id INTEGER NOT NULL REFERENCES remittance_lines(id),
  amount_minor INTEGER NOT NULL,
  reason_raw TEXT NOT NULL,
  reason_code TEXT NOT NULL
);
CREATE INDEX adjustments_by_line ON line_adjustments(line_id);

CREATE TABLE invoice_snapshots (
  id INTEGER PRIMARY KEY,
  company TEXT NOT NULL,
  source_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  row_count INTEGER NOT NULL
);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  company TEXT NOT NULL,
  customer TEXT NOT NULL,
  customer_name TEXT,
  number TEXT NOT NULL,
  po TEXT,
  invoice_date TEXT,
  due_date TEXT,
  currency TEXT NOT NULL,
  original_minor INTEGER NOT NULL,
  open_minor INTEGER NOT NULL,
  snapshot_id INTEGER NOT NULL REFERENCES invoice_snapshots(id),
  in_latest_snapshot INTEGER NOT NULL DEFAULT 1,
  UNIQUE (company, customer, number)
);
CREATE INDEX invoices_by_payer ON invoices(company, customer, currency, in_latest_snapshot);

CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  line_id INTEGER NOT NULL REFERENCES remittance_lines(id),
  invoice_id INTEGER NOT NULL REFERENCES invoices(id),
  cash_minor INTEGER NOT NULL,
  discount_minor INTEGER NOT NULL,
  deduction_minor INTEGER NOT NULL,
  method TEXT NOT NULL,
  confidence REAL NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'proposed')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  journal_id INTEGER REFERENCES journals(id)
);
CREATE INDEX applications_by_line ON applications(line_id);
CREATE INDEX applications_by_invoice ON applications(invoice_id);

CREATE TABLE deductions (
  id INTEGER PRIMARY KEY,
  line_id INTEGER NOT NULL REFERENCES remittance_lines(id),
  invoice_id INTEGER REFERENCES invoices(id),
  amount_minor INTEGER NOT NULL,
  reason_code TEXT NOT NULL,
  reason_raw TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  created_at TEXT NOT NULL,
  journal_id INTEGER REFERENCES journals(id)
);
CREATE INDEX deductions_by_line ON deductions(line_id);
`;
