/**
 * What is checked before the ledger is used, so that a damaged or vanished ledger is refused
 * with what to do instead of being written into or silently replaced by an empty one:
 *
 * - a file beside the ledger (`ledger-history.json`) says the workspace has had a ledger
 *   since a date: once it exists, a missing or 0-byte ledger.db is never created afresh;
 * - the file must start with the SQLite header ("SQLite format 3\0", https://www.sqlite.org/fileformat.html#the_database_header);
 * - `PRAGMA quick_check` (https://www.sqlite.org/pragma.html#pragma_quick_check) runs whenever
 *   the file is not as remit left it (its size and modification time, recorded at each close,
 *   differ, or a write-ahead log was left by a process that stopped). A ledger remit closed
 *   itself is not read through again on every command: a year of a large supplier's data
 *   would take seconds to check. `remit doctor` runs the full integrity_check.
 */
import SqliteDatabase from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode, RemitError, oneLine } from '../../core/errors.js';
import { osError } from '../../core/os-errors.js';

const HEADER = 'SQLite format 3\0';

interface History {
  /** When this workspace's ledger was first created (or first seen by a remit that writes this file). */
  since: string;
  /** The ledger as remit last closed it. */
  closed?: { size: number; mtimeMs: number };
}

/** The marker file of a ledger file. */
export function historyFile(ledgerFile: string): string {
  return join(dirname(ledgerFile), 'ledger-history.json');
}

const restoreHint = (ledgerFile: string): string =>
  `restore ${ledgerFile} from a backup (remit backup writes them under backups/), or run \`remit doctor\`; to start an empty ledger on purpose, move ${historyFile(ledgerFile)} away first`;

/** Refuse a missing, empty or non-SQLite ledger where one is expected. True when the ledger file is there to open. */
export function checkBeforeOpen(file: string, create: boolean): boolean {
  const history = readHistory(file);
  let size: number | undefined;
  try {
    size = statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw osError(err, file, 'open the ledger');
  }
  if (size === undefined) {
    if (history) {
      throw new RemitError('ledger-missing', `the ledger ${file} is missing, but this workspace has had one since ${history.since}`, { exitCode: ExitCode.usage, hint: restoreHint(file) });
    }
    if (!create) return false;
    return true;
  }
  if (size === 0) {
    throw new RemitError('ledger-empty', `the ledger ${file} is empty (0 bytes)${history ? `, but this workspace has had one since ${history.since}` : ''}`, {
      exitCode: ExitCode.usage,
      hint: history ? restoreHint(file) : `if this workspace is new, delete ${file} and run \`remit init\` again; otherwise restore it from a backup`,
    });
  }
  const head = readHead(file);
  if (head !== HEADER) {
    throw new RemitError('ledger-not-sqlite', `the ledger ${file} is not a SQLite database (its first bytes are not the SQLite header): it is damaged or was replaced`, {
      exitCode: ExitCode.usage,
      hint: restoreHint(file),
    });
  }
  return true;
}

/** Run quick_check unless the ledger is as remit last closed it; refuse a damaged one. */
export function checkAfterOpen(db: Database.Database, file: string): void {
  if (!needsCheck(file)) return;
  let problems: string[];
  try {
    problems = (db.prepare('PRAGMA quick_check').pluck().all() as string[]).filter((row) => row !== 'ok');
  } catch (err) {
    if (!/^SQLITE_(CORRUPT|NOTADB)/.test((err as { code?: string }).code ?? '')) throw err;
    problems = [oneLine(err instanceof Error ? err.message : String(err))];
  }
  if (problems.length > 0) throw damagedLedger(file, problems.slice(0, 3).join('; '));
}

/**
 * Whether the ledger must be read through before use: it is not as remit last closed it (size
 * or modification time differ), or a write-ahead log with frames in it was left behind. An
 * empty -wal file is no sign of a stop: SQLite leaves one while another connection (a reader,
 * a backup) has the file open, and nothing of it is waiting to be written into the ledger.
 */
export function needsCheck(file: string): boolean {
  const history = readHistory(file);
  if (!history?.closed || !sameAs(file, history.closed)) return true;
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** The ledger cannot be used as it is: exit 2 and how to get it back. */
export function damagedLedger(file: string, detail: string): RemitError {
  return new RemitError('ledger-damaged', `the ledger ${file} is damaged: ${oneLine(detail, 200)}`, { exitCode: ExitCode.usage, hint: restoreHint(file) });
}

/** Record that the workspace has a ledger (and, after a close, how remit left it). Best effort: a read-only workspace keeps the old record. */
export function recordHistory(file: string, now: string, closed: boolean): void {
  const previous = readHistory(file);
  const next: History = { since: previous?.since ?? now };
  if (closed) {
    try {
      const stats = statSync(file);
      next.closed = { size: stats.size, mtimeMs: stats.mtimeMs };
    } catch {
      return;
    }
  } else if (previous) {
    return; // opened: the record only changes at the first open and at close
  }
  const target = historyFile(file);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(next)}\n`);
    renameSync(temp, target);
  } catch {
    rmSync(temp, { force: true });
  }
}

function sameAs(file: string, closed: { size: number; mtimeMs: number }): boolean {
  try {
    const stats = statSync(file);
    return stats.size === closed.size && stats.mtimeMs === closed.mtimeMs;
  } catch {
    return false;
  }
}

function readHistory(file: string): History | undefined {
  try {
    const parsed = JSON.parse(readFileSync(historyFile(file), 'utf8')) as Partial<History>;
    return typeof parsed.since === 'string' ? (parsed as History) : { since: 'an earlier run' };
  } catch (err) {
    // An unreadable marker still says there was a ledger.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : { since: 'an earlier run' };
  }
}

function readHead(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw osError(err, file, 'read the ledger');
  }
  try {
    const buffer = Buffer.alloc(HEADER.length);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('latin1');
  } catch (err) {
    throw osError(err, file, 'read the ledger');
  } finally {
    closeSync(fd);
  }
}

/**
 * Check a ledger file without opening it for use: the header, then `PRAGMA quick_check`
 * (`full`: `PRAGMA integrity_check`, https://www.sqlite.org/pragma.html#pragma_integrity_check,
 * which also checks every index against its table). The problems found; none means sound.
 */
export function checkLedgerFile(file: string, full: boolean): string[] {
  try {
    checkBeforeOpen(file, false);
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
  let db: Database.Database | undefined;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare(full ? 'PRAGMA integrity_check(20)' : 'PRAGMA quick_check(20)').pluck().all() as string[];
    return rows.filter((row) => row !== 'ok');
  } catch (err) {
    return [oneLine(err instanceof Error ? err.message : String(err))];
  } finally {
    db?.close();
  }
}
