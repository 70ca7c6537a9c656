/**
 * PDF remittance advice (text PDFs; scans need OCR, which remit does not do).
 *
 * Reads text with positions, rebuilds lines, finds header fields by their labels and the
 * line table by its column headers, then builds one remittance per payment. Payers whose
 * layout the generic reader cannot read get a `pdf_template` in remit.yaml (template.ts).
 *
 * Quirks handled: tables continuing over pages with repeated headers, `Page n of m`
 * footers, a `Total Payment` row and legends after it, amounts as `1,234.56`, `(1,234.56)`,
 * `1,234.56-`, `-1,234.56`, chargeback rows with a negative Net and no Gross.
 */
import { ParseError } from '../../core/errors.js';
import type { Diagnostic, ParseOptions, ParseResult, Remittance } from '../types.js';
import { extractText } from './extract.js';
import { describeRequiredColumns, GENERIC_LAYOUT, type Layout } from './layout.js';
import { buildLines, type TextLine } from './lines.js';
import { buildRemittance } from './remittance.js';
import { scanTables } from './table.js';
import { layoutFromTemplate } from './template.js';

export { readPdfTemplate, type PdfTemplate } from './template.js';

/** Parse a PDF remittance advice. Throws ParseError (one line) when nothing usable can be read. */
export async function parsePdf(bytes: Uint8Array, options: ParseOptions): Promise<ParseResult> {
  const layout = layoutFor(options);
  const pages = await extractText(bytes);
  if (pages.every((page) => page.items.length === 0)) {
    throw new ParseError('no text layer; OCR is not supported', 'ask the payer for a text PDF, a CSV or an EDI file');
  }
  const lines = buildLines(pages);
  const blocks = scanTables(lines, layout);
  if (blocks.length === 0) throw new ParseError(`no remittance table found: ${noTableReason(lines, layout)}`);

  const remittances: Remittance[] = [];
  const diagnostics: Diagnostic[] = [];
  let lineCount = 0;
  for (const block of blocks) {
    const built = buildRemittance(block, lines, layout, options);
    lineCount += built.remittance.lines.length;
    if (lineCount > options.limits.maxRows) {
      throw new ParseError(`more than ${options.limits.maxRows} remittance lines`, 'raise limits.maxRows to read this file');
    }
    remittances.push(built.remittance);
    diagnostics.push(...built.diagnostics);
  }
  return { format: 'pdf', remittances, diagnostics };
}

function layoutFor(options: ParseOptions): Layout {
  // Checked once, when remit.yaml was loaded (readPdfTemplate).
  return options.pdfTemplate ? layoutFromTemplate(options.pdfTemplate) : GENERIC_LAYOUT;
}

function noTableReason(lines: TextLine[][], layout: Layout): string {
  const first = lines.flat()[0]?.text ?? '';
  const shown = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  const pages = lines.length === 1 ? '1 page' : `${lines.length} pages`;
  const source = layout.source === 'template' ? 'the pdf_template columns' : 'column headers';
  return `no line with ${source} ${describeRequiredColumns(layout)} in ${pages} (text starts "${shown}")`;
}
