/** `remit report rules` and `remit rules remove ID`: what remit learned from operators. */
import { describeRule } from '../../matching/learn.js';
import { forgetRule, learnedRules } from '../../pipeline/review.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { render } from '../table.js';
import { withWorkspace } from '../workspace.js';
import { idOf } from './apply.js';

export async function list(options: { format?: string; json?: boolean }, ctx: Context): Promise<number> {
  const rules = await withWorkspace(ctx, (pipeline) => learnedRules(pipeline));
  const rows = rules.map((r) => ({ rule_id: r.id, payer: r.payer, kind: r.kind, value: r.value, reason_code: r.reasonCode ?? '', meaning: describeRule(r), learned_at: r.createdAt, learned_from: r.createdBy }));
  const format = options.json ? 'json' : ((options.format ?? 'table') as 'table' | 'csv' | 'json');
  ctx.stdout.write(render(rows, ['rule_id', 'payer', 'kind', 'value', 'reason_code', 'meaning', 'learned_at', 'learned_from'], format, new Set(), ctx.stdout));
  return 0;
}

export async function remove(id: string, _options: object, ctx: Context): Promise<number> {
  const ruleId = idOf(id, 'ID');
  await withWorkspace(ctx, (pipeline) => forgetRule(pipeline, ruleId));
  sayFor(ctx).ok(`rule ${id} forgotten; remit match no longer uses it`);
  return 0;
}
