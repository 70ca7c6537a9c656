/** A recording stand-in for the OS scheduler, and a Context for calling the commands directly. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Context } from '../../src/cli/context.js';
import type { CommandResult, RunOptions, SchedulerHost } from '../../src/schedule/host.js';
import type { ScheduleTarget } from '../../src/schedule/types.js';

export interface Call {
  command: string;
  args: string[];
  options: RunOptions;
}

export type Responder = (call: Call) => Partial<CommandResult> | undefined;

/**
 * Files go to real temporary folders (so the bytes can be checked); commands are only
 * recorded and answered by `respond`, with a crontab kept in memory for `crontab -l` / `-`.
 */
export class FakeHost implements SchedulerHost {
  readonly calls: Call[] = [];
  crontab: string | undefined;
  private readonly respond: Responder;

  constructor(respond: Responder = () => undefined, crontab?: string) {
    this.respond = respond;
    this.crontab = crontab;
  }

  async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const call = { command, args: [...args], options };
    this.calls.push(call);
    const answer = this.respond(call);
    if (answer) return { code: 0, stdout: '', stderr: '', ...answer };
    if (command === 'crontab' && args[0] === '-l') {
      return this.crontab === undefined ? { code: 1, stdout: '', stderr: 'no crontab for operator' } : { code: 0, stdout: this.crontab, stderr: '' };
    }
    if (command === 'crontab' && args[0] === '-') {
      this.crontab = options.input ?? '';
      return { code: 0, stdout: '', stderr: '' };
    }
    return { code: 0, stdout: '', stderr: '' };
  }

  async writeFile(path: string, bytes: Uint8Array | string): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }

  async readFile(path: string): Promise<Buffer | undefined> {
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  async removeFile(path: string): Promise<boolean> {
    const there = existsSync(path);
    rmSync(path, { force: true });
    return there;
  }

  async makeDir(path: string): Promise<void> {
    mkdirSync(path, { recursive: true });
  }

  /** Calls as one line each, e.g. `systemctl --user daemon-reload`. */
  commandLines(): string[] {
    return this.calls.map((call) => [call.command, ...call.args].join(' '));
  }
}

export interface TestContext {
  ctx: Context;
  out: () => string;
  err: () => string;
}

export function testContext(overrides: Partial<Context> & { now?: string } = {}): TestContext {
  let out = '';
  let err = '';
  const { now, ...rest } = overrides;
  const fixed = new Date(now ?? '2025-01-03T12:00:00');
  const ctx: Context = {
    home: undefined,
    env: {},
    platform: 'linux',
    userHome: '/home/operator',
    clock: { now: () => new Date(fixed.getTime()) },
    stdout: { write: (text) => void (out += text), isTTY: false },
    stderr: { write: (text) => void (err += text), isTTY: false },
    stdinIsTTY: false,
    readStdin: async () => '',
    quiet: false,
    color: false,
    user: 'operator',
    ...rest,
  };
  return { ctx, out: () => out, err: () => err };
}

export function tempDir(prefix = 'remit-schedule-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A folder with a remit.yaml: enough of a workspace for schedule install. */
export function fakeWorkspace(parent: string, name = 'Client Books'): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(join(dir, 'remit.yaml'), 'companies: {}\n');
  return dir;
}

export const WINDOWS_TARGET: ScheduleTarget = {
  name: 'client-books-1a2b3c4d',
  workspace: 'C:\\Users\\Ann Lee\\AR & Cash <Books>',
  node: 'C:\\Program Files\\nodejs\\node.exe',
  remit: 'C:\\Users\\Ann Lee\\AppData\\Roaming\\npm\\node_modules\\remit\\bin\\remit',
  user: 'ACME\\ann',
  logon: 'interactive',
};

export const POSIX_TARGET: ScheduleTarget = {
  name: 'client-books-1a2b3c4d',
  workspace: "/home/ann/AR & Cash/Client's <Books> 100%",
  node: '/opt/node v20/bin/node',
  remit: '/opt/remit/bin/remit',
  user: 'ann',
  logon: 'interactive',
};
