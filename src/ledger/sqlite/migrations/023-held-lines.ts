/**
 * A line still awaiting review when its payment is exported is not posted (issue 15): its
 * unapplied cash is held (held_minor, in the journal held_journal_id) and stays in bank
 * clearing until the line is decided; the first export after that posts it.
 * (Written as a second 018 on its branch; numbered 023 when merged, after 022.)
 */
export const name = '023-held-lines';

export const sql = `
ALTER TABLE remittance_lines ADD COLUMN held_minor INTEGER;
ALTER TABLE remittance_lines ADD COLUMN held_journal_id INTEGER REFERENCES journals(id);
CREATE INDEX remittance_lines_held ON remittance_lines(remittance_id) WHERE held_journal_id IS NOT NULL;
`;
