/**
 * Indexes for a year of data. `remit match` reads one payer's unexported payments in date
 * order (the index gives the payments by date, the lines' own unique key their lines, so
 * nothing is sorted); `remit export-gl` finds what no journal has posted yet from the few
 * unposted applications and deductions, not by reading every line of the year; `remit
 * status` counts open deductions and failed files without reading them all.
 */
export const name = '006-year-of-data';

export const sql = `
CREATE INDEX remittances_to_match ON remittances(company, payer, journal_id, payment_date);
CREATE INDEX applications_unposted ON applications(line_id) WHERE journal_id IS NULL AND status = 'applied';
CREATE INDEX deductions_unposted ON deductions(line_id) WHERE journal_id IS NULL;
CREATE INDEX deductions_open ON deductions(amount_minor) WHERE status = 'open';
CREATE INDEX documents_failed ON documents(company) WHERE status = 'failed';
`;
