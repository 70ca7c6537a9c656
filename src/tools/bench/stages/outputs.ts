/** Reading what a `remit` child wrote, for the checks. */
import { existsSync, readFileSync } from 'node:fs';
import type { ChildRun } from '../child.js';

export function jsonOut<T>(run: ChildRun): T | undefined {
  if (!existsSync(run.stdoutFile)) return undefined;
  try {
    return JSON.parse(readFileSync(run.stdoutFile, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function textOf(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Lines written by `remit import --json`, over the files it imported. */
export function importedLines(run: ChildRun): { lines: number; failed: number; duplicates: number } {
  const out = jsonOut<{ files: Array<{ status: string; lines?: number; duplicates?: number }> }>(run);
  const files = out?.files ?? [];
  return {
    lines: files.reduce((sum, f) => sum + (f.lines ?? 0), 0),
    failed: files.filter((f) => f.status === 'failed').length,
    duplicates: files.reduce((sum, f) => sum + (f.duplicates ?? 0), 0),
  };
}

export const count = (n: number): string => n.toLocaleString('en-US');
