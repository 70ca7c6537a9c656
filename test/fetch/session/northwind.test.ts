// Northwind (YAML recipe): CSRF login, TOTP MFA, password notice, pagination, CSV links and
// 820 form posts, against the fixture portal in real headless Chromium.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { inspect } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startPortal } from '../../../fixtures/portals/index.mjs';
import { PortalError } from '../../../src/fetch/errors.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import { parseRecipe } from '../../../src/fetch/recipe/recipe-load.js';
import { builtinRecipesDir, loadPortalRecipe } from '../../../src/fetch/recipe/registry.js';
import type { PortalRecipe } from '../../../src/fetch/types.js';
import { portalSuite, PASSWORD, TOTP_SEED, filesUnder, findSecret, harness, startBrowser, unzipText } from './portal-suite.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const suite = portalSuite('northwind', { password: PASSWORD, totpSecret: TOTP_SEED });
const withPortal = suite.withPortal;

const creds = { password: PASSWORD, totpSecret: TOTP_SEED };

describe('northwind', () => {
  test('clean fetch downloads every file once, the next run downloads nothing', async () => {
    await withPortal({}, async (portal, h) => {
      const first = await fetchPortal(h.input({ credentials: creds }));
      expect(first.files).toHaveLength(12);
      expect(first.rows).toBe(12);
      expect(first.pages).toBe(3);
      expect(first.skipped).toBe(0);
      expect(portal.state.mfaAttempts).toBe(1);
      expect(portal.state.downloads.sort()).toEqual(first.files.map((f) => f.rowId).sort());
      const csv = first.files.find((f) => f.rowId === 'NW-240301')!;
      expect(csv.fields).toEqual({ paymentRef: 'EFT0004471', date: '2025-03-03', amountMinor: 125000 });
      expect(csv.suggestedName).toBe('remittance_EFT0004471.csv');
      expect(basename(csv.path)).toBe('NW-240301.csv');
      const edi = first.files.find((f) => f.rowId === 'NW-240303')!;
      expect(edi.suggestedName).toBe('820-0091.820');
      expect(await readFile(edi.path, 'utf8')).toContain('ST*820*0001');
      expect(edi.fields.amountMinor).toBe(1532040);
      // Only finished files, no temporary names left behind.
      const names = await readdir(h.downloadDir);
      expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
      expect(names).toHaveLength(12);

      // Logs and the result (as it would be logged) hold no password, seed or session cookie.
      const cookie = first.storageState!.cookies.find((c) => c.name === 'nw_session')!.value;
      expect(findSecret(h.logs.join('\n') + JSON.stringify(first) + inspect(first, { depth: 9 }), [PASSWORD, TOTP_SEED, cookie])).toBeUndefined();

      const known = new Set(first.files.map((f) => f.rowId));
      const second = await fetchPortal(h.input({ credentials: creds, isKnown: (id) => known.has(id) }));
      expect(second.files).toEqual([]);
      expect(second.skipped).toBe(12);
      expect(await readdir(h.downloadDir)).toHaveLength(12);
    });
  });

  test('since/until select exactly the rows in range across pages, though the portal returns more', async () => {
    await withPortal({ pageSize: 2 }, async (portal, h) => {
      const result = await fetchPortal(h.input({ credentials: creds, since: '2025-03-05', until: '2025-03-12' }));
      const ids = result.files.map((f) => f.rowId).sort();
      expect(ids).toEqual(['NW-240303', 'NW-240304', 'NW-240305', 'NW-240306', 'NW-240307', 'NW-240308']);
      // The portal widened the search by two days either side and listed them too.
      expect(result.outOfRange).toBeGreaterThan(0);
      expect(result.pages).toBeGreaterThan(3);
      expect(portal.state.downloads.sort()).toEqual(ids);
    });
  });

  test('dry run lists what would be downloaded and writes nothing', async () => {
    await withPortal({}, async (portal, h) => {
      const result = await fetchPortal(h.input({ credentials: creds, since: '2025-03-10', until: '2025-03-14', dryRun: true }));
      expect(result.files).toEqual([]);
      expect(result.dryRunRows?.map((r) => r.rowId).sort()).toEqual(['NW-240306', 'NW-240307', 'NW-240308', 'NW-240309', 'NW-240310']);
      expect(portal.state.downloads).toEqual([]);
      expect(await readdir(h.downloadDir)).toEqual([]);
    });
  });

  test('a saved session skips login and MFA on the next run', async () => {
    await withPortal({}, async (portal, h) => {
      const first = await fetchPortal(h.input({ credentials: creds, until: '2025-03-05' }));
      expect(first.sessionReused).toBe(false);
      expect(portal.state.mfaPrompts).toBe(1);
      expect(first.storageState?.cookies.length).toBeGreaterThan(0);

      const next = await harness(suite.browser, suite.recipe, portal.url);
      try {
        const second = await fetchPortal(next.input({ credentials: creds, storageState: first.storageState, since: '2025-03-06' }));
        expect(second.sessionReused).toBe(true);
        expect(second.files.length).toBeGreaterThan(0);
        expect(portal.state.mfaPrompts).toBe(1);
        expect(portal.state.mfaAttempts).toBe(1);
        expect(portal.state.loginAttempts).toBe(1);
      } finally {
        await next.close();
      }
    });
  });

  test('an expired saved session means logging in again', async () => {
    await withPortal({}, async (portal, h) => {
      const first = await fetchPortal(h.input({ credentials: creds, until: '2025-03-03' }));
      const stale = { ...first.storageState!, cookies: first.storageState!.cookies.map((c) => ({ ...c, value: 'expired-session-0000' })) };
      const next = await harness(suite.browser, suite.recipe, portal.url);
      try {
        const second = await fetchPortal(next.input({ credentials: creds, storageState: stale, until: '2025-03-03' }));
        expect(second.sessionReused).toBe(false);
        expect(portal.state.loginAttempts).toBe(2);
        expect(portal.state.mfaAttempts).toBe(2);
      } finally {
        await next.close();
      }
    });
  });

  test('a conditional step answers an interstitial (recipe variant with if: instead of interstitials:)', async () => {
    const text = (await readFile(join(builtinRecipesDir(), 'northwind.yaml'), 'utf8'))
      .replace(/  interstitials:\n(    .*\n)+/, '')
      .replace("    - click: '#sign-in'\n", "    - click: '#sign-in'\n    - if: { visible: '#remind-later' }\n      within_ms: 3000\n      then:\n        - click: '#remind-later'\n");
    const variant = parseRecipe(text, { source: 'variant.yaml' });
    expect(variant.login.interstitials).toEqual([]);
    const portal = await startPortal('northwind', { password: PASSWORD, totpSecret: null });
    const h = await harness(suite.browser, variant, portal.url);
    try {
      const result = await fetchPortal(h.input({ until: '2025-03-03' }));
      expect(result.files.map((f) => f.rowId)).toEqual(['NW-240301']);
      expect(portal.state.interstitials).toBe(1);
      expect(h.logs).toContain("if '#remind-later' visible: yes");
    } finally {
      await h.close();
      await portal.close();
    }
  });

  test('wrong password: auth error with the portal words, not retryable, one attempt, no secret in evidence', async () => {
    await withPortal({}, async (portal, h) => {
      const error = await fetchPortal(h.input({ credentials: { password: 'not-the-password', totpSecret: TOTP_SEED } })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortalError);
      const pe = error as PortalError;
      expect(pe.kind).toBe('auth');
      expect(pe.retryable).toBe(false);
      expect(pe.portalMessage).toBe('Invalid username or password.');
      expect(portal.state.loginAttempts).toBe(1);
      expect(pe.artifacts?.screenshot).toBeDefined();
      expect(pe.artifacts?.trace).toBeDefined();
      const evidence = (await unzipText(pe.artifacts!.trace!)) + (await readFile(pe.artifacts!.screenshot!)).toString('latin1') + h.logs.join('\n') + pe.message;
      expect(findSecret(evidence, ['not-the-password', TOTP_SEED])).toBeUndefined();
    });
  });

  test('locked account: locked error carrying the portal text', async () => {
    await withPortal({ locked: true }, async (portal, h) => {
      const error = (await fetchPortal(h.input({ credentials: creds })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('locked');
      expect(error.retryable).toBe(false);
      expect(error.portalMessage).toMatch(/account has been locked/);
      expect(portal.state.loginAttempts).toBe(1);
    });
  });

  test('wrong one-time code: mfa error', async () => {
    await withPortal({ totpSecret: 'KRSX G5CT MVRX EZLU' }, async (_portal, h) => {
      const error = (await fetchPortal(h.input({ credentials: creds })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('mfa');
      expect(error.portalMessage).toMatch(/verification code is not valid/);
      expect(error.retryable).toBe(false);
    });
  });

  test('layout changed: layout error, screenshot and trace kept, trace holds no password, seed or cookie', async () => {
    await withPortal({}, async (portal, h) => {
      // A first, good run so the trace of the second one has a session cookie to leak.
      const first = await fetchPortal(h.input({ credentials: creds, until: '2025-03-03' }));
      const cookie = first.storageState!.cookies.find((c) => c.name === 'nw_session')!.value;
      portal.options.layoutChanged = true;
      const error = (await fetchPortal(h.input({ credentials: creds, timeoutMs: 1500 })).catch((e: unknown) => e)) as PortalError;
      expect(error).toBeInstanceOf(PortalError);
      expect(error.kind).toBe('layout');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('#remittance-table');
      const { screenshot, trace } = error.artifacts ?? {};
      expect(screenshot && existsSync(screenshot)).toBe(true);
      expect(trace && existsSync(trace)).toBe(true);
      expect(dirname(trace!)).toBe(h.failureDir);
      const text = await unzipText(trace!);
      expect(text).toContain('trace'); // a real, readable trace
      expect(text).toContain('#search-btn');
      expect(findSecret(text, [PASSWORD, TOTP_SEED, cookie])).toBeUndefined();
      const everything = (await Promise.all((await filesUnder(h.dir)).map((f) => readFile(f)))).map((b) => b.toString('latin1')).join('\n');
      expect(findSecret(everything + h.logs.join('\n'), [PASSWORD, TOTP_SEED, cookie])).toBeUndefined();
    });
  });

  test('layout changed on the login page: layout error naming the missing field', async () => {
    await withPortal({ layoutChanged: true }, async (_portal, h) => {
      const error = (await fetchPortal(h.input({ credentials: creds, timeoutMs: 1500 })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('layout');
      expect(error.message).toContain('#username');
      expect(error.artifacts?.screenshot).toBeDefined();
    });
  });

  test('slow portal: timeout error, retryable, evidence saved', async () => {
    await withPortal({ slowMs: 4000 }, async (_portal, h) => {
      const error = (await fetchPortal(h.input({ credentials: creds, timeoutMs: 1500 })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('timeout');
      expect(error.retryable).toBe(true);
      expect(error.artifacts?.screenshot).toBeDefined();
      expect(error.artifacts?.trace).toBeDefined();
    });
  });

  test('a transfer cut off halfway leaves no partial file; the other files are kept', async () => {
    await withPortal({ failDownload: ['NW-240302', 'NW-240303'] }, async (portal, h) => {
      const error = (await fetchPortal(h.input({ credentials: creds, until: '2025-03-06' })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('download');
      expect(error.retryable).toBe(false);
      expect(portal.state.failedTransfers).toBe(2);
      const partial = error.partial!;
      expect(partial.files.map((f) => f.rowId).sort()).toEqual(['NW-240301', 'NW-240304']);
      const names = await readdir(h.downloadDir);
      expect(names.sort()).toEqual(['NW-240301.csv', 'NW-240304.csv']);
    });
  });

  test('portal file names with directories in them never escape the download folder', async () => {
    await withPortal({ hostileNames: true }, async (_portal, h) => {
      const result = await fetchPortal(h.input({ credentials: creds, until: '2025-03-05' }));
      expect(result.files).toHaveLength(3);
      for (const file of result.files) {
        expect(dirname(file.path)).toBe(h.downloadDir);
        expect(file.suggestedName).not.toMatch(/[\\/]/);
      }
      expect(existsSync(join(h.dir, '..', 'remittance_EFT0004471.csv'))).toBe(false);
    });
  });
});
