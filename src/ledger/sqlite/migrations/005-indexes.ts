/** Indexes for the per-batch counts and the "needs a person" lists, so they stay fast on a large ledger. */
export const name = '005-indexes';

export const sql = `
CREATE INDEX documents_by_batch ON documents(batch_id);
CREATE INDEX remittances_by_batch ON remittances(batch_id);
CREATE INDEX lines_needing_person ON remittance_lines(remittance_id) WHERE status IN ('unapplied', 'review') OR unapplied_minor <> 0;
CREATE INDEX remittances_needing_review ON remittances(payment_date) WHERE needs_review = 1;
`;
