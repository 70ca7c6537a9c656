/**
 * Errors from the operating system and from SQLite worded for an operator: one line with the
 * path and what happened, and a hint of what to do. A full disk, a read-only folder or too
 * many open files is the machine's state, not a bug in remit, and never an "internal error".
 */
import { ExitCode, RemitError, type ExitCodeValue } from './errors.js';

interface Wording {
  what: string;
  hint: string;
}

/** Node's errno codes (https://nodejs.org/api/errors.html#common-system-errors) and their wording. */
const SYSTEM: Record<string, Wording> = {
  ENOSPC: { what: 'no space left on the device', hint: 'free space on that disk (or move the workspace with --home), then run the command again' },
  EDQUOT: { what: 'the disk quota is used up', hint: 'free space within your quota, then run the command again' },
  EACCES: { what: 'permission denied', hint: 'give the user running remit read and write access to it, or use a workspace it owns (--home)' },
  EPERM: { what: 'operation not permitted', hint: 'give the user running remit read and write access to it, or use a workspace it owns (--home)' },
  EROFS: { what: 'the file system is read-only', hint: 'use a workspace on a writable disk (--home), or remount it read-write' },
  EMFILE: { what: 'too many open files', hint: 'raise the open-file limit (ulimit -n), or name fewer files at once' },
  ENFILE: { what: 'too many open files on this machine', hint: 'close other programs or raise the system open-file limit, then run the command again' },
  EIO: { what: 'input/output error', hint: 'check the disk (it may be failing or disconnected), then run the command again' },
  ENOENT: { what: 'no such file or folder', hint: 'check the path' },
  ENOTDIR: { what: 'a part of the path is not a folder', hint: 'check the path' },
  EISDIR: { what: 'it is a folder', hint: 'name a file' },
  ELOOP: { what: 'too many symbolic links (or a link where none is allowed)', hint: 'name the file itself, not a link' },
  EBUSY: { what: 'the file is busy', hint: 'close the program using it, then run the command again' },
  ENAMETOOLONG: { what: 'the name is too long', hint: 'use a shorter path' },
  EFBIG: { what: 'the file is too large for this file system', hint: 'use a workspace on another disk (--home)' },
};

/** SQLite's result codes (https://www.sqlite.org/rescode.html) as better-sqlite3 names them. */
const SQLITE: Array<[RegExp, Wording & { exitCode?: ExitCodeValue }]> = [
  [/^SQLITE_FULL/, { what: 'the database or disk is full', hint: 'free space on that disk, then run the command again' }],
  [/^SQLITE_IOERR_(WRITE|FSYNC|SHMSIZE|TRUNCATE)/, { what: 'the disk refused a write (full or failing)', hint: 'free space on that disk or check it, then run the command again' }],
  [/^SQLITE_IOERR/, { what: 'input/output error', hint: 'check the disk, then run the command again' }],
  [/^SQLITE_READONLY/, { what: 'the ledger cannot be written (read-only file or folder)', hint: 'give the user running remit write access to the ledger and its folder' }],
  [/^SQLITE_CANTOPEN/, { what: 'the ledger cannot be opened', hint: 'check that the workspace folder exists and is readable and writable' }],
  [/^SQLITE_(CORRUPT|NOTADB)/, { what: 'the ledger is damaged', hint: 'run `remit doctor`, then restore the ledger from a backup (remit backup)' }],
  [/^SQLITE_PERM/, { what: 'permission denied', hint: 'give the user running remit write access to the ledger and its folder' }],
  [/^SQLITE_(BUSY|LOCKED)/, { what: 'the ledger is busy: another remit is writing it', hint: 'wait for it to finish', exitCode: ExitCode.locked }],
];

/** The code of an errno or SQLite error, if it carries one. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for the codes this file words (the machine's state, not a bug). */
export function isOperatorFacing(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && (code in SYSTEM || SQLITE.some(([pattern]) => pattern.test(code)));
}

/**
 * `err` as a RemitError saying what could not be done to `path` and what to do; an error with
 * no code this file knows is returned as it is (it is a bug).
 */
export function osError(err: unknown, path: string | undefined, doing: string, exitCode: ExitCodeValue = ExitCode.usage): unknown {
  if (err instanceof RemitError) return err;
  const code = errorCode(err);
  if (!code) return err;
  const wording: (Wording & { exitCode?: ExitCodeValue }) | undefined = SYSTEM[code] ?? SQLITE.find(([pattern]) => pattern.test(code))?.[1];
  if (!wording) return err;
  const where = path ?? (err as { path?: unknown }).path;
  const named = typeof where === 'string' && where ? ` (${where})` : '';
  const exit = wording.exitCode ?? exitCode;
  return new RemitError(`os-${code.toLowerCase()}`, `cannot ${doing}: ${wording.what}${named}`, { exitCode: exit, hint: wording.hint });
}
