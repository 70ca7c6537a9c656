/**
 * What an import that fails must do, checked through the real CLI: say so in one short line
 * and exit 1, keep the original in the workspace inbox, and leave the ledger's figures as
 * they were.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { SAMPLES, newWorkspace, parseCsv, remit, removeDir, tempDir, type CliResult } from './cli.js';

/** Exit code 1 and exactly one `failed` line on stderr, under 400 characters, matching `error`. */
export function expectOneFailure(result: CliResult, error: RegExp): void {
  expect(result.code).toBe(1);
  const failed = result.stderr.split('\n').filter((line) => line.startsWith('failed'));
  expect(failed).toHaveLength(1);
  expect(failed[0]).toMatch(error);
  expect(failed[0]!.length).toBeLessThan(400);
}

/**
 * The applications, deductions and exceptions reports as printed, and the number of lines
 * in all batches: equal before and after an import means the ledger did not change.
 */
export function ledgerFigures(home: string): string[] {
  const reports = ['applications', 'deductions', 'exceptions'].map((kind) => remit(['report', kind, '--format', 'csv'], { home }).stdout);
  const batches = parseCsv(remit(['report', 'batches', '--format', 'csv'], { home }).stdout);
  return [...reports, String(batches.reduce((sum, batch) => sum + Number(batch['lines']), 0))];
}

/** The file at `path` is kept in the inbox: inbox/<aa>/<sha256><its extension>. */
export function keptInInbox(home: string, path: string): boolean {
  const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
  return existsSync(join(home, 'inbox', sha.slice(0, 2), `${sha}${extname(path).toLowerCase()}`));
}

/**
 * For one hostile-input test file: a workspace holding the sample open invoices and a
 * scratch folder for the bad files, made before its tests and removed after.
 */
export function hostileWorkspace(ready: (workspace: { home: string; dir: string }) => void): void {
  let made: { home: string; dir: string } | undefined;
  beforeAll(() => {
    made = { home: newWorkspace('NWF'), dir: tempDir() };
    expect(remit(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')], { home: made.home }).code).toBe(0);
    ready(made);
  });
  afterAll(() => {
    if (!made) return;
    removeDir(made.home);
    removeDir(made.dir);
  });
}
