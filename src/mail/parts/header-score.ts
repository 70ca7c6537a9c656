/**
 * Does a table look like a remittance? Its header row, found with the same column
 * vocabulary the file readers use (src/parsers/tabular/columns.ts), must name at least an
 * amount paid and an invoice or PO column. The number of columns it recognises is its
 * score: between a price list, a payment summary and the invoice table, the last wins.
 */
import { REMITTANCE_COLUMNS, findHeader, type HeaderMatch } from '../../parsers/tabular/columns.js';
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
