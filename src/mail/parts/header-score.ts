/**
 * Does a table look like a remittance? Its header row, found with the same column
 * vocabulary the file readers use (src/parsers/tabular/columns.ts), must name at least an
 * amount paid and an invoice or PO column. The number of columns it recognises is its
 * score: between a price list, a payment summary and the invoice table, the last wins.
 */
import { REMITTANCE_COLUMNS, findHeader, normaliseHeader, type HeaderMatch } from '../../parsers/tabular/columns.js';
import { textCell } from '../../parsers/tabular/cells.js';

export interface RemittanceHeader extends HeaderMatch {
  /** How many known remittance columns the header names. */
  score: number;
}

/** The header of `rows` (within its first 20 rows) when it is a remittance header. */
export function remittanceHeader(rows: string[][], columns: Partial<Record<string, string>> = {}, scanRows = 20): RemittanceHeader | undefined {
  const top = rows.slice(0, scanRows).map((row) => row.map(textCell));
  // A title row that happens to name an amount is passed over for the real header below it.
  for (let start = 0; start < top.length; ) {
    const header = findHeader(top.slice(start), REMITTANCE_COLUMNS, columns, ['paid'], scanRows);
    if (!header) return undefined;
    const rowIndex = start + header.rowIndex;
    const hasLine = header.columns['reference'] !== undefined || header.columns['po'] !== undefined;
    if (header.columns['paid'] !== undefined && hasLine) return { ...header, rowIndex, score: Object.keys(header.columns).length };
    start = rowIndex + 1;
  }
  return undefined;
}

const KNOWN = new Map<string, string>();
for (const [field, names] of Object.entries(REMITTANCE_COLUMNS)) for (const name of names) if (!KNOWN.has(normaliseHeader(name))) KNOWN.set(normaliseHeader(name), field);

/**
 * The score of one candidate header row, for scanning text line by line: a cheap look-up
 * of each cell first, so a long letter costs a set look-up a line, and only a row that
 * names an amount paid and at least one other known column is weighed in full.
 */
export function headerRowScore(cells: string[], columns: Partial<Record<string, string>> = {}): number {
  const mapped = new Map(Object.entries(columns).flatMap(([field, name]) => (name ? [[normaliseHeader(name), field] as const] : [])));
  let known = 0;
  let paid = false;
  for (const cell of cells) {
    const key = normaliseHeader(cell);
    const field = mapped.get(key) ?? KNOWN.get(key);
    if (field) known += 1;
    if (field === 'paid') paid = true;
  }
  if (known < 2 || !paid) return 0;
  return remittanceHeader([cells], columns, 1)?.score ?? 0;
}
