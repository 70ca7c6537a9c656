/** `remit explain LINE`: what remit decided for a line, every candidate it weighed and why. */
import { displayMinor } from '../../core/money.js';
import type { Candidate } from '../../matching/types.js';
import type { Context } from '../context.js';
import { openWorkspace } from '../workspace.js';
import { idOf } from './apply.js';

export async function run(lineText: string, options: { json?: boolean }, ctx: Context): Promise<number> {
  const { ledger } = openWorkspace(ctx);
  try {
    const line = ledger.manual.line(idOf(lineText, 'LINE'));
    const applications = ledger.manual.applicationsOf(line.id);
    const candidates = (line.candidates ? JSON.parse(line.candidates) : []) as Candidate[];
    if (options.json) {
      ctx.stdout.write(`${JSON.stringify({ line, applications, candidates }, null, 2)}\n`);
      return 0;
    }
    const out = [
      `line ${line.id}: ${line.payer} payment ${line.payment_ref} (${line.payment_date}), line ${line.line_no} "${line.reference}"${line.po ? ` PO ${line.po}` : ''}, paid ${displayMinor(line.paid_minor)} ${line.currency}`,
      `outcome: ${line.status}${line.unapplied_minor ? `, ${displayMinor(line.unapplied_minor)} unapplied` : ''}`,
      `why: ${line.note ?? '(not matched yet: run remit match)'}`,
    ];
    for (const a of applications) {
      out.push(`application ${a.id}: ${a.status} ${displayMinor(a.cash_minor)} to ${a.invoice_number} by ${a.method} (confidence ${a.confidence.toFixed(2)}) - ${a.explanation}`);
    }
    if (candidates.length) out.push('candidates weighed, best first:');
    candidates.forEach((c, i) => out.push(`  ${i + 1}. ${c.invoiceNumbers.join(' + ')} (score ${c.score.toFixed(2)}): ${c.reason}`));
    ctx.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    ledger.close();
  }
}
