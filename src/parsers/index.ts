/**
 * One entry point for every remittance format: detect by content, then read. Returns
 * remittances and diagnostics, or throws ParseError with a one-line reason.
 */
import { ParseError } from '../core/errors.js';
import { detectFormat } from './detect.js';
import { readDelimited } from './tabular/delimited.js';
import { readWorkbook } from './tabular/workbook.js';
import { remittancesFromRows } from './tabular/remittance-table.js';
import { invoicesFromRows } from './tabular/invoice-table.js';
import type { Row } from './tabular/cells.js';
import type { ParseOptions, ParseResult } from './types.js';
import type { OpenItem } from '../domain/invoice.js';
import type { Diagnostic } from './types.js';
import { parseX12_820, streamX12_820 } from './x12/index.js';
import { decodeEdiChunks } from './edi/text.js';
import { streamDelimitedInvoices, streamDelimitedRemittances, type InvoiceStream } from './tabular/table-stream.js';
import type { RemittanceStream } from './stream.js';
import { parseRemadv } from './edifact/index.js';
import { parsePdf } from './pdf/index.js';

export async function parseRemittanceFile(bytes: Uint8Array, options: ParseOptions): Promise<ParseResult> {
  const detected = detectFormat(bytes);
  switch (detected.kind) {
    case 'pdf':
      return parsePdf(bytes, options);
    case 'x12':
      return parseX12_820(bytes, options);
    case 'edifact':
      return parseRemadv(bytes, options);
    case 'workbook': {
      const sheets = readWorkbook(bytes, options.limits, detected.container);
      return { format: 'xlsx', ...fromFirstReadableSheet(sheets, (rows) => remittancesFromRows(rows, options)) };
    }
    case 'delimited': {
      const { rows } = readDelimited(detected.text, options.limits);
      return { format: 'csv', ...remittancesFromRows(rows, options) };
    }
  }
}

/**
 * The streaming reader for this file, chosen by its first bytes: delimited text and X12
 * stream; other formats (PDF, workbooks, EDIFACT) return undefined and are read whole.
 */
export function streamRemittanceFile(head: Uint8Array, chunks: Iterable<Uint8Array>, options: ParseOptions): RemittanceStream | undefined {
  const detected = detectFormat(head);
  if (detected.kind === 'x12') return streamX12_820(decodeEdiChunks(chunks), options);
  if (detected.kind === 'delimited') return streamDelimitedRemittances(chunks, options);
  return undefined;
}

/** The streaming reader for an open-invoice file: delimited text streams; a workbook is read whole (undefined). */
export function streamInvoiceFile(head: Uint8Array, chunks: Iterable<Uint8Array>, options: ParseOptions): InvoiceStream | undefined {
  return detectFormat(head).kind === 'delimited' ? streamDelimitedInvoices(chunks, options) : undefined;
}

/** Open items from an ERP aging export (CSV or workbook). */
export function parseInvoiceFile(bytes: Uint8Array, options: ParseOptions): { format: string; invoices: OpenItem[]; diagnostics: Diagnostic[] } {
  const detected = detectFormat(bytes);
  if (detected.kind === 'workbook') {
    const sheets = readWorkbook(bytes, options.limits, detected.container);
    return { format: 'xlsx', ...fromFirstReadableSheet(sheets, (rows) => invoicesFromRows(rows, options)) };
  }
  if (detected.kind === 'delimited') return { format: 'csv', ...invoicesFromRows(readDelimited(detected.text, options.limits).rows, options) };
  throw new ParseError(`an open-invoice list must be CSV or a workbook, this is ${detected.kind === 'pdf' ? 'a PDF' : `an ${detected.kind} file`}`);
}

/** Workbooks may carry a cover sheet: use the first sheet that reads; report the first sheet's problem otherwise. */
function fromFirstReadableSheet<T>(sheets: Array<{ name: string; rows: Row[] }>, read: (rows: Row[]) => T): T {
  let firstError: unknown;
  for (const sheet of sheets) {
    if (sheet.rows.length === 0) continue;
    try {
      return read(sheet.rows);
    } catch (err) {
      firstError ??= err instanceof ParseError ? new ParseError(`sheet "${sheet.name}": ${err.message}`, err.hint) : err;
    }
  }
  throw firstError ?? new ParseError('the workbook has no sheet with data');
}
