/**
 * `remit review`: walk the lines that need a person, on a terminal. Each choice is one of
 * the scriptable actions (apply, deduction code, keep unapplied), so what an operator does
 * here is recorded, learned from and exported exactly as from a script.
 */
import { RemitError, UsageError, errorMessage } from '../../core/errors.js';
import { displayMinor, parseAmount } from '../../core/money.js';
import { REASON_CODES } from '../../core/reasons.js';
import { keepUnapplied, linesForReview } from '../../pipeline/review.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { withWorkspace } from '../workspace.js';
import { applyAndSay } from './apply.js';
import { codeAndSay } from './deduction.js';

export async function run(options: { company?: string }, ctx: Context): Promise<number> {
  if (!ctx.stdinIsTTY || !ctx.stdout.isTTY) {
    throw new UsageError('remit review needs a terminal', 'in scripts use: remit apply LINE INVOICE [--amount], remit unapply APPLICATION, remit deduction code LINE --reason R');
  }
  const { default: inquirer } = await import('inquirer');
  const say = sayFor(ctx);
  return withWorkspace(ctx, async (pipeline) => {
    const lines = await linesForReview(pipeline, options.company);
    say.info(`${lines.length} line(s) need a person`);
    for (const line of lines) {
      const candidates = line.candidates;
      ctx.stdout.write(`\n${line.payer} ${line.paymentRef} line ${line.lineNo} "${line.reference}": ${displayMinor(line.unappliedMinor)} ${line.currency} not applied\n  ${line.note ?? ''}\n`);
      const choices = [
        ...candidates.map((c, i) => ({ name: `apply to ${c.invoiceNumbers.join(' + ')} (score ${c.score.toFixed(2)}: ${c.reason})`, value: `candidate:${i}` })),
        { name: 'apply to another invoice', value: 'other' },
        { name: 'split across invoices', value: 'split' },
        ...(line.unappliedMinor < 0 ? [{ name: 'code as a deduction', value: 'deduction' }] : []),
        { name: 'leave as unapplied cash', value: 'keep' },
        { name: 'skip for now', value: 'skip' },
        { name: 'stop reviewing', value: 'stop' },
      ];
      const { action } = await inquirer.prompt<{ action: string }>([{ type: 'list', name: 'action', message: 'what should happen?', choices }]);
      if (action === 'stop') break;
      try {
        if (action.startsWith('candidate:')) {
          for (const invoice of candidates[Number(action.slice(10))]!.invoiceNumbers) await applyAndSay(pipeline, line.id, invoice, undefined, say);
        } else if (action === 'other') {
          const { invoice, amount } = await inquirer.prompt<{ invoice: string; amount: string }>([
            { type: 'input', name: 'invoice', message: 'invoice number:' },
            { type: 'input', name: 'amount', message: `amount (empty: as much as fits of ${displayMinor(line.unappliedMinor)}):` },
          ]);
          await applyAndSay(pipeline, line.id, invoice.trim(), amount.trim() ? amountOf(amount) : undefined, say);
        } else if (action === 'split') {
          const { parts } = await inquirer.prompt<{ parts: string }>([{ type: 'input', name: 'parts', message: 'invoice=amount, ... (e.g. INV-1=100.00, INV-2=50.00):' }]);
          for (const part of parts.split(',').map((p) => p.trim()).filter(Boolean)) {
            const [invoice, amount] = part.split('=').map((p) => p.trim());
            if (!invoice || !amount) throw new UsageError(`"${part}": write invoice=amount`);
            await applyAndSay(pipeline, line.id, invoice, amountOf(amount), say);
          }
        } else if (action === 'deduction') {
          const { reason } = await inquirer.prompt<{ reason: string }>([{ type: 'list', name: 'reason', message: 'reason:', choices: [...REASON_CODES] }]);
          await codeAndSay(pipeline, line.id, reason, say);
        } else if (action === 'keep') {
          await keepUnapplied(pipeline, line.id);
          say.ok('left as unapplied cash');
        }
      } catch (err) {
        if (!(err instanceof RemitError)) throw err;
        say.warn(`not done: ${errorMessage(err)}`);
      }
    }
    return 0;
  });
}

function amountOf(text: string): number {
  const result = parseAmount(text);
  if (!result.ok) throw new UsageError(result.reason);
  return result.minor;
}
