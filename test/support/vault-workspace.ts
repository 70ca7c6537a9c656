/** A workspace whose secrets are in the vault (no Secret Service needed), with one portal account. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { newWorkspace, remit } from './cli.js';

export const VAULT = { REMIT_VAULT_PASSPHRASE: 'a-test-only-vault-passphrase', REMIT_RETRY_BACKOFF_MS: '50' };

/** A new workspace on the vault, `extraYaml` appended to remit.yaml, and a northwind account `nw` with `password`. */
export function vaultWorkspaceWithNorthwind(url: string, password: string, extraYaml = ''): string {
  const home = newWorkspace('NWF');
  const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8').replace(/secrets:\n  store: keychain[^\n]*/, 'secrets:\n  store: vault\n  passphrase_env: REMIT_VAULT_PASSPHRASE');
  writeFileSync(join(home, 'remit.yaml'), `${yaml}\n${extraYaml}`);
  const added = remit(['portal', 'add', '--id', 'nw', '--payer', 'NW', '--recipe', 'northwind', '--url', url, '--username', 'demo', '--password-stdin'], { home, env: VAULT, input: `${password}\n` });
  expect(added.code, added.stderr).toBe(0);
  return home;
}
