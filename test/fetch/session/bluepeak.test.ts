// BluePeak (TypeScript adapter): "What's new" interstitial, spinner search, XLSX download
// button, European dates and amounts, against the fixture portal in real headless Chromium.
import { readFile, readdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startPortal } from '../../../fixtures/portals/index.mjs';
import { PortalError } from '../../../src/fetch/errors.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import { loadPortalRecipe } from '../../../src/fetch/recipe/registry.js';
import { isAdapter, type PortalRecipe } from '../../../src/fetch/types.js';
import { portalSuite, PASSWORD, findSecret, harness, startBrowser, unzipText } from './portal-suite.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const suite = portalSuite('bluepeak', { password: PASSWORD, searchDelayMs: 300 });
const withPortal = suite.withPortal;

describe('bluepeak (adapter)', () => {
  test('is loaded as a TypeScript adapter', () => {
    expect(isAdapter(suite.recipe)).toBe(true);
    expect(suite.recipe.name).toBe('bluepeak');
  });

  test('clean fetch through the interstitial, then nothing new', async () => {
    await withPortal({}, async (portal, h) => {
      const first = await fetchPortal(h.input());
      expect(first.files.map((f) => f.rowId).sort()).toEqual(['BP-7001', 'BP-7002', 'BP-7003', 'BP-7004', 'BP-7005', 'BP-7006']);
      expect(portal.state.interstitials).toBe(1);
      const file = first.files.find((f) => f.rowId === 'BP-7002')!;
      expect(file.fields).toEqual({ paymentRef: 'ZA-2025-03-0125', date: '2025-03-05', amountMinor: 123456 });
      expect(file.suggestedName).toBe('Zahlungsavis_ZA-2025-03-0125.xlsx');
      expect((await readFile(file.path)).subarray(0, 2).toString()).toBe('PK'); // a real XLSX (zip)

      const known = new Set(first.files.map((f) => f.rowId));
      const again = await fetchPortal(h.input({ isKnown: (id) => known.has(id), storageState: first.storageState }));
      expect(again.files).toEqual([]);
      expect(again.skipped).toBe(6);
      expect(again.sessionReused).toBe(true);
      expect(portal.state.loginAttempts).toBe(1);
    });
  });

  test('since/until select exactly the rows in range', async () => {
    await withPortal({}, async (_portal, h) => {
      const result = await fetchPortal(h.input({ since: '2025-03-05', until: '2025-03-10' }));
      expect(result.files.map((f) => f.rowId).sort()).toEqual(['BP-7002', 'BP-7003', 'BP-7004']);
    });
  });

  test('wrong password: auth, not retryable, one attempt', async () => {
    await withPortal({}, async (portal, h) => {
      const error = (await fetchPortal(h.input({ credentials: { password: 'wrong-one' } })).catch((e: unknown) => e)) as PortalError;
      expect(error).toBeInstanceOf(PortalError);
      expect(error.kind).toBe('auth');
      expect(error.retryable).toBe(false);
      expect(error.portalMessage).toBe('The credentials you entered are incorrect.');
      expect(portal.state.loginAttempts).toBe(1);
      const text = await unzipText(error.artifacts!.trace!);
      expect(findSecret(text + h.logs.join('\n'), ['wrong-one'])).toBeUndefined();
    });
  });

  test('three wrong passwords lock the account; remit then reports locked', async () => {
    await withPortal({}, async (portal, h) => {
      for (let i = 0; i < 2; i++) {
        const e = (await fetchPortal(h.input({ credentials: { password: `wrong-${i}` }, failureDir: undefined })).catch((x: unknown) => x)) as PortalError;
        expect(e.kind).toBe('auth');
      }
      const third = (await fetchPortal(h.input({ credentials: { password: 'wrong-2' }, failureDir: undefined })).catch((x: unknown) => x)) as PortalError;
      expect(third.kind).toBe('locked');
      expect(third.portalMessage).toMatch(/locked for security reasons/);
      expect(portal.state.loginAttempts).toBe(3);
    });
  });

  test('results that never finish loading: timeout', async () => {
    await withPortal({ searchDelayMs: 5000 }, async (_portal, h) => {
      const error = (await fetchPortal(h.input({ timeoutMs: 1500 })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('timeout');
      expect(error.retryable).toBe(true);
      expect(error.artifacts?.screenshot).toBeDefined();
      expect(error.artifacts?.trace).toBeDefined();
    });
  });

  test('layout changed: layout error with evidence', async () => {
    await withPortal({ layoutChanged: true }, async (_portal, h) => {
      const error = (await fetchPortal(h.input({ timeoutMs: 1500 })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('layout');
      expect(error.message).toContain('#run-search');
      expect(error.artifacts?.screenshot).toBeDefined();
      expect(error.artifacts?.trace).toBeDefined();
      const text = await unzipText(error.artifacts!.trace!);
      expect(findSecret(text, [PASSWORD])).toBeUndefined();
    });
  });

  test('a transfer cut off halfway leaves no partial file', async () => {
    await withPortal({ failDownload: ['BP-7003'] }, async (portal, h) => {
      const error = (await fetchPortal(h.input()).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('download');
      // Chromium resumes an interrupted download a few times on its own before giving up.
      expect(portal.state.failedTransfers).toBeGreaterThanOrEqual(1);
      expect(portal.state.downloads).not.toContain('BP-7003');
      const names = (await readdir(h.downloadDir)).sort();
      expect(names).toHaveLength(5);
      expect(names.some((n) => n.startsWith('BP-7003') || n.startsWith('.'))).toBe(false);
      expect((error.partial as { files: unknown[] }).files).toHaveLength(5);
    });
  });
});
