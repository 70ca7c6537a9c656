/**
 * CSV cells written by remit. Text from outside (payer references, memos) that a
 * spreadsheet would run as a formula is neutralised with a leading apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Quote a cell when it needs it (RFC 4180). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell: neutralised, then quoted. Amount cells use csvCell directly. */
export function textCell(text: string | null | undefined): string {
  return csvCell(neutraliseFormula(text ?? ''));
}
