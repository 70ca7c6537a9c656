/**
 * Walk the pages in reading order and split them into payments: header fields around a
 * table, the table's rows, its totals row. Tables continue over pages (with or without a
 * repeated header row); page footers and subtotals are skipped; a totals row ends the
 * table, so legends and notes after it are never read as rows. A page that states another
 * payment number before its table starts a new payment. The total printed under a table
 * (a check stub's `Check Amount`) belongs to that table's payment. The cheque printed with
 * a stub (pay-to line, amount in words, MICR line) ends a table and is never read as rows.
 */
import { isChequeLine } from './cheque.js';
import { cellsOf, charCellsOf, matchHeader, type Cells, type Column } from './columns.js';
import { isFieldLine, labelRow, readFields, readFieldsUnder, type HeaderFields, type LabelCell } from './fields.js';
import type { Layout } from './layout.js';
import type { TextLine } from './lines.js';

export interface TableRow {
  page: number;
  cells: Cells;
  /** The whole line, for messages. */
  text: string;
  /** Which header row (0, 1, ...) of its payment the row follows: copies of a stub repeat it. */
  table: number;
  /** The same row cut by character positions, for a fixed-width table (see remittance.ts). */
  charCells?: Cells;
}

export interface PaymentBlock {
  fields: HeaderFields;
  rows: TableRow[];
  /** The totals row's text, when the table has one. */
  totalRow?: { text: string; page: number; fragments: string[] };
  firstPage: number;
  /** Header rows seen for this payment, with their pages and, when the paid column has a generic name ("Amount"), that name. */
  tables: Array<{ page: number; genericPaid?: string }>;
}

/** Split the document into payment blocks; none means no table header was found. */
export function scanTables(pages: TextLine[][], layout: Layout): PaymentBlock[] {
  const blocks: PaymentBlock[] = [];
  let current: PaymentBlock | undefined;
  let pending: HeaderFields = {};
  let columns: Column[] | undefined;
  let labels: LabelCell[] | undefined;
  /** A table of `current` has ended and no new payment number was read since. */
  let afterTable = false;

  for (const lines of pages) {
    labels = undefined;
    for (const line of lines) {
      const firstFragment = line.fragments[0]?.text ?? '';
      const view = { text: line.text, firstFragment };
      if (layout.isSkipped(view)) continue;
      if (isChequeLine(line.text)) {
        columns = undefined;
        labels = undefined;
        continue;
      }

      const header = matchHeader(line, layout);
      if (header) {
        current = startOrContinue(current, pending, blocks, line.page);
        const paid = header.find((column) => column.key === 'net');
        current.tables.push({ page: line.page, ...(paid?.kind === 'weak' ? { genericPaid: paid.name } : {}) });
        pending = {};
        columns = header;
        labels = undefined;
        afterTable = false;
        continue;
      }

      if (columns && current) {
        if (layout.isTotalRow(view)) {
          current.totalRow ??= { text: line.text, page: line.page, fragments: line.fragments.map((f) => f.text) };
          columns = undefined;
          afterTable = true;
          continue;
        }
        const isLabels = labelRow(line, layout) !== undefined;
        if (!isFieldLine(line, layout) && !isLabels) {
          const { cells } = cellsOf(line, columns);
          const byChars = charCellsOf(line, columns)?.cells;
          if (Object.keys(cells).length > 0 || (byChars && Object.keys(byChars).length > 0)) {
            current.rows.push({ page: line.page, cells, text: line.text, table: current.tables.length - 1, ...(byChars ? { charCells: byChars } : {}) });
          }
          continue;
        }
      }

      const read: HeaderFields = {};
      if (labels) readFieldsUnder(labels, line, read);
      labels = labelRow(line, layout);
      if (!labels) readFields(line, layout, read);
      if (columns && (labels || read.total)) {
        // A labelled amount (a stub's "Check Amount") or a row of labels ends the table; other
        // labelled lines inside it (a page header repeated over a continuing table) do not.
        columns = undefined;
        afterTable = true;
      }
      if (read.paymentRef) afterTable = false;
      for (const [key, value] of Object.entries(read) as Array<[keyof HeaderFields, HeaderFields[keyof HeaderFields]]>) {
        // The amount printed under a table is that payment's total, not the next one's.
        if (key === 'total' && afterTable && current && !current.fields.total) current.fields.total = value;
        else if (value && !pending[key]) pending[key] = value;
      }
    }
  }

  if (current) mergeFields(current.fields, pending);
  return blocks;
}

/**
 * A header row opens (or reopens) a table. Fields read since the last table belong to the
 * current payment unless they name a different payment number.
 */
function startOrContinue(current: PaymentBlock | undefined, pending: HeaderFields, blocks: PaymentBlock[], page: number): PaymentBlock {
  const newRef = pending.paymentRef?.value;
  const isNewPayment = current !== undefined && newRef !== undefined && current.fields.paymentRef !== undefined &&
    newRef !== current.fields.paymentRef.value;
  if (current && !isNewPayment) {
    mergeFields(current.fields, pending);
    return current;
  }
  const block: PaymentBlock = { fields: { ...pending }, rows: [], firstPage: page, tables: [] };
  blocks.push(block);
  return block;
}

function mergeFields(into: HeaderFields, from: HeaderFields): void {
  for (const [key, value] of Object.entries(from) as Array<[keyof HeaderFields, HeaderFields[keyof HeaderFields]]>) {
    if (value && !into[key]) into[key] = value;
  }
}
