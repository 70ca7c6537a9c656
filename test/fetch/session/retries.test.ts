// One account's run with its retries (fetchWithRetries) against Northwind with MFA: the
// browser context, with its session and trust cookies, lives through the retries, so the
// one-time code is answered once per run; a code page shown again after the code was sent
// is an mfa failure at once, even for a recipe without a failures.mfa sign.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { PortalError } from '../../../src/fetch/errors.js';
import { parseRecipe } from '../../../src/fetch/recipe/recipe-load.js';
import { builtinRecipesDir } from '../../../src/fetch/recipe/registry.js';
import { fetchWithRetries } from '../../../src/fetch/session/account-attempts.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import type { PortalFetchResult, PortalRecipe } from '../../../src/fetch/types.js';
import { PASSWORD, TOTP_SEED, harness, portalSuite, removeDir, tempDir } from './portal-suite.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const suite = portalSuite('northwind', { password: PASSWORD, totpSecret: TOTP_SEED });
const creds = { password: PASSWORD, totpSecret: TOTP_SEED };

async function attempts(url: string, recipe: PortalRecipe, over: { retries?: number; deadlineSeconds?: number } = {}) {
  const dir = await tempDir('retries');
  await mkdir(join(dir, 'downloads'));
  const logs: string[] = [];
  const results: PortalFetchResult[] = [];
  try {
    const outcome = await fetchWithRetries({
      browser: suite.browser, recipe, account: { id: 'acct-1', url, username: 'demo' }, credentials: creds,
      since: '2025-03-01', until: '2025-03-31', downloadDir: join(dir, 'downloads'), failureDir: join(dir, 'runs'),
      isKnown: () => false, stepTimeoutMs: 3000, deadlineSeconds: over.deadlineSeconds ?? 60, retries: over.retries ?? 2,
      backoffMs: () => 10, dryRun: false, log: (m) => logs.push(m), afterAttempt: async (r) => { results.push(r); },
    });
    return { outcome, logs, results };
  } finally {
    await removeDir(dir);
  }
}

describe('retries within a run', () => {
  test('a transient failure after MFA is retried in the same browser context: one login, one code', async () => {
    await suite.withPortal({ failSearches: 2 }, async (portal) => {
      const { outcome, logs } = await attempts(portal.url, suite.recipe);
      expect(outcome.ok, logs.join('\n')).toBe(true);
      expect(outcome.attempts).toBe(3);
      expect(portal.state.loginAttempts).toBe(1);
      expect(portal.state.mfaAttempts).toBe(1);
      expect(portal.state.mfaPrompts).toBe(1);
      if (outcome.ok) expect(outcome.result.files).toHaveLength(12);
    });
  });

  test('an outage that also ends the session: the retry logs in again, and the trust cookie kept in the context spares the code', async () => {
    await suite.withPortal({ failSearches: 1, endSessionOnFailure: true }, async (portal) => {
      const { outcome, logs } = await attempts(portal.url, suite.recipe);
      expect(outcome.ok, logs.join('\n')).toBe(true);
      expect(outcome.attempts).toBe(2);
      expect(portal.state.loginAttempts).toBe(2);
      expect(portal.state.mfaAttempts).toBe(1);
    });
  });

  test('the code page shown again after the code was sent is an mfa failure at once, without a failures.mfa sign', async () => {
    const text = (await readFile(join(builtinRecipesDir(), 'northwind.yaml'), 'utf8')).replace(/  mfa:\n    - text: 'verification code is not valid'\n/, '');
    const recipe = parseRecipe(text, { source: 'no-mfa-sign.yaml' });
    expect(recipe.failures.mfa).toBeUndefined();
    await suite.withPortal({ totpSecret: 'KRSX G5CT MVRX EZLU' }, async (portal) => {
      const h = await harness(suite.browser, recipe, portal.url);
      try {
        const started = Date.now();
        const error = (await fetchPortal(h.input({ credentials: creds, timeoutMs: 20_000 })).catch((e: unknown) => e)) as PortalError;
        expect(error).toBeInstanceOf(PortalError);
        expect(error.kind).toBe('mfa');
        expect(error.retryable).toBe(false);
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(portal.state.mfaAttempts).toBe(1);
      } finally {
        await h.close();
      }
    });
  });
});
