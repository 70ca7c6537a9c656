/**
 * One writer at a time per workspace. The lock is a file created exclusively, holding
 * who has it (pid, host, start time, command). A lock left by a process that no longer
 * exists on this host is taken over with a warning; a live holder means exit 3.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, RemitError } from '../core/errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface LockDeps {
  pid: number;
  host: string;
  now: () => Date;
  /** Is a process with this pid alive on this host? */
  alive: (pid: number) => boolean;
  warn: (message: string) => void;
}

export function lockFile(root: string): string {
  return join(root, 'remit.lock');
}

/** Take the workspace lock or throw (exit 3) naming the holder. Returns the release function. */
export function acquireLock(root: string, command: string, deps: LockDeps): () => void {
  const file = lockFile(root);
  const me: LockHolder = { pid: deps.pid, host: deps.host, startedAt: deps.now().toISOString(), command };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return () => release(file, me);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder && (holder.host !== deps.host || deps.alive(holder.pid))) {
      throw new RemitError('locked', `the workspace is in use by "remit ${holder.command}" (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`, {
        exitCode: ExitCode.locked,
        hint: holder.host === deps.host ? 'wait for it to finish' : `if that machine is no longer running remit, delete ${file}`,
      });
    }
    deps.warn(
      holder
        ? `taking over a stale lock: "remit ${holder.command}" (pid ${holder.pid}, since ${holder.startedAt}) is no longer running`
        : `taking over an unreadable lock file ${file}`,
    );
    rmSync(file, { force: true });
  }
  throw new RemitError('locked', `could not take the workspace lock ${file}: another remit took it first`, { exitCode: ExitCode.locked });
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function release(file: string, me: LockHolder): void {
  const holder = readHolder(file);
  if (holder && holder.pid === me.pid && holder.host === me.host && holder.startedAt === me.startedAt) rmSync(file, { force: true });
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
