/** `remit doctor [--repair]`: the ledger, the originals, the lock and leftovers, checked. */
import { hostname } from 'node:os';
import { diagnoseWorkspace } from '../../pipeline/doctor.js';
import type { Context } from '../context.js';
import { render } from '../table.js';
import { pathsOf } from '../workspace.js';

export async function run(options: { repair?: boolean; json?: boolean }, ctx: Context): Promise<number> {
  const checks = await diagnoseWorkspace(pathsOf(ctx), ctx.clock, { repair: Boolean(options.repair), host: hostname() });
  const rows = checks.map((c) => ({ check: c.check, status: c.ok ? 'ok' : 'PROBLEM', detail: c.detail }));
  ctx.stdout.write(render(rows, ['check', 'status', 'detail'], options.json ? 'json' : 'table', new Set(), ctx.stdout));
  return checks.every((c) => c.ok) ? 0 : 1;
}
