// Every part of a kept trace is free of every secret kind: the password, the TOTP seed, the
// one-time codes sent, the session cookies and the CSRF tokens the portal issued, in the
// action log, the DOM snapshots, the network log and the request and response bodies
// (resources/*.dat). The fixture portal records what it issued, so the scan knows what to
// look for; every entry of the zip and every file under the run's folder is opened.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPortal } from '../../../fixtures/portals/index.mjs';
import { PortalError } from '../../../src/fetch/errors.js';
import { loadPortalRecipe } from '../../../src/fetch/recipe/registry.js';
import { readZip } from '../../../src/fetch/evidence/zip.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import type { PortalRecipe } from '../../../src/fetch/types.js';
import { PASSWORD, TOTP_SEED, filesUnder, harness, spellings, startBrowser } from '../session/portal-suite.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let browser: Browser;
let recipe: PortalRecipe;
beforeAll(async () => {
  browser = await startBrowser();
  recipe = await loadPortalRecipe('northwind');
});
afterAll(async () => {
  await browser?.close();
});

/** Where a secret is found: whole for long values, as a number on its own for one-time codes. */
function leaks(text: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    if (/^\d{6,8}$/.test(secret)) {
      if (new RegExp(`(?<![0-9.])${secret}(?![0-9.])`).test(text)) found.push(`code ${secret}`);
    } else if (spellings(secret).some((s) => text.includes(s))) found.push(`${secret.slice(0, 3)}... (${secret.length} chars)`);
  }
  return found;
}

describe('trace scrubbing covers every part of the trace', () => {
  test('after MFA and a failed download: no password, seed, code, session cookie or CSRF token in any trace entry or file', async () => {
    const portal = await startPortal('northwind', { password: PASSWORD, totpSecret: TOTP_SEED, failDownload: ['NW-240302'] });
    const h = await harness(browser, recipe, portal.url);
    try {
      const error = (await fetchPortal(h.input({ credentials: { password: PASSWORD, totpSecret: TOTP_SEED }, until: '2025-03-06' })).catch((e: unknown) => e)) as PortalError;
      expect(error).toBeInstanceOf(PortalError);
      expect(error.kind).toBe('download');
      const trace = error.artifacts?.trace;
      expect(trace).toBeDefined();
      const issued = (portal.state.issued ?? []).filter((v) => v.length > 0);
      expect(issued.some((v) => /^\d{6}$/.test(v))).toBe(true); // a code was sent
      const secrets = [PASSWORD, TOTP_SEED, TOTP_SEED.replace(/\s+/g, ''), ...issued];

      const entries = readZip(await readFile(trace!));
      expect(entries.some((e) => e.name.startsWith('resources/') && e.name.endsWith('.dat'))).toBe(true);
      const bad: string[] = [];
      for (const entry of entries) {
        for (const text of [entry.data.toString('utf8'), entry.data.toString('latin1')]) {
          for (const leak of leaks(text, secrets)) bad.push(`${entry.name}: ${leak}`);
        }
      }
      expect([...new Set(bad)]).toEqual([]);
      // Still a trace worth opening: the steps and the pages are there.
      const log = entries.find((e) => e.name.endsWith('.trace'))!.data.toString('utf8');
      expect(log).toContain('#verify');
      // And every other file the run wrote, logs included.
      for (const file of await filesUnder(h.dir)) {
        if (file.endsWith('.zip')) continue;
        expect(leaks((await readFile(file)).toString('latin1'), secrets), file).toEqual([]);
      }
      expect(leaks(h.logs.join('\n') + error.message, secrets)).toEqual([]);
    } finally {
      await h.close();
      await portal.close();
    }
  });
});
