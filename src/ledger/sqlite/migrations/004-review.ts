/** Review by operators: their actions (who, when, what), reversals, and what remit learned from them. */
export const name = '004-review';

export const sql = `
ALTER TABLE applications ADD COLUMN reverses_id INTEGER REFERENCES applications(id);
ALTER TABLE deductions ADD COLUMN reverses_id INTEGER REFERENCES deductions(id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  line_id INTEGER REFERENCES remittance_lines(id),
  application_id INTEGER REFERENCES applications(id),
  detail TEXT NOT NULL
);

CREATE TABLE learned_rules (
  id INTEGER PRIMARY KEY,
  payer TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  reason_code TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (payer, kind, value)
);
`;
