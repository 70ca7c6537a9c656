/**
 * One writer at a time per workspace. The lock file names who has it (pid, host, start time,
 * command, and a nonce that makes each holding unique). It appears whole or not at all: the
 * record is written and flushed under a private temporary name, then hard-linked to
 * `remit.lock`, which fails if the lock exists (an atomic create-exclusive that never leaves
 * a 0-byte lock, even on a full disk).
 *
 * A lock left by a process that no longer exists on this host is taken over with a warning,
 * by exactly one contender: removing it needs the takeover guard named after that very
 * holding (`remit.lock.<digest>.takeover`, again created by link), and the guard's holder
 * removes the lock only after reading it again and finding the same holding. Whoever else
 * saw the same stale lock either fails to take the guard or, taking it later, finds a new
 * holder and stops. A guard left by a process killed inside its takeover is itself a stale
 * holding and is removed the same way. A live holder, or one on another host, means exit 3.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crashPoint } from '../core/crash-points.js';
import { ExitCode, RemitError } from '../core/errors.js';
import { osError } from '../core/os-errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
  nonce?: string;
}

export interface LockDeps {
  pid: number;
  host: string;
  now: () => Date;
  /** Is a process with this pid alive on this host? */
  alive: (pid: number) => boolean;
  warn: (message: string) => void;
}

/** A lock file that cannot be read is taken for one being written only this long (older remit versions wrote it in two steps). */
const UNREADABLE_GRACE_MS = 2000;
/** Guards of guards: each level needs a process killed inside a takeover, so a few suffice. */
const MAX_GUARD_DEPTH = 4;

export function lockFile(root: string): string {
  return join(root, 'remit.lock');
}

/** Take the workspace lock or throw (exit 3) naming the holder. Returns the release function. */
export function acquireLock(root: string, command: string, deps: LockDeps): () => void {
  const file = lockFile(root);
  const me: LockHolder = { pid: deps.pid, host: deps.host, startedAt: deps.now().toISOString(), command, nonce: randomBytes(8).toString('hex') };
  const record = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (createExclusive(file, record)) {
      crashPoint();
      return () => release(file, record);
    }
    const seen = readText(file);
    if (seen === undefined) continue; // released between our link and our read: try again
    const holder = parseHolder(seen);
    if (holder && (holder.host !== deps.host || deps.alive(holder.pid))) throw lockedBy(file, holder, deps.host);
    if (!holder && Date.now() - modifiedAt(file) < UNREADABLE_GRACE_MS) {
      throw new RemitError('locked', `the workspace lock ${file} is being written by another remit`, { exitCode: ExitCode.locked, hint: 'wait for it to finish' });
    }
    if (!removeStale(file, seen, record, deps, 0)) continue;
    deps.warn(
      holder
        ? `taking over a stale lock: "remit ${holder.command}" (pid ${holder.pid}, since ${holder.startedAt}) is no longer running`
        : `taking over an unreadable lock file ${file}`,
    );
  }
  const holder = parseHolder(readText(file) ?? '');
  if (holder) throw lockedBy(file, holder, deps.host);
  throw new RemitError('locked', `could not take the workspace lock ${file}: another remit took it first`, { exitCode: ExitCode.locked });
}

/** Who holds the workspace lock now, if anyone (for messages about a busy ledger). */
export function currentHolder(root: string): LockHolder | undefined {
  return parseHolder(readText(lockFile(root)) ?? '');
}

/** "remit match (pid 123 on host, since ...)": the holder as messages name it. */
export function describeHolder(holder: LockHolder): string {
  return `"remit ${holder.command}" (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`;
}

function lockedBy(file: string, holder: LockHolder, host: string): RemitError {
  return new RemitError('locked', `the workspace is in use by ${describeHolder(holder)}`, {
    exitCode: ExitCode.locked,
    hint: holder.host === host ? 'wait for it to finish' : `if that machine is no longer running remit, delete ${file}`,
  });
}

/**
 * Remove `file` if it still holds `seen` (a holding found stale), as the only one doing so.
 * False when another contender is doing it or has done it.
 */
function removeStale(file: string, seen: string, record: string, deps: LockDeps, depth: number): boolean {
  const guard = join(dirname(file), `${basename(file)}.${createHash('sha256').update(seen).digest('hex').slice(0, 16)}.takeover`);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (createExclusive(guard, record)) {
      try {
        if (readText(file) !== seen) return false;
        rmSync(file, { force: true });
        return true;
      } finally {
        rmSync(guard, { force: true });
      }
    }
    const taker = readText(guard);
    if (taker === undefined) continue; // the other taker finished: the lock has a new holder or none
    const holder = parseHolder(taker);
    if (holder && holder.host === deps.host && deps.alive(holder.pid)) return false;
    if (depth >= MAX_GUARD_DEPTH || !removeStale(guard, taker, record, deps, depth + 1)) return false;
  }
  return false;
}

/** Write `text` under a private name, flush it, and link it to `file`: false if `file` exists. */
function createExclusive(file: string, text: string): boolean {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw osError(err, dirname(file), 'take the workspace lock');
  } finally {
    rmSync(temp, { force: true });
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw osError(err, file, 'read the workspace lock');
  }
}

function modifiedAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function release(file: string, record: string): void {
  try {
    if (readText(file) === record) rmSync(file, { force: true });
  } catch {
    // A lock that cannot be removed is found stale by the next run.
  }
}

/** process.kill(pid, 0) tells whether a process exists without touching it. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
