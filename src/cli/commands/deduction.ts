/** `remit deduction code LINE --reason R`: say why the payer kept money; remit remembers the payer's wording. */
import { UsageError } from '../../core/errors.js';
import { REASON_CODES } from '../../core/reasons.js';
import type { PipelineContext } from '../../pipeline/context.js';
import { codeDeduction } from '../../pipeline/review.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { withWorkspace } from '../workspace.js';
import { idOf } from './apply.js';

export async function code(line: string, options: { reason?: string }, ctx: Context): Promise<number> {
  if (!options.reason) throw new UsageError(`--reason is required (one of: ${REASON_CODES.join(', ')})`);
  const reason = options.reason;
  const lineId = idOf(line, 'LINE');
  await withWorkspace(ctx, (pipeline) => codeAndSay(pipeline, lineId, reason, sayFor(ctx)));
  return 0;
}

export async function codeAndSay(pipeline: PipelineContext, lineId: number, reason: string, say: Say): Promise<void> {
  const done = await codeDeduction(pipeline, { lineId, reason });
  say.ok(done.created ? `line ${lineId} recorded as a ${reason} deduction` : `${done.recoded} deduction(s) of line ${lineId} coded as ${reason}`);
  if (done.learned) say.info(`learned: ${done.learned.payer} "${done.learned.value}" means ${reason} (remit report rules)`);
}
