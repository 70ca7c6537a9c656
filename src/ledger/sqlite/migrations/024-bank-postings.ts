/**
 * Which bank entries' reconciliations a journal posted (Dr bank / Cr clearing, fees, unapplied
 * cash, returns): one row per entry, written in the journal's transaction, so an export posts
 * an entry once, whatever reconciliation decides again later.
 */
export const name = '024-bank-postings';

export const sql = `
CREATE TABLE bank_postings (
  entry_id INTEGER PRIMARY KEY REFERENCES bank_entries(id),
  reconciliation_id INTEGER NOT NULL,
  journal_id INTEGER NOT NULL REFERENCES journals(id)
);
`;
