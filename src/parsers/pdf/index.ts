/**
 * PDF remittance advice (text PDFs; scans need OCR, which remit does not do).
 *
 * Reads text with positions, rebuilds lines, finds header fields by their labels and the
 * line table by its column headers, then builds one remittance per payment. Payers whose
 * layout the generic reader cannot read get a `pdf_template` in remit.yaml (template.ts).
 *
 * Quirks handled: tables continuing over pages with repeated headers, `Page n of m`
 * footers, a `Total Payment` row and legends after it, amounts as `1,234.56`, `(1,234.56)`,
 * `1,234.56-`, `-1,234.56`, chargeback rows with a negative Net and no Gross; check stubs
 * (labels anywhere on the page, label rows with values below, the total under the table,
 * the cheque and its MICR line skipped, a stub printed twice read once); labels and column
 * names in English, German, French and Spanish (vocabulary.ts); fixed-width report rows
 * (columns by character position); day/month order and decimal mark from the document's
 * own values. A document with no readable line fails (ParseError), never a 0-line payment.
 */
import { ParseError } from '../../core/errors.js';
import type { Diagnostic, ParseOptions, ParseResult, Remittance } from '../types.js';
import { decideDocumentOrder } from './dates.js';
import { extractText } from './extract.js';
import { describeRequiredColumns, GENERIC_LAYOUT, type Layout } from './layout.js';
import { buildLines, type TextLine } from './lines.js';
import { buildRemittance } from './remittance.js';
import { scanTables, type PaymentBlock } from './table.js';
import { layoutFromTemplate } from './template-layout.js';

export { readPdfTemplate, type PdfTemplate } from './template.js';

/** Parse a PDF remittance advice. Throws ParseError (one line) when nothing usable can be read. */
export async function parsePdf(bytes: Uint8Array, options: ParseOptions): Promise<ParseResult> {
  const layout = layoutFor(options);
  const pages = await extractText(bytes);
  if (pages.every((page) => page.items.every((item) => item.space))) {
    throw new ParseError('no text layer; OCR is not supported', 'ask the payer for a text PDF, a CSV or an EDI file');
  }
  const lines = buildLines(pages);
  const blocks = scanTables(lines, layout);
  if (blocks.length === 0) throw new ParseError(`no remittance table found: ${noTableReason(lines, layout)}`);

  const remittances: Remittance[] = [];
  const diagnostics: Diagnostic[] = [];
  const dates = decideDocumentOrder(blocks.flatMap(datesOf), options);
  if (dates.warning) diagnostics.push({ level: 'warning', message: dates.warning, location: `page ${blocks[0]!.firstPage}` });
  const dated = { ...options, dateOrder: dates.order };
  let lineCount = 0;
  for (const block of blocks) {
    const built = buildRemittance(block, lines, layout, dated);
    lineCount += built.remittance.lines.length;
    if (lineCount > options.limits.maxRows) {
      throw new ParseError(`more than ${options.limits.maxRows} remittance lines`, 'raise limits.maxRows to read this file');
    }
    diagnostics.push(...built.diagnostics);
    // A payment with no line would be a 0.00 remittance with nothing to apply: never kept.
    if (built.remittance.lines.length > 0) remittances.push(built.remittance);
  }
  if (remittances.length === 0) throw new ParseError(`no remittance line could be read: ${noLineReason(blocks, diagnostics)}`, hintFor(layout));
  return { format: 'pdf', remittances, diagnostics, ...(dates.evidenced && !options.knownDateOrder ? { dateOrder: dates.evidenced } : {}) };
}

function layoutFor(options: ParseOptions): Layout {
  // Checked once, when remit.yaml was loaded (readPdfTemplate).
  return options.pdfTemplate ? layoutFromTemplate(options.pdfTemplate) : GENERIC_LAYOUT;
}

/** Every date the block states: the payment date and the invoice dates of its rows. */
function datesOf(block: PaymentBlock): string[] {
  const rows = block.rows.flatMap((row) => (row.cells.invoiceDate ? [row.cells.invoiceDate] : []));
  return block.fields.paymentDate ? [block.fields.paymentDate.value, ...rows] : rows;
}

/** Why a document whose tables were found gave no line: the first row problem, else the row count. */
function noLineReason(blocks: PaymentBlock[], diagnostics: Diagnostic[]): string {
  const rows = blocks.reduce((sum, block) => sum + block.rows.length, 0);
  const problem = diagnostics.find((d) => d.level === 'warning' && /row skipped/.test(d.message));
  const found = `${blocks.length === 1 ? 'a table' : `${blocks.length} tables`} with ${rows} ${rows === 1 ? 'row' : 'rows'}`;
  return problem ? `${found}; first problem: ${problem.message} (${problem.location ?? ''})` : `${found} and no amount in a Net column`;
}

function hintFor(layout: Layout): string {
  return layout.source === 'template' ? 'check the pdf_template columns for this payer' : 'add a pdf_template with the columns for this payer';
}

function noTableReason(lines: TextLine[][], layout: Layout): string {
  const first = lines.flat()[0]?.text ?? '';
  const shown = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  const pages = lines.length === 1 ? '1 page' : `${lines.length} pages`;
  const source = layout.source === 'template' ? 'the pdf_template columns' : 'column headers';
  return `no line with ${source} ${describeRequiredColumns(layout)} in ${pages} (text starts "${shown}")`;
}
