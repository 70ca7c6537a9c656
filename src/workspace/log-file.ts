/**
 * The run log for unattended runs: logs/remit-YYYY-MM-DD.log, one line per message with a
 * timestamp and level, appended; files older than the retention are deleted. Only operator
 * messages reach it (never stdout data, never a secret: secrets never reach messages).
 */
import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { printableLines } from '../core/printable.js';
import { localIso } from '../core/times.js';

export interface RunLog {
  write(level: 'info' | 'warn' | 'error', text: string): void;
}

/**
 * A log that cannot be written (a full or read-only disk) never stops the command it logs:
 * `unwritable` is told once, with the reason, and the command goes on without it.
 */
export function openRunLog(logsDir: string, now: () => Date, retentionDays: number, unwritable: (reason: unknown) => void = () => undefined): RunLog {
  let broken = false;
  const failed = (err: unknown): void => {
    if (!broken) unwritable(err);
    broken = true;
  };
  try {
    mkdirSync(logsDir, { recursive: true });
    pruneLogs(logsDir, now(), retentionDays);
  } catch (err) {
    failed(err);
  }
  return {
    write(level, text) {
      if (broken) return;
      try {
        append(level, text);
      } catch (err) {
        failed(err);
      }
    },
  };

  function append(level: 'info' | 'warn' | 'error', text: string): void {
    const at = now();
    // Local time with its offset: the operator reads the log in the workspace's own time.
    const stamp = localIso(at);
    const file = join(logsDir, `remit-${stamp.slice(0, 10)}.log`);
    // A line of a message after its first is marked "| ": text cannot pass for a line of its own.
    const lines = printableLines(text.replace(/\n+$/, '')).split('\n').map((line, i) => `${stamp} ${level.toUpperCase().padEnd(5)} ${i > 0 ? '| ' : ''}${line}`);
    appendFileSync(file, `${lines.join('\n')}\n`);
  }
}

export function pruneLogs(logsDir: string, now: Date, retentionDays: number): number {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString().slice(0, 10);
  let removed = 0;
  for (const name of readdirSync(logsDir)) {
    const match = /^remit-(\d{4}-\d{2}-\d{2})\.log$/.exec(name);
    if (match && match[1]! < cutoff) {
      rmSync(join(logsDir, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}
