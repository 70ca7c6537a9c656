/**
 * `remit fetch` as a use case: a real headless Chromium against a fixture portal with MFA,
 * secrets in the vault; new files imported into one batch as they arrive, the rows
 * remembered, the session kept so the next run is spared the one-time code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPortal, type RunningPortal } from '../../fixtures/portals/index.mjs';
import { launchBrowser } from '../../src/fetch/session/browser.js';
import { fetchPortals, type FetchServices } from '../../src/pipeline/fetch-portals.js';
import { openSecretStore, type SecretStore } from '../../src/secrets/index.js';
import { testWorkspace, type TestWorkspace } from '../support/pipeline.js';

const PASSWORD = 'Pipeline-pa55-0042';
const TOTP = 'JBSWY3DPEHPK3PXP';

let portal: RunningPortal;
let browser: Browser;
let ws: TestWorkspace;
let services: FetchServices;

beforeAll(async () => {
  portal = await startPortal('northwind', { password: PASSWORD, totpSecret: TOTP });
  browser = await launchBrowser({ env: { REMIT_BROWSER: process.env['REMIT_BROWSER'] } });
  ws = await testWorkspace(
    `companies:\n  NWF:\n    name: Northwind\nsecrets:\n  store: vault\n  passphrase_env: REMIT_TEST_VAULT\n` +
      `portals:\n  - { id: nw, company: NWF, payer: NW, recipe: northwind, url: "${portal.url}", username: demo }\n`,
  );
  const store: Promise<SecretStore> = openSecretStore(ws.ctx.config.secrets, { workspace: ws.root, env: { REMIT_TEST_VAULT: 'vault for this test only' }, platform: process.platform });
  await (await store).set('nw', 'password', PASSWORD);
  await (await store).set('nw', 'totp', TOTP);
  services = { browser: async () => browser, secrets: () => store, backoffMs: () => 50 };
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  await ws?.close();
});

describe('fetchPortals', () => {
  it('downloads and imports the rows in range, then nothing new on the next run, without a second MFA prompt', async () => {
    const first = await fetchPortals(ws.ctx, services, { since: '2025-03-01', until: '2025-03-05' });
    expect(first.failed).toBe(false);
    const [nw] = first.accounts;
    expect(nw!.record).toMatchObject({ status: 'ok', attempts: 1, fileErrors: 0 });
    expect(nw!.record.files).toBe(portal.state.downloads.length);
    expect(nw!.files.every((f) => f.status === 'imported' || f.status === 'duplicate')).toBe(true);
    const db = ws.inspect();
    expect(db.prepare('SELECT COUNT(*) FROM portal_downloads').pluck().get()).toBe(nw!.record.files);
    expect(db.prepare(`SELECT DISTINCT kind FROM batches`).pluck().all()).toEqual(['fetch']);
    expect(portal.state.mfaPrompts).toBe(1);

    const downloads = portal.state.downloads.length;
    const second = await fetchPortals(ws.ctx, services, { since: '2025-03-01', until: '2025-03-05' });
    expect(second.accounts[0]!.record).toMatchObject({ status: 'ok', files: 0 });
    expect(portal.state.downloads.length).toBe(downloads);
    expect(portal.state.mfaPrompts).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM portal_runs').pluck().get()).toBe(2);
  });

  it('an account it does not know, or dates that cannot be, are usage errors before any browser', async () => {
    await expect(fetchPortals(ws.ctx, services, { portal: ['nope'] })).rejects.toThrow(/no portal account "nope"/);
    await expect(fetchPortals(ws.ctx, services, { since: '2025-03-05', until: '2025-03-01' })).rejects.toThrow(/is after/);
  });
});
