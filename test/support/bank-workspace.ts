/** A workspace holding the shared samples' open invoices and one payer's remittances, for the cash-side tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SAMPLES as BESIDE, newWorkspace, parseCsv, remit } from './cli.js';

/** The samples beside the checkout, or where REMIT_SAMPLES says (a worktree sits one level deeper). */
export const SAMPLES = process.env['REMIT_SAMPLES'] ?? BESIDE;

export function workspaceWithPayer(payer: string, edit: (home: string) => void = () => undefined): string {
  const home = newWorkspace('NWF');
  edit(home);
  expect(remit(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')], { home }).code).toBe(0);
  const manifest = parseCsv(readFileSync(join(SAMPLES, 'manifest.csv'), 'utf8')).filter((row) => row['payer'] === payer);
  expect(remit(['import', '--payer', payer, ...manifest.map((row) => join(SAMPLES, row['file']!))], { home }).code).toBe(0);
  return home;
}
