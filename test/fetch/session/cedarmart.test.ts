// CedarMart (YAML recipe, blob downloads): files built in the page, a session that ends
// mid-run, a disabled "Next" button, against the fixture portal in real headless Chromium.
import { readFile, readdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startPortal } from '../../../fixtures/portals/index.mjs';
import { PortalError } from '../../../src/fetch/errors.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import { loadPortalRecipe } from '../../../src/fetch/recipe/registry.js';
import type { PortalRecipe } from '../../../src/fetch/types.js';
import { portalSuite, PASSWORD, findSecret, harness, startBrowser, unzipText } from './portal-suite.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const suite = portalSuite('cedarmart', { password: PASSWORD });
const withPortal = suite.withPortal;

const ALL = ['CM-55001', 'CM-55002', 'CM-55003', 'CM-55004', 'CM-55005', 'CM-55006', 'CM-55007', 'CM-55008', 'CM-55009', 'CM-55010'];

describe('cedarmart', () => {
  test('clean fetch of files built in the page, across pages, then nothing new', async () => {
    await withPortal({}, async (portal, h) => {
      const first = await fetchPortal(h.input());
      expect(first.files.map((f) => f.rowId).sort()).toEqual(ALL);
      expect(first.pages).toBe(3);
      const pdf = first.files.find((f) => f.rowId === 'CM-55001')!;
      expect(pdf.suggestedName).toBe('CedarMart-CM-55001.pdf');
      expect((await readFile(pdf.path, 'latin1')).startsWith('%PDF-1.4')).toBe(true);
      expect(pdf.fields).toEqual({ paymentRef: 'CHK 310077', date: '2025-03-02', amountMinor: 98000 });
      const csv = first.files.find((f) => f.rowId === 'CM-55002')!;
      expect(await readFile(csv.path, 'utf8')).toContain('ACH 8812001');
      expect(portal.state.downloads.sort()).toEqual(ALL);

      const known = new Set(first.files.map((f) => f.rowId));
      const again = await fetchPortal(h.input({ isKnown: (id) => known.has(id) }));
      expect(again.files).toEqual([]);
      expect(again.skipped).toBe(10);
    });
  });

  test('since/until select exactly the rows in range across pages', async () => {
    await withPortal({ pageSize: 2 }, async (_portal, h) => {
      const result = await fetchPortal(h.input({ since: '2025-03-04', until: '2025-03-15' }));
      expect(result.files.map((f) => f.rowId).sort()).toEqual(['CM-55002', 'CM-55003', 'CM-55004', 'CM-55005', 'CM-55006', 'CM-55007']);
      expect(result.pages).toBe(3);
    });
  });

  test('the session ends mid-run: remit logs in again and finishes', async () => {
    await withPortal({ sessionRequests: 7 }, async (portal, h) => {
      const result = await fetchPortal(h.input());
      expect(result.files.map((f) => f.rowId).sort()).toEqual(ALL);
      expect(result.relogins).toBeGreaterThanOrEqual(1);
      expect(portal.state.sessionsExpired).toBe(result.relogins);
      expect(portal.state.logins).toBe(result.relogins + 1);
      expect(h.logs.some((l) => l.includes('Your session has expired'))).toBe(true);
    });
  });

  test('the session ends and no more logins are allowed: session-expired, retryable, partial kept', async () => {
    await withPortal({ sessionRequests: 5 }, async (_portal, h) => {
      const error = (await fetchPortal(h.input({ maxRelogins: 0 })).catch((e: unknown) => e)) as PortalError;
      expect(error).toBeInstanceOf(PortalError);
      expect(error.kind).toBe('session-expired');
      expect(error.retryable).toBe(true);
      expect(error.portalMessage).toMatch(/session has expired/);
      const partial = error.partial as { files: unknown[] };
      expect(partial.files.length).toBeGreaterThan(0);
      expect(await readdir(h.downloadDir)).toHaveLength(partial.files.length);
    });
  });

  test('a transfer cut off halfway: error toast, no partial file, the rest downloaded', async () => {
    await withPortal({ failDownload: ['CM-55004'] }, async (portal, h) => {
      const error = (await fetchPortal(h.input()).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('download');
      expect(error.message).toContain('CM-55004');
      expect(error.message).toContain('Download failed');
      expect(portal.state.failedTransfers).toBe(1);
      const names = await readdir(h.downloadDir);
      expect(names).toHaveLength(9);
      expect(names.some((n) => n.startsWith('CM-55004') || n.startsWith('.'))).toBe(false);
    });
  });

  test('wrong password: auth, one attempt; locked account: locked', async () => {
    await withPortal({}, async (portal, h) => {
      const error = (await fetchPortal(h.input({ credentials: { password: 'nope-nope' } })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('auth');
      expect(error.portalMessage).toBe('Sign-in failed: user ID or password is wrong.');
      expect(portal.state.loginAttempts).toBe(1);
      portal.options.locked = true;
      const locked = (await fetchPortal(h.input()).catch((e: unknown) => e)) as PortalError;
      expect(locked.kind).toBe('locked');
      expect(locked.portalMessage).toMatch(/Account locked/);
    });
  });

  test('password expired: password-expired, not retryable', async () => {
    await withPortal({ passwordExpired: true }, async (_portal, h) => {
      const error = (await fetchPortal(h.input()).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('password-expired');
      expect(error.retryable).toBe(false);
    });
  });

  test('layout changed: layout error; the trace and screenshot hold no password', async () => {
    await withPortal({ layoutChanged: true }, async (_portal, h) => {
      const error = (await fetchPortal(h.input({ timeoutMs: 1500 })).catch((e: unknown) => e)) as PortalError;
      expect(error.kind).toBe('layout');
      expect(error.message).toContain('#user');
      const text = await unzipText(error.artifacts!.trace!);
      const shot = (await readFile(error.artifacts!.screenshot!)).toString('latin1');
      expect(findSecret(text + shot + h.logs.join('\n'), [PASSWORD])).toBeUndefined();
    });
  });
});
