/** The workspace lock: taken atomically, a stale one taken over by exactly one contender. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RemitError } from '../../src/core/errors.js';
import { acquireLock, lockFile, type LockDeps } from '../../src/workspace/lock.js';
import { removeDir, tempDir } from '../support/cli.js';

const made: string[] = [];
afterEach(() => {
  while (made.length) removeDir(made.pop()!);
});

const DEAD = 999_999_1;
const STALE = JSON.stringify({ pid: DEAD, host: 'here', startedAt: '2025-03-01T05:30:00.000Z', command: 'import' });

function deps(pid: number, alive: (pid: number) => boolean, warnings: string[] = []): LockDeps {
  return { pid, host: 'here', now: () => new Date('2025-03-02T00:00:00Z'), alive, warn: (m) => warnings.push(m) };
}

function workspace(): string {
  const root = tempDir();
  made.push(root);
  return root;
}

function lockedCode(run: () => unknown): number | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    return err instanceof RemitError ? err.exitCode : -1;
  }
}

describe('acquireLock', () => {
  it('two contenders that both saw the same stale lock: exactly one takes it over', () => {
    const root = workspace();
    writeFileSync(lockFile(root), STALE);
    const live = new Set<number>([101, 102]);
    let bCode: number | undefined;
    let releaseB: (() => void) | undefined;
    // A has read the stale lock and is checking its pid when B runs its whole takeover.
    const aDeps = deps(101, (pid) => {
      if (pid === DEAD && releaseB === undefined && bCode === undefined) {
        bCode = lockedCode(() => {
          releaseB = acquireLock(root, 'match', deps(102, (p) => live.has(p)));
        });
      }
      return live.has(pid);
    });
    const aCode = lockedCode(() => acquireLock(root, 'import', aDeps));
    expect(bCode).toBeUndefined();
    expect(releaseB).toBeDefined();
    expect(aCode).toBe(3);
    expect(JSON.parse(readFileSync(lockFile(root), 'utf8')).pid).toBe(102);
    releaseB!();
    expect(readdirSync(root)).toEqual([]);
  });

  it('the lock appears whole (never 0 bytes) and leaves no temporary file', () => {
    const root = workspace();
    const release = acquireLock(root, 'import', deps(101, () => true));
    expect(readdirSync(root)).toEqual(['remit.lock']);
    expect(JSON.parse(readFileSync(lockFile(root), 'utf8'))).toMatchObject({ pid: 101, host: 'here', command: 'import' });
    expect(lockedCode(() => acquireLock(root, 'match', deps(102, () => true)))).toBe(3);
    release();
    expect(readdirSync(root)).toEqual([]);
  });

  it('a takeover guard left by a taker that was killed is itself taken over', () => {
    const root = workspace();
    writeFileSync(lockFile(root), STALE);
    // A taker killed inside its takeover leaves the guard named after this very holding.
    const guard = `remit.lock.${createHash('sha256').update(STALE).digest('hex').slice(0, 16)}.takeover`;
    writeFileSync(join(root, guard), JSON.stringify({ pid: DEAD + 1, host: 'here', startedAt: 'x', command: 'run' }));
    const warnings: string[] = [];
    const release = acquireLock(root, 'import', deps(103, (pid) => pid === 103, warnings));
    expect(warnings.join('\n')).toMatch(/taking over a stale lock: "remit import" \(pid 9999991/);
    release();
    expect(readdirSync(root)).toEqual([]);
  });

  it('a 0-byte lock from an older remit is taken over once it is not being written', () => {
    const root = workspace();
    writeFileSync(lockFile(root), '');
    expect(lockedCode(() => acquireLock(root, 'import', deps(101, () => true)))).toBe(3);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(root), old, old);
    const warnings: string[] = [];
    const release = acquireLock(root, 'import', deps(101, () => true, warnings));
    expect(warnings[0]).toMatch(/unreadable lock file/);
    expect(statSync(lockFile(root)).size).toBeGreaterThan(10);
    release();
  });

  it('a lock of a live process, or of another host, is exit 3 naming it', () => {
    const root = workspace();
    const live = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lockFile(root), JSON.stringify({ pid: live, host: 'elsewhere', startedAt: 's', command: 'run' }));
    expect(() => acquireLock(root, 'import', deps(101, () => false))).toThrow(/in use by "remit run" \(pid \d+ on elsewhere/);
  });
});
