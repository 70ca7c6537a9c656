/**
 * The single place that catches errors and chooses the exit code: 0 ok, 1 done with
 * failures, 2 usage or configuration error, 3 workspace locked. A RemitError has been
 * worded for the operator; anything else is a bug and says so.
 */
import { CommanderError } from 'commander';
import { homedir, userInfo } from 'node:os';
import { clockFromEnv } from '../core/clock.js';
import { armCrashPoints } from '../core/crash-points.js';
import { ExitCode, RemitError } from '../core/errors.js';
import { ConfigError } from '../config/load.js';
import { printable, printableLines } from '../core/printable.js';
import type { Context } from './context.js';
import { buildProgram, type CommandMeta, type Parsed } from './program.js';
import { guardRun } from './guard.js';

async function main(argv: string[]): Promise<number> {
  let chosen: { runner: NonNullable<Parsed['runner']>; global: Parsed['global']; meta: CommandMeta } | undefined;
  const program = buildProgram((runner, global, meta) => {
    chosen = { runner, global, meta };
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    throw err;
  }
  if (!chosen) return ExitCode.ok;
  const env = process.env;
  armCrashPoints(env['REMIT_TEST_CRASH_AT'], (text) => process.stderr.write(text));
  const color = chosen.global.color !== false && Boolean(process.stderr.isTTY) && !env['NO_COLOR'] && env['TERM'] !== 'dumb';
  const ctx: Context = {
    home: chosen.global.home,
    env,
    platform: process.platform,
    userHome: homedir(),
    clock: clockFromEnv(env['REMIT_NOW']),
    stdout: { write: (text) => void process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY), ...(process.stdout.columns ? { columns: process.stdout.columns } : {}) },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
    stdinIsTTY: Boolean(process.stdin.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    quiet: Boolean(chosen.global.quiet),
    color,
    user: currentUser(env),
  };
  return guardRun(chosen.meta, ctx, () => chosen!.runner(ctx));
}

function currentUser(env: NodeJS.ProcessEnv): string {
  try {
    return env['REMIT_USER'] ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof RemitError) {
      // Messages name files and texts from them: shown with their control characters escaped.
      process.stderr.write(`remit: ${printable(err.message)}\n`);
      if (err instanceof ConfigError) for (const problem of err.problems) process.stderr.write(`  - ${printable(problem)}\n`);
      if (err.hint) process.stderr.write(`  hint: ${printable(err.hint)}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`remit: internal error (a bug in remit, please report it):\n${printableLines(detail)}\n`);
    process.exitCode = ExitCode.failures;
  },
);
