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
import { checkLedgerFile, openLedger, type Ledger } from '../ledger/index.js';
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
  if (problems.length === 0) {
    const ledger = await openLedger(paths.ledger, clock);
    try {
      checks.push(await originals(paths, ledger), await journals(ledger));
    } finally {
      await ledger.close();
    }
  }
  checks.push(lock(paths, options));
  checks.push(temps(paths, Boolean(options.repair)));
  return checks;
}

async function originals(paths: WorkspacePaths, ledger: Ledger): Promise<DoctorCheck> {
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
}

/**
 * Journals on disk against the ledger: each journal's files where it recorded them, with the
 * sha256 it recorded. A file moved away after export is only reported (the ERP may have
 * taken it); a journal recorded but never put in place is finished by export-gl --recover.
 */
async function journals(ledger: Ledger): Promise<DoctorCheck> {
  const all = await ledger.journals.list();
  const unplaced: string[] = [];
  const moved: string[] = [];
  const changed: string[] = [];
  let files = 0;
  for (const journal of all) {
    if (journal.state !== 'placed') {
      unplaced.push(`J${journal.id}`);
      continue;
    }
    for (const file of await ledger.journals.filesOf(journal.id)) {
      files += 1;
      if (!existsSync(file.path)) moved.push(`J${journal.id} ${file.path}`);
      else if (sha256File(file.path) !== file.sha256) changed.push(`J${journal.id} ${file.path}`);
    }
  }
  const bad = [
    ...unplaced.map((j) => `journal ${j} is recorded but not in place (remit export-gl --recover writes it from the ledger)`),
    ...changed.map((j) => `journal ${j} is not the file remit wrote (its sha256 differs: remit export-gl --reexport ${j.split(' ')[0]!.slice(1)} writes it again)`),
  ];
  const note = moved.length ? `; ${moved.length} file(s) no longer where they were written (moved or taken by the ERP?): ${moved.slice(0, 3).join(', ')}` : '';
  const detail = bad.length
    ? `${bad.slice(0, 5).join('; ')}${bad.length > 5 ? `; and ${bad.length - 5} more` : ''}${note}`
    : `${all.length} journal(s), ${files - moved.length} of ${files} file(s) where they were written with their sha256${note}`;
  return { check: 'journals', ok: bad.length === 0, detail };
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
