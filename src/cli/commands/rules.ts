/** `remit report rules` and `remit rules remove ID`: what remit learned from operators. */
import { describeRule } from '../../matching/learn.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { render } from '../table.js';
import { openWorkspace } from '../workspace.js';
import { idOf } from './apply.js';

export async function list(options: { format?: string; json?: boolean }, ctx: Context): Promise<number> {
  const { ledger } = openWorkspace(ctx);
  try {
    const rows = ledger.manual.rules().map((r) => ({ rule_id: r.id, payer: r.payer, kind: r.kind, value: r.value, reason_code: r.reasonCode ?? '', meaning: describeRule(r), learned_at: r.createdAt, learned_from: r.createdBy }));
    const format = options.json ? 'json' : ((options.format ?? 'table') as 'table' | 'csv' | 'json');
    ctx.stdout.write(render(rows, ['rule_id', 'payer', 'kind', 'value', 'reason_code', 'meaning', 'learned_at', 'learned_from'], format, new Set(), ctx.stdout.isTTY));
    return 0;
  } finally {
    ledger.close();
  }
}

export async function remove(id: string, _options: object, ctx: Context): Promise<number> {
  const { ledger } = openWorkspace(ctx);
  try {
    ledger.manual.forgetRule(idOf(id, 'ID'), ctx.user);
    sayFor(ctx).ok(`rule ${id} forgotten; remit match no longer uses it`);
    return 0;
  } finally {
    ledger.close();
  }
}
