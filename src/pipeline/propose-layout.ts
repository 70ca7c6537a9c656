/**
 * `remit payers propose FILE --payer ID`: what remit makes of a payer's file it does not
 * read yet, and the remit.yaml block that would make it read. CSV and workbooks get the
 * tabular proposal (columns and their roles, payment fields, date order, decimal mark);
 * a PDF gets what the generic reader found, and a pdf_template skeleton when it found no table.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RemitError, errorMessage } from '../core/errors.js';
import { detectFormat } from '../parsers/detect.js';
import { parsePdf } from '../parsers/pdf/index.js';
import { proposeLayout, type LayoutProposal } from '../parsers/tabular/propose.js';
import type { Remittance } from '../domain/remittance.js';
import type { PipelineContext } from './context.js';
import { companyOf } from './context.js';
import { parseOptionsFor } from './importing/options.js';

export type Proposal =
  | { kind: 'table'; file: string; payer: string; proposal: LayoutProposal }
  | { kind: 'pdf'; file: string; payer: string; remittances: Remittance[]; problems: string[]; yaml: string };

export async function proposeForPayer(ctx: PipelineContext, request: { file: string; payer: string; company?: string }): Promise<Proposal> {
  const company = companyOf(ctx.config, request.company);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(request.file);
  } catch (err) {
    throw new RemitError('no-file', `cannot read ${request.file}: ${errorMessage(err)}`);
  }
  const name = basename(request.file);
  const options = parseOptionsFor(ctx.config, company, request.payer, name, false);
  if (detectFormat(bytes).kind !== 'pdf') return { kind: 'table', file: name, payer: request.payer, proposal: proposeLayout(bytes, options) };
  try {
    const parsed = await parsePdf(bytes, options);
    const problems = parsed.diagnostics.map((d) => `${d.location ? `${d.location}: ` : ''}${d.message}`);
    const order = parsed.dateOrder ? `    date_order: ${parsed.dateOrder}\n` : '';
    return { kind: 'pdf', file: name, payer: request.payer, remittances: parsed.remittances, problems, yaml: `payers:\n  ${request.payer}:\n${order || '    {}\n'}` };
  } catch (err) {
    const skeleton = [
      'payers:',
      `  ${request.payer}:`,
      '    pdf_template:              # see "PDF templates" in the README',
      '      columns:                 # the column headers as printed',
      '        reference: "Invoice No"',
      '        net: "Amount Paid"',
      '      fields:                  # a regular expression per header field; the first group is the value',
      "        payment_ref: 'Check No\\.?\\s*:?\\s*(\\S+)'",
      "        payment_date: 'Check Date\\s*:?\\s*(\\S+)'",
    ].join('\n');
    return { kind: 'pdf', file: name, payer: request.payer, remittances: [], problems: [errorMessage(err)], yaml: `${skeleton}\n` };
  }
}
