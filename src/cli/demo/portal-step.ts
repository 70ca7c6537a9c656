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
import type { PipelineContext } from '../../pipeline/context.js';
import { fetchPortals } from '../../pipeline/fetch-portals.js';
import { addPortal, removePortal } from '../../pipeline/portal-accounts.js';
import { openSecretStore } from '../../secrets/index.js';
import type { WorkspacePaths } from '../../workspace/resolve.js';
import type { Context } from '../context.js';
import { fetchServices, secretsFor } from '../workspace.js';

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
const VAULT_ENV = 'REMIT_DEMO_VAULT_PASSPHRASE';

/**
 * Where the demo keeps its secrets: the keychain, or on a machine without one (a headless
 * server) the vault, set in remit.yaml before the workspace is opened. Returns the context
 * to run the demo with (the vault's passphrase in its environment).
 */
export async function demoSecrets(paths: WorkspacePaths, ctx: Context): Promise<{ ctx: Context; store: string }> {
  try {
    await openSecretStore({ store: 'keychain' }, { workspace: paths.root, env: ctx.env, platform: ctx.platform });
    return { ctx, store: 'keychain' };
  } catch {
    writeFileSync(paths.config, readFileSync(paths.config, 'utf8').replace(/secrets:\n  store: keychain[^\n]*/, `secrets:\n  store: vault\n  passphrase_env: ${VAULT_ENV}`));
    return { ctx: { ...ctx, env: { ...ctx.env, [VAULT_ENV]: randomBytes(24).toString('hex') } }, store: 'vault' };
  }
}

export async function fetchFromDemoPortal(packageRoot: string, demoDir: string, payments: DemoPayment[], pipeline: PipelineContext, ctx: Context, store: string): Promise<PortalStepResult> {
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
  const secrets = secretsFor(ctx, pipeline.config, pipeline.paths);
  const account = { id: 'demo-bigmart', company: Object.keys(pipeline.config.companies)[0]!, payer: payments[0]?.payer ?? 'BIGMART', recipe: 'northwind', url: portal.url, username: 'demo', options: {} };
  try {
    await addPortal(pipeline, secrets, account, { password, totp });
    // The account is in remit.yaml now: the fetch sees it in settings read again.
    const withAccount: PipelineContext = { ...pipeline, config: { ...pipeline.config, portals: [...pipeline.config.portals, account] } };
    const dates = payments.map((p) => p.paymentDate).sort();
    const services = fetchServices(ctx, withAccount);
    let failed: boolean;
    try {
      failed = (await fetchPortals(withAccount, services, { since: dates[0]!, until: dates.at(-1)!, portal: [account.id] })).failed;
    } finally {
      await services.close();
    }
    return { fetched: true, note: `logged in to ${portal.url} with a one-time code (secrets in the ${store}), ${failed ? 'some files failed' : 'downloaded every new file'}` };
  } catch (err) {
    return { fetched: false, note: `portal step skipped: ${errorMessage(err)}` };
  } finally {
    await portal.close();
    // The demo leaves nothing in the operator's keychain.
    await removePortal(pipeline, secrets, account.id).catch(() => 0);
  }
}
