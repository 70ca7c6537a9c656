/**
 * The demo's portal step: start a fixture supplier portal on loopback, add an account whose
 * password and TOTP seed go to the real keychain (or, where no keychain exists, an
 * encrypted vault), fetch with a real headless browser, then delete the demo's secrets.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../../core/errors.js';
import { openSecretStore } from '../../secrets/index.js';
import { workspacePaths } from '../../workspace/resolve.js';
import type { Context } from '../context.js';
import { add as addPortal, remove as removePortal } from './portal.js';
import { run as fetch } from './fetch.js';

export interface DemoPayment {
  file: string;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  amount: string;
}

export interface PortalStepResult {
  fetched: boolean;
  note: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export async function fetchFromDemoPortal(packageRoot: string, demoDir: string, payments: DemoPayment[], ctx: Context): Promise<PortalStepResult> {
  const home = ctx.home!;
  const paths = workspacePaths(home);
  const vaultEnv = 'REMIT_DEMO_VAULT_PASSPHRASE';
  let store = 'keychain';
  try {
    await openSecretStore({ store: 'keychain' }, { workspace: home, env: ctx.env, platform: ctx.platform });
  } catch {
    // No keychain on this machine (a headless server): the demo shows the vault instead.
    store = 'vault';
    writeFileSync(paths.config, readFileSync(paths.config, 'utf8').replace(/secrets:\n  store: keychain[^\n]*/, `secrets:\n  store: vault\n  passphrase_env: ${vaultEnv}`));
  }
  const env = { ...ctx.env, [vaultEnv]: randomBytes(24).toString('hex') };
  const password = randomBytes(12).toString('base64url');
  const totp = Array.from(randomBytes(16), (b) => BASE32[b % 32]).join('');
  const portals = (await import(pathToFileURL(join(packageRoot, 'fixtures', 'portals', 'index.mjs')).href)) as {
    startPortal(name: string, options: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }>;
  };
  const portal = await portals.startPortal('northwind', {
    password,
    totpSecret: totp,
    rows: payments.map((p, i) => ({ id: `BM-${i + 1}`, paymentRef: p.paymentRef, date: p.paymentDate, amount: p.amount, file: basename(p.file), contentType: 'text/csv' })),
    filesDir: join(demoDir, 'remittances'),
  });
  const stdinCtx: Context = { ...ctx, env, stdinIsTTY: false, readStdin: async () => `${password}\n${totp}\n` };
  try {
    const added = await addPortal(
      { id: 'demo-bigmart', payer: payments[0]?.payer ?? 'BIGMART', recipe: 'northwind', url: portal.url, username: 'demo', passwordStdin: true, totpSecretStdin: true },
      stdinCtx,
    );
    if (added !== 0) return { fetched: false, note: 'the demo portal account could not be added' };
    const dates = payments.map((p) => p.paymentDate).sort();
    const code = await fetch({ since: dates[0]!, until: dates.at(-1)!, portal: ['demo-bigmart'] }, stdinCtx);
    return { fetched: true, note: `logged in to ${portal.url} with a one-time code (secrets in the ${store}), ${code === 0 ? 'downloaded every new file' : 'some files failed'}` };
  } catch (err) {
    return { fetched: false, note: `portal step skipped: ${errorMessage(err)}` };
  } finally {
    await portal.close();
    // The demo leaves nothing in the operator's keychain.
    await removePortal('demo-bigmart', {}, stdinCtx).catch(() => 1);
  }
}
