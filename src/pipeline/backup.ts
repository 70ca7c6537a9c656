/**
 * `remit backup [--to DIR]`: a copy of the ledger taken while it is in use (SQLite's online
 * backup API, https://www.sqlite.org/backup.html), written under a temporary name, checked
 * (the header and `PRAGMA quick_check` on the copy itself) and only then given its name
 * `ledger-<UTC time>.db`; the newest `backups.keep` of that folder are kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ExitCode, RemitError } from '../core/errors.js';
import { osError } from '../core/os-errors.js';
import { checkLedgerFile } from '../ledger/index.js';
import type { PipelineContext } from './context.js';

export interface BackupOutcome {
  file: string;
  bytes: number;
  /** Older backups removed by the retention. */
  removed: string[];
}

const BACKUP = /^ledger-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db$/;

export async function backupLedger(ctx: PipelineContext, request: { to?: string; keep?: number } = {}): Promise<BackupOutcome> {
  const dir = request.to ? resolve(request.to) : join(ctx.paths.root, 'backups');
  const keep = request.keep ?? ctx.config.backups.keep;
  const name = `ledger-${ctx.clock.now().toISOString().slice(0, 19).replace(/:/g, '-')}Z.db`;
  const file = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    await ctx.ledger.backupTo(temp);
    const problems = checkLedgerFile(temp, false);
    if (problems.length > 0) {
      throw new RemitError('backup-check', `the backup written to ${dir} does not check out: ${problems[0]}`, { hint: 'run `remit doctor`: the ledger itself may be damaged' });
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw osError(err, dir, 'write the backup', ExitCode.usage);
  }
  return { file, bytes: statSync(file).size, removed: prune(dir, keep) };
}

/** Remove all but the newest `keep` backups of `dir` (their names sort by time). */
function prune(dir: string, keep: number): string[] {
  const backups = readdirSync(dir).filter((n) => BACKUP.test(n)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep)).map((n) => join(dir, n));
  for (const file of old) rmSync(file, { force: true });
  return old;
}
