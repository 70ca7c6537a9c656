/** Matching beyond exact references: small differences written off, ranked candidates for review. */
export const name = '003-matching';

export const sql = `
ALTER TABLE applications ADD COLUMN write_off_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE remittance_lines ADD COLUMN candidates TEXT;
`;
