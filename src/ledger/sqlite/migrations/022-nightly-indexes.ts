/**
 * Indexes for the night: a few thousand new lines on a ledger holding years of them. The
 * open invoices get a partial index of their own (the open set is what the ERP lists today,
 * a small part of every invoice ever seen), so `remit match` and a new snapshot read and
 * close the open set without touching the closed invoices of history; the lines not decided
 * yet, the payments not matched yet and the batches not finished have theirs (few: the
 * night's), so match finds its work, and each import its interrupted batches, without
 * reading every payment or batch. The notification
 * summary of a run (`reports.since()`) finds what the run wrote by time: applications and
 * deductions by when they were made, documents by when they arrived, batches by when they
 * began, instead of reading each table to its end. The report listings of applications and
 * deductions read payments in date order, so they print their first row without sorting
 * the ledger first.
 */
export const name = '022-nightly-indexes';

export const sql = `
CREATE INDEX lines_new ON remittance_lines(remittance_id) WHERE status = 'new';
CREATE INDEX remittances_unmatched ON remittances(id) WHERE matched_at IS NULL;
CREATE INDEX batches_unfinished ON batches(id) WHERE finished_at IS NULL;
CREATE INDEX invoices_open ON invoices(company, customer, currency) WHERE in_latest_snapshot = 1;
CREATE INDEX applications_by_time ON applications(created_at);
CREATE INDEX deductions_by_time ON deductions(created_at);
CREATE INDEX documents_by_time ON documents(received_at);
CREATE INDEX batches_by_time ON batches(started_at);
CREATE INDEX remittances_by_date ON remittances(payment_date);
`;
