/** `remit explain LINE`: what remit decided for a line, every candidate it weighed and why. */
import { displayMinor } from '../../core/money.js';
import { explainEntry } from '../../pipeline/explain-entry.js';
import { explainLine } from '../../pipeline/review.js';
import type { Context } from '../context.js';
import { withWorkspace } from '../workspace.js';
import { snakeCase } from './report.js';

export async function run(lineText: string, options: { json?: boolean }, ctx: Context): Promise<number> {
  const entry = await withWorkspace(ctx, (pipeline) => explainEntry(pipeline, lineText));
  if (entry) {
    if (options.json) ctx.stdout.write(`${JSON.stringify({ entry }, null, 2)}\n`);
    else {
      ctx.stdout.write(`${[
        `bank entry ${entry.entry_ref ?? `entry:${entry.entry_id}`} (entry:${entry.entry_id}) of account ${entry.account}: ${entry.amount} ${entry.currency} on ${entry.value_date}${entry.debtor ? ` from ${entry.debtor}` : ''}`,
        `outcome: ${entry.status}${entry.payer ? `, payer ${entry.payer}` : ''}${entry.payment_refs ? `, pays ${entry.payment_refs}` : ''}${entry.invoice ? `, invoice ${entry.invoice}` : ''}${entry.bank_fee ? `, bank fee ${entry.bank_fee}` : ''}`,
        `method: ${entry.method ?? '-'}${entry.confidence !== null ? ` (confidence ${entry.confidence.toFixed(2)})` : ''}`,
        `why: ${entry.explanation ?? ''}`,
      ].join('\n')}\n`);
    }
    return 0;
  }
  const explained = await withWorkspace(ctx, (pipeline) => explainLine(pipeline, lineText));
  const { line, applications, candidates } = explained;
  if ('resolved' in explained && explained.resolved && !options.json) ctx.stderr.write(`read "${lineText}" as ${explained.resolved}: line ${line.id}\n`);
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify({ line: snakeKeys(line), applications: applications.map(snakeKeys), candidates }, null, 2)}\n`);
    return 0;
  }
  const out = [
    `line ${line.id}: ${line.payer} payment ${line.paymentRef} (${line.paymentDate}), line ${line.lineNo} "${line.reference}"${line.po ? ` PO ${line.po}` : ''}, paid ${displayMinor(line.paidMinor)} ${line.currency}`,
    `outcome: ${line.status}${line.unappliedMinor ? `, ${displayMinor(line.unappliedMinor)} unapplied` : ''}`,
    `why: ${line.note ?? '(not matched yet: run remit match)'}`,
  ];
  for (const a of applications) {
    out.push(`application ${a.id}: ${a.status} ${displayMinor(a.cashMinor)} to ${a.invoiceNumber} by ${a.method} (confidence ${a.confidence.toFixed(2)}) - ${a.explanation}`);
  }
  if (candidates.length) out.push('candidates weighed, best first:');
  candidates.forEach((c, i) => out.push(`  ${i + 1}. ${c.invoiceNumbers.join(' + ')} (score ${c.score.toFixed(2)}): ${c.reason}`));
  ctx.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** JSON keys as the other reports write them. */
function snakeKeys(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [snakeCase(key), value]));
}
