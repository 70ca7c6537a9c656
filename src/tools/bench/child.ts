/**
 * Run one bench child (a `remit` command or a floor) and time it from spawn to exit.
 * Its stdout and stderr go to files beside its report, so a large output never sits in
 * the harness's memory and a failure can be shown afterwards.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { REPORT_ENV } from './exit-report.js';

export interface ChildRun {
  code: number;
  ms: number;
  /** What the child reported on exit (maxRssMb and its own fields); empty when it reported nothing. */
  report: Record<string, unknown>;
  stdoutFile: string;
  stderrFile: string;
}

export interface ChildOptions {
  /** Path prefix for the .out, .err and .report.json files. */
  files: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function runChild(script: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  const stdoutFile = `${options.files}.out`;
  const stderrFile = `${options.files}.err`;
  const reportFile = `${options.files}.report.json`;
  rmSync(reportFile, { force: true });
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', out, err],
      env: { ...process.env, NO_COLOR: '1', ...options.env, [REPORT_ENV]: reportFile },
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    let done = false;
    const finish = (code: number): void => {
      if (done) return;
      done = true;
      const ms = performance.now() - started;
      if (timer) clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as Record<string, unknown>) : {};
      resolve({ code, ms, report, stdoutFile, stderrFile });
    };
    child.on('exit', (code, signal) => finish(code ?? (signal ? 128 : -1)));
    child.on('error', () => finish(-1));
  });
}

/** A failed child's stderr in a few lines: its first error line (a stack's message is at its top) and its last lines. */
export function tailOf(file: string, lines = 4): string {
  if (!existsSync(file)) return '';
  const all = readFileSync(file, 'utf8').trim().split('\n');
  const first = all.find((line) => /error|failed|remit:/i.test(line));
  const last = all.slice(-lines);
  return (first && !last.includes(first) ? [first, '...', ...last] : last).join('\n');
}
