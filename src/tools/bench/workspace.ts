/**
 * A bench workspace: made by the real `remit init`, then given the scale payers in
 * remit.yaml (each with the id it sends in EDI, so an 820 names its own payer).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALE_COMPANY, SCALE_PAYERS } from '../samplegen/scale/payers.js';

export const BIN = fileURLToPath(new URL('../../../../bin/remit', import.meta.url));

export function createWorkspace(home: string): string {
  const init = spawnSync(process.execPath, [BIN, '--home', home, 'init', '--company', SCALE_COMPANY], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (init.status !== 0) throw new Error(`remit init in ${home} failed: ${init.stderr.trim()}`);
  const file = join(home, 'remit.yaml');
  const yaml = readFileSync(file, 'utf8');
  if (!yaml.includes('\npayers: {}\n')) throw new Error(`${file} has no "payers: {}" line to fill in: did remit init change?`);
  const payers = SCALE_PAYERS.map((p) => `  ${p.code}:\n    name: ${JSON.stringify(p.name)}\n    ids: [${JSON.stringify(p.ediId)}]\n`).join('');
  writeFileSync(file, yaml.replace('\npayers: {}\n', `\npayers:\n${payers}`));
  return home;
}

export function ledgerFile(home: string): string {
  return join(home, 'ledger.db');
}
