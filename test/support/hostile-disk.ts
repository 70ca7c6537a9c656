/**
 * Disks that say no, for tests: a small tmpfs the test mounts (full, or read-only), and the
 * CLI run as an unprivileged user. Each needs root; without it a test is skipped and says why.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, tempDir, removeDir, type CliResult } from './cli.js';

const NOBODY = 65534;

/** Why these tests cannot run here, or undefined when they can. */
export function whyNotRoot(): string | undefined {
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs and to run as another user';
  return undefined;
}

/** A tmpfs of `kb` kilobytes mounted at a fresh folder; `unmount` removes it. */
export function mountTmpfs(kb: number): { dir: string; unmount: () => void; remountReadOnly: () => void } | string {
  const dir = tempDir('remit-tmpfs-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    removeDir(dir);
    return `cannot mount a tmpfs: ${mounted.stderr.trim() || mounted.error?.message}`;
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', ['-l', dir]);
      removeDir(dir);
    },
    remountReadOnly: () => {
      const result = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`remount ro: ${result.stderr}`);
    },
  };
}

/** Fill the file system of `dir` until at most `leaveKb` kilobytes are free. */
export function fillDisk(dir: string, leaveKb: number): void {
  const free = (): number => Number(spawnSync('df', ['--output=avail', '-k', dir], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1));
  const size = Math.max(0, free() - leaveKb);
  spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=1k', `count=${size}`], { encoding: 'utf8' });
  if (leaveKb === 0) spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler2')}`, 'bs=512', 'count=100000'], { encoding: 'utf8' });
}

/** Let everyone read (not write) `dir` and everything under it, as a workspace owned by someone else. */
export function readableByAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const path = join(dir, name);
    chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  }
}

/** The built remit run as the unprivileged user `nobody`. */
export function remitAsNobody(args: string[], options: { home: string }): CliResult {
  const result = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN, '--home', options.home, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/tmp', NO_COLOR: '1', REMIT_USER: 'nobody' },
    input: '',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export { NOBODY };
