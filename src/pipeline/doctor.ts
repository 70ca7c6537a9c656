/**
 * `remit doctor`: what is wrong with a workspace, checked without changing it unless asked:
 * the ledger (`PRAGMA integrity_check`, the full check), every document's kept original
 * (present, and its sha256 the one recorded), the lock, and temporary files a stopped run
 * left. `--repair` makes the one repair that cannot lose anything: temporary files of a
 * process that no longer runs are removed (a stale lock is taken over by the next command
 * that writes). A damaged ledger or a missing original is reported with what to do, never
 * "repaired".
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { checkLedgerFile, openLedger } from '../ledger/index.js';
import { sweepTempFiles } from '../workspace/leftovers.js';
import { currentHolder, describeHolder, lockFile, processAlive } from '../workspace/lock.js';
import type { WorkspacePaths } from '../workspace/resolve.js';
import { sha256File } from './importing/file-chunks.js';

export interface DoctorCheck {
  check: string;
  ok: boolean;
  detail: string;
}

export async function diagnoseWorkspace(paths: WorkspacePaths, clock: Clock, options: { repair?: boolean; host: string }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const problems = checkLedgerFile(paths.ledger, true);
  checks.push({ check: 'ledger', ok: problems.length === 0, detail: problems.length ? `${problems.slice(0, 3).join('; ')} (restore it from a backup: remit backup writes them to backups/)` : `${paths.ledger}: integrity_check ok` });
  if (problems.length === 0) checks.push(await originals(paths, clock));
  checks.push(lock(paths, options));
  checks.push(temps(paths, Boolean(options.repair)));
  return checks;
}

async function originals(paths: WorkspacePaths, clock: Clock): Promise<DoctorCheck> {
  const ledger = await openLedger(paths.ledger, clock);
  try {
    const documents = await ledger.documents.originals();
    const missing: string[] = [];
    const altered: string[] = [];
    let notKept = 0;
    for (const doc of documents) {
      if (!doc.inboxPath) {
        notKept += 1;
        continue;
      }
      const file = join(paths.root, doc.inboxPath);
      if (!existsSync(file)) missing.push(`${doc.id} (${doc.originalName})`);
      else if (sha256File(file) !== doc.sha256) altered.push(`${doc.id} (${doc.originalName})`);
    }
    const bad = [...missing.map((d) => `document ${d} has no original in the inbox`), ...altered.map((d) => `document ${d}: its original's sha256 is not the recorded one`)];
    const detail = bad.length
      ? `${bad.slice(0, 5).join('; ')}${bad.length > 5 ? `; and ${bad.length - 5} more` : ''} (restore inbox/ from a backup of the workspace)`
      : `${documents.length - notKept} original(s) present with their sha256${notKept ? `; ${notKept} failed document(s) were never kept (import them again)` : ''}`;
    return { check: 'originals', ok: bad.length === 0, detail };
  } finally {
    await ledger.close();
  }
}

function lock(paths: WorkspacePaths, options: { host: string }): DoctorCheck {
  const holder = currentHolder(paths.root);
  const guards = readdirSync(paths.root).filter((n) => n.startsWith('remit.lock.') && n.endsWith('.takeover'));
  if (!holder && !existsSync(lockFile(paths.root)) && guards.length === 0) return { check: 'lock', ok: true, detail: 'not held' };
  if (holder && (holder.host !== options.host || processAlive(holder.pid))) return { check: 'lock', ok: true, detail: `held by ${describeHolder(holder)}` };
  const what = holder ? `a stale lock of ${describeHolder(holder)}` : guards.length ? `${guards.length} takeover guard(s) left` : 'an unreadable lock file';
  return { check: 'lock', ok: false, detail: `${what}: the next command that writes takes it over` };
}

function temps(paths: WorkspacePaths, repair: boolean): DoctorCheck {
  const dirs = [paths.root, paths.inbox, paths.exports];
  if (repair) {
    const removed = sweepTempFiles(dirs, processAlive);
    return { check: 'temporary files', ok: true, detail: removed.length ? `removed ${removed.length}: ${removed.join(', ')}` : 'none left' };
  }
  const left = dirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('.') && n.endsWith('.tmp')).map((n) => join(dir, n)) : []));
  return { check: 'temporary files', ok: left.length === 0, detail: left.length ? `${left.length} left by a stopped run: ${left.slice(0, 5).join(', ')} (remit doctor --repair removes the stale ones)` : 'none left' };
}
