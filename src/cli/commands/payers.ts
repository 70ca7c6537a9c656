/** `remit payers propose FILE --payer ID`: how remit reads a payer's file, and the remit.yaml block to paste. */
import { UsageError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import { proposeForPayer } from '../../pipeline/propose-layout.js';
import type { Context } from '../context.js';
import { withWorkspace } from '../workspace.js';

export async function propose(file: string, options: { payer?: string; company?: string; json?: boolean }, ctx: Context): Promise<number> {
  if (!options.payer) throw new UsageError('--payer is required: the code the proposed block is for (the customer id in the open-invoice file)');
  const payer = options.payer;
  const result = await withWorkspace(ctx, (pipeline) => proposeForPayer(pipeline, { file, payer, ...(options.company ? { company: options.company } : {}) }));
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  if (result.kind === 'table') {
    const p = result.proposal;
    out.push(`${result.file}: ${p.format}${p.sheet ? `, sheet "${p.sheet}"` : ''}`);
    out.push(p.headerRow ? `header row ${p.headerRow.rowNo}: ${p.headerRow.cells.join(' | ')}` : 'no header row found');
    out.push('columns:');
    for (const c of p.columns) out.push(`  ${String(c.column).padStart(2)}. ${c.header || '(blank)'} -> ${c.role ?? 'not read'}: ${c.why}`);
    out.push('payment fields:');
    for (const f of p.paymentFields) out.push(`  ${f.field} = ${f.value} (${f.from})`);
    out.push(`dates: ${p.dateOrder.order ?? 'undecided'} (${p.dateOrder.why})`);
    out.push(`amounts: ${p.decimalComma.value ? 'decimal comma' : 'decimal point'} (${p.decimalComma.why})`);
    if (p.missing.length) out.push(`missing: ${p.missing.join(', ')}`);
    out.push(`reads as: ${p.payments} payment(s), ${p.lineCount} line(s)`);
    for (const line of p.lines) out.push(`  line ${line.lineNo}: "${line.reference}" paid ${displayMinor(line.paidMinor)}${line.discountMinor ? `, discount ${displayMinor(line.discountMinor)}` : ''}`);
    for (const problem of p.problems) out.push(`problem: ${problem}`);
    out.push('', '# paste into remit.yaml:', p.yaml.trimEnd());
  } else {
    out.push(`${result.file}: pdf`);
    for (const r of result.remittances) {
      out.push(`payment ${r.paymentRef} of ${r.paymentDate}, ${r.lines.length} line(s)${r.statedTotalMinor !== undefined ? `, stated total ${displayMinor(r.statedTotalMinor)}` : ''}`);
      for (const line of r.lines.slice(0, 5)) out.push(`  line ${line.lineNo}: "${line.reference}" paid ${displayMinor(line.paidMinor)}`);
    }
    for (const problem of result.problems) out.push(`problem: ${problem}`);
    out.push('', '# paste into remit.yaml:', result.yaml.trimEnd());
  }
  ctx.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
