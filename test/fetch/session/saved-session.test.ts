// A saved session is kept only after a run reached login.success, and a restored session
// that lands anywhere else (the code page, a notice) is dropped and one fresh login made in
// the same run. Northwind sends a half-finished login back to where it stopped.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { PortalError } from '../../../src/fetch/errors.js';
import { parseRecipe } from '../../../src/fetch/recipe/recipe-load.js';
import { builtinRecipesDir } from '../../../src/fetch/recipe/registry.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import type { StorageState } from '../../../src/fetch/types.js';
import { PASSWORD, TOTP_SEED, harness, portalSuite, type FixturePortal, type Harness } from './portal-suite.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const suite = portalSuite('northwind', { password: PASSWORD });
const creds = { password: PASSWORD, totpSecret: TOTP_SEED };

/** A session stopped right after the password was accepted (the code page or the notice next). */
async function halfLoggedIn(portal: FixturePortal, h: Harness): Promise<StorageState> {
  const login = await h.context.request.get(`${portal.url}/login`);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await login.text())![1]!;
  const posted = await h.context.request.post(`${portal.url}/login`, { form: { csrf_token: csrf, username: 'demo', password: PASSWORD }, maxRedirects: 0 });
  expect(posted.status()).toBe(303);
  return h.context.storageState();
}

describe('saved sessions', () => {
  test('a run that failed before login.success keeps no session', async () => {
    // The recipe does not know the notice page: the run stops on it, after the password.
    const text = (await readFile(join(builtinRecipesDir(), 'northwind.yaml'), 'utf8')).replace(/  interstitials:\n(    .*\n)+/, '');
    const recipe = parseRecipe(text, { source: 'no-notice.yaml' });
    await suite.withPortal({}, async (portal) => {
      const h = await harness(suite.browser, recipe, portal.url);
      try {
        const error = (await fetchPortal(h.input({ timeoutMs: 1500 })).catch((e: unknown) => e)) as PortalError;
        expect(error).toBeInstanceOf(PortalError);
        expect(portal.state.loginAttempts).toBe(1);
        expect(error.partial).toBeDefined();
        expect(error.partial!.storageState).toBeUndefined();
      } finally {
        await h.close();
      }
    });
  });

  for (const [where, options] of [['the code page', { totpSecret: TOTP_SEED }], ['the notice page', {}]] as const) {
    test(`a restored session landing on ${where} is dropped and one fresh login made in the same run`, async () => {
      await suite.withPortal(options, async (portal, h) => {
        const stale = await halfLoggedIn(portal, h);
        const next = await harness(suite.browser, suite.recipe, portal.url);
        try {
          const result = await fetchPortal(next.input({ credentials: creds, storageState: stale, until: '2025-03-03', timeoutMs: 5000 }));
          expect(result.files.map((f) => f.rowId)).toEqual(['NW-240301']);
          expect(result.sessionReused).toBe(false);
          expect(portal.state.loginAttempts).toBe(2); // the half one above, and one fresh login
          expect(result.storageState?.cookies.some((c) => c.name === 'nw_session')).toBe(true);
          expect(next.logs.join('\n')).toMatch(/saved session .*dropped/);
        } finally {
          await next.close();
        }
      });
    });
  }
});
