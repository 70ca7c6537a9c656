/** `remit backup [--to DIR] [--keep N]`: a checked copy of the ledger, taken while it is in use. */
import { UsageError } from '../../core/errors.js';
import { backupLedger } from '../../pipeline/backup.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { withWorkspace } from '../workspace.js';

export async function run(options: { to?: string; keep?: string; json?: boolean }, ctx: Context): Promise<number> {
  const keep = options.keep === undefined ? undefined : Number(options.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) throw new UsageError(`--keep ${options.keep}: a whole number of backups, 1 or more`);
  const outcome = await withWorkspace(ctx, (pipeline) => backupLedger(pipeline, { ...(options.to ? { to: options.to } : {}), ...(keep ? { keep } : {}) }));
  if (options.json) ctx.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  const say = sayFor(ctx);
  say.ok(`backup written and checked: ${outcome.file} (${Math.ceil(outcome.bytes / 1024)} KB)`);
  if (outcome.removed.length) say.info(`removed ${outcome.removed.length} older backup(s) (backups.keep)`);
  return 0;
}
