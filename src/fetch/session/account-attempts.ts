/**
 * One portal account's run with its retries: one browser context for every attempt (its
 * session and trust cookies carry over, so MFA is answered once), the whole run bounded by
 * one deadline, retries with backoff for transient failures only (never for a
 * wrong password: that locks accounts). After every attempt, failed or not, the caller gets
 * what it saved (files already downloaded are real remittances) and the session to keep.
 * Knows nothing of the ledger or the importer.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { errorMessage } from '../../core/errors.js';
import { PortalError } from '../errors.js';
import type { PortalAccount, PortalCredentials, PortalFetchResult, PortalRecipe, StorageState } from '../types.js';
import { fetchPortal, newPortalContext } from './engine.js';

export interface AccountAttemptsInput {
  browser: Browser;
  recipe: PortalRecipe;
  account: PortalAccount;
  credentials: PortalCredentials;
  storageState?: StorageState;
  since: string;
  until: string;
  downloadDir: string;
  failureDir: string;
  isKnown: (rowId: string) => boolean;
  stepTimeoutMs: number;
  /** The whole account's run, all attempts included. */
  deadlineSeconds: number;
  retries: number;
  /** Milliseconds before retry n (1-based); tests make it short. */
  backoffMs?: (attempt: number) => number;
  dryRun: boolean;
  log: (message: string) => void;
  /** After each attempt with what it saved; the session in `result.storageState` is the caller's to keep. */
  afterAttempt: (result: PortalFetchResult) => Promise<void>;
}

export type AccountAttemptsOutcome =
  | { ok: true; attempts: number; result: PortalFetchResult }
  | { ok: false; attempts: number; error: unknown };

export async function fetchWithRetries(input: AccountAttemptsInput): Promise<AccountAttemptsOutcome> {
  const maxAttempts = 1 + input.retries;
  const deadline = Date.now() + input.deadlineSeconds * 1000;
  // One context for every attempt: the session and the portal's "trust this browser" cookies
  // survive a retry, so a retry does not log in (or ask for a one-time code) again.
  let context = await newPortalContext(input.browser);
  try {
    for (let attempt = 1; ; attempt += 1) {
      let result: PortalFetchResult | undefined;
      let error: unknown;
      const seconds = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
      try {
        result = await withDeadline(seconds, input.deadlineSeconds, () => context.close(), fetchPortal({
          // The saved session is put back once; later attempts carry on with the live one.
          context, recipe: input.recipe, credentials: input.credentials, ...(attempt === 1 && input.storageState ? { storageState: input.storageState } : {}),
          account: input.account, since: input.since, until: input.until, downloadDir: input.downloadDir,
          isKnown: input.isKnown, timeoutMs: input.stepTimeoutMs, dryRun: input.dryRun, log: input.log, failureDir: input.failureDir,
        }));
      } catch (err) {
        error = err;
        // Files saved before the failure are real remittances: the caller keeps them all the same.
        if (err instanceof PortalError && err.partial) result = err.partial;
      }
      if (result) await input.afterAttempt(result);
      if (!error) return { ok: true, attempts: attempt, result: result! };
      const retryable = error instanceof PortalError && error.retryable;
      const wait = (input.backoffMs ?? ((n: number) => 2000 * 2 ** (n - 1)))(attempt);
      if (!retryable || attempt >= maxAttempts || Date.now() + wait >= deadline) return { ok: false, attempts: attempt, error };
      input.log(`${errorMessage(error)}; trying again in ${Math.round(wait / 1000)} s (attempt ${attempt + 1} of ${maxAttempts})`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      // A context the browser lost cannot carry the retry: start a fresh one.
      if (!(await usable(context))) {
        await context.close().catch(() => undefined);
        context = await newPortalContext(input.browser);
      }
    }
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function usable(context: BrowserContext): Promise<boolean> {
  try {
    await context.cookies();
    return true;
  } catch {
    return false;
  }
}

/**
 * One account's whole run is bounded: past the deadline its browser context is closed,
 * which ends whatever the portal was doing, and the run fails as a (retryable) timeout.
 */
async function withDeadline<T>(seconds: number, configured: number, abort: () => Promise<void>, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void abort().catch(() => undefined);
      reject(new PortalError('timeout', `the portal run took longer than ${configured} s (fetch.timeout_seconds) and was stopped`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}
