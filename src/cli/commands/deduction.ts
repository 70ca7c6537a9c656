/** `remit deduction code LINE --reason R`: say why the payer kept money; remit remembers the payer's wording. */
import { UsageError } from '../../core/errors.js';
import { REASON_CODES } from '../../core/reasons.js';
import { learnReasonRule } from '../../matching/learn.js';
import type { Ledger } from '../../ledger/index.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { openWorkspace } from '../workspace.js';
import { idOf } from './apply.js';

export async function code(line: string, options: { reason?: string }, ctx: Context): Promise<number> {
  if (!options.reason) throw new UsageError(`--reason is required (one of: ${REASON_CODES.join(', ')})`);
  const { ledger } = openWorkspace(ctx);
  try {
    codeAndLearn(ledger, idOf(line, 'LINE'), options.reason, ctx.user, sayFor(ctx));
    return 0;
  } finally {
    ledger.close();
  }
}

export function codeAndLearn(ledger: Ledger, lineId: number, reason: string, user: string, say: Say): void {
  if (!(REASON_CODES as readonly string[]).includes(reason)) throw new UsageError(`--reason ${reason}: choose one of ${REASON_CODES.join(', ')}`);
  const line = ledger.manual.line(lineId);
  const done = ledger.manual.codeDeduction(lineId, reason, user);
  say.ok(done.created ? `line ${lineId} recorded as a ${reason} deduction` : `${done.recoded} deduction(s) of line ${lineId} coded as ${reason}`);
  if (done.reasonRaw && ledger.manual.remember(learnReasonRule(line.payer, done.reasonRaw, reason), user)) {
    say.info(`learned: ${line.payer} "${done.reasonRaw}" means ${reason} (remit report rules)`);
  }
}
