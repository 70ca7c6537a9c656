/**
 * What a bench child process reports about itself: on exit, peak memory (max RSS of the
 * whole process, worker threads included) and whatever the child adds, written as JSON to
 * the file named by REMIT_BENCH_REPORT. The harness times the child from outside.
 */
import { writeFileSync } from 'node:fs';

export const REPORT_ENV = 'REMIT_BENCH_REPORT';

export function reportOnExit(extra: () => Record<string, unknown> = () => ({})): void {
  const file = process.env[REPORT_ENV];
  if (!file) return;
  process.on('exit', (code) => {
    writeFileSync(file, JSON.stringify({ ...extra(), exitCode: code, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  });
}
