/**
 * Export as a two-phase commit (issue 13) in every ERP format (issue 15): a journal is
 * recorded with its posting date, its state (`recorded` until every file is in place, then
 * `placed`) and each file it writes (target path, sha256, and for the ERP formats the bytes
 * themselves, gzip'd, so an unfinished or re-exported journal is written again byte-identical
 * whatever remit.yaml says by then). The generic journal is rewritten from journal_lines, which
 * now carry the entry's document number, company and customer.
 */
export const name = '018-journal-files';

export const sql = `
ALTER TABLE journals ADD COLUMN state TEXT NOT NULL DEFAULT 'placed';
ALTER TABLE journals ADD COLUMN posting_date TEXT;
ALTER TABLE journals ADD COLUMN sha256 TEXT;
ALTER TABLE journal_lines ADD COLUMN document_no TEXT;
ALTER TABLE journal_lines ADD COLUMN company TEXT;
ALTER TABLE journal_lines ADD COLUMN customer TEXT;
CREATE TABLE journal_files (
  journal_id INTEGER NOT NULL REFERENCES journals(id),
  seq INTEGER NOT NULL,
  suffix TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  content BLOB,
  PRIMARY KEY (journal_id, seq)
);
CREATE INDEX journals_unplaced ON journals(state) WHERE state <> 'placed';
`;
