/**
 * The only door to the OS scheduler: commands (schtasks, systemctl, loginctl, crontab,
 * launchctl) and the files they read. Tests pass a fake that records every call, so no test
 * ever touches the real scheduler.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../workspace/atomic-file.js';

export interface CommandResult {
  /** Exit code; 127 when the program is not there, 124 when it timed out. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Given on standard input (crontab -). */
  input?: string;
  /** Let the program talk to the operator's terminal (schtasks asking for a password). */
  interactive?: boolean;
}

export interface SchedulerHost {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Atomic write; makes the folder. */
  writeFile(path: string, bytes: Uint8Array | string): Promise<void>;
  readFile(path: string): Promise<Buffer | undefined>;
  /** True when there was a file to remove. */
  removeFile(path: string): Promise<boolean>;
  makeDir(path: string): Promise<void>;
}

const TIMEOUT_MS = 60_000;

/** Scheduler tools answer in UTF-16 on some Windows versions (schtasks /XML); the rest in UTF-8. */
export function decodeOutput(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return bytes.toString('utf16le');
  return bytes.toString('utf8');
}

/** The real thing: child_process and the file system. */
export function systemHost(): SchedulerHost {
  return {
    run: (command, args, options = {}) =>
      new Promise((resolve) => {
        const child = spawn(command, [...args], {
          stdio: options.interactive ? 'inherit' : ['pipe', 'pipe', 'pipe'],
          windowsHide: !options.interactive,
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
        // A password prompt waits for the operator; nothing else may hang a nightly install.
        let timedOut = false;
        const timer = options.interactive
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              child.kill();
            }, TIMEOUT_MS);
        child.on('error', (error: NodeJS.ErrnoException) => {
          if (timer) clearTimeout(timer);
          resolve({ code: error.code === 'ENOENT' ? 127 : 1, stdout: '', stderr: `${command}: ${error.message}` });
        });
        child.on('close', (code) => {
          if (timer) clearTimeout(timer);
          resolve({
            code: timedOut ? 124 : (code ?? 1),
            stdout: decodeOutput(Buffer.concat(out)),
            stderr: timedOut ? `${command} did not answer within ${TIMEOUT_MS / 1000} s` : decodeOutput(Buffer.concat(err)),
          });
        });
        child.stdin?.end(options.input ?? '');
      }),
    writeFile: (path, bytes) => writeFileAtomic(path, bytes, 0o644),
    readFile: async (path) => {
      try {
        return await readFile(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    removeFile: async (path) => {
      const there = existsSync(path);
      await rm(path, { force: true });
      return there;
    },
    makeDir: async (path) => {
      await mkdir(path, { recursive: true });
    },
  };
}

/**
 * This installation's `bin/remit`, found by walking up from this module to remit's own
 * package.json, so it is right from the sources (tests) and from the build (dist/).
 */
export function installedRemitBin(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
        if (name === 'remit') return join(dir, 'bin', 'remit');
      } catch {
        // not ours; keep walking
      }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find remit's package.json above ${from}`);
  }
}
