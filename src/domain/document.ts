/** A document is one original file; parsing it gives diagnostics as well as payments. */

/** `email`: a remittance written in the body of a message (the document is the message itself). */
export type DocumentFormat = 'csv' | 'xlsx' | 'x12-820' | 'edifact-remadv' | 'pdf' | 'email';

/** imported: its payments are in the ledger; duplicate: every payment was there already; failed: nothing kept but the original. */
export type DocumentStatus = 'imported' | 'duplicate' | 'failed';

export interface Diagnostic {
  level: 'error' | 'warning';
  message: string;
  /** Where: a 1-based line/row, a segment number, a page. */
  location?: string;
}
