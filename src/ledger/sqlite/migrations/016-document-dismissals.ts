/**
 * A failed document a person has looked at and let go (`remit documents dismiss`): kept, with
 * who, when and why, and no longer counted as failed in `remit status`.
 */
export const name = '016-document-dismissals';

export const sql = `
ALTER TABLE documents ADD COLUMN dismissed_at TEXT;
ALTER TABLE documents ADD COLUMN dismissed_by TEXT;
ALTER TABLE documents ADD COLUMN dismiss_reason TEXT;
`;
