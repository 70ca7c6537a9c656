/**
 * One portal account, one run: restore the saved session, drive the portal with its recipe
 * or adapter, and hand back the files saved and the new session, or a PortalError with a
 * screenshot and a secret-free trace. Knows nothing of the ledger, the keychain or the CLI.
 */
import { stat } from 'node:fs/promises';
import type { Browser, BrowserContext, Download, Locator } from 'playwright-core';
import { RemitError, ExitCode } from '../../core/errors.js';
import { parseDate } from '../../core/dates.js';
import { DownloadFailure } from './downloads.js';
import { RecipeError, PortalError, type PortalErrorKind } from '../errors.js';
import { runSteps, typeSecret, waitForFirst } from './page-steps.js';
import { formatPath, validateCondition, validateSteps } from '../recipe/recipe-validate.js';
import { runRecipe } from './recipe-runner.js';
import { PortalRun, SessionExpired } from './portal-run.js';
import { captureFailure, startTracing } from '../evidence/trace.js';
import {
  isAdapter,
  type ConditionSpec,
  type FetchPortalInput,
  type OfferedRow,
  type PortalAdapter,
  type PortalContext,
  type PortalFetchResult,
  type StorageState,
} from '../types.js';

/**
 * Fetch the new remittance files of one portal account. Resolves with what was saved (and
 * the session to keep for next time); rejects with a PortalError whose `kind` and `retryable`
 * say what happened, whose `artifacts` point at the screenshot and trace (when `failureDir`
 * is given) and whose `partial` holds the files saved before the failure.
 */
export async function fetchPortal(input: FetchPortalInput): Promise<PortalFetchResult> {
  await checkInput(input);
  const recipe = input.recipe;
  const run = new PortalRun(input, isAdapter(recipe) ? 'YYYY-MM-DD' : recipe.dateFormat);
  const { context } = input;
  const name = recipe.name;
  run.log(`${name}: account ${input.account.id}, ${input.since}..${input.until}${input.dryRun ? ' (dry run)' : ''}`);

  // Before tracing starts: the trace must not record the saved cookies being put back.
  if (input.storageState) await context.setStorageState(input.storageState);
  const tracing = input.failureDir !== undefined;
  if (tracing) await startTracing(context, `${name} ${input.account.id}`);
  let tracingOn = tracing;

  const page = await context.newPage();
  run.attach(page);
  // Whatever a recipe or adapter does, the page leaves the web only to be sent back at once.
  let refused: string | undefined;
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || !leavesTheWeb(frame.url())) return;
    refused ??= frame.url().split(/[?#]/)[0]!.slice(0, 120);
    void page.goto('about:blank').catch(() => undefined);
  });
  const refusal = () => new RemitError('recipe', `${name}: the page was sent to ${run.secrets.redact(refused!)}; a recipe or adapter may only open http(s) pages, so the run was stopped`, {
    exitCode: ExitCode.usage, hint: 'fix the recipe or adapter so that it opens only http(s) pages',
  });
  try {
    if (isAdapter(recipe)) await runAdapter(run, recipe);
    else await runRecipe(run, recipe);
    if (refused) throw refusal();
    const failed = run.downloadFailureError();
    if (failed) throw failed;
    if (tracingOn) {
      await context.tracing.stop();
      tracingOn = false;
    }
    const result = run.result();
    // An adapter that finished got past its login, whatever it told the engine.
    run.loggedIn = true;
    keepSession(result, await context.storageState());
    // The account's counts (all attempts together) are the caller's one line; this is the page walk.
    run.log(`${name}: finished: ${result.pages} result page(s), ${result.outOfRange} row(s) outside the dates`);
    return result;
  } catch (err) {
    let error: Error = err instanceof Error ? err : new Error(String(err));
    // Nothing of a page outside the web is kept: no screenshot, no trace (a RemitError gets none).
    if (refused) error = refusal();
    if (!(error instanceof PortalError) && !(error instanceof RemitError)) {
      error = await run.explain(error, 'portal');
    }
    if (error instanceof SessionExpired) {
      error = new PortalError('session-expired', 'the portal ended the session', error.portalMessage ? { portalMessage: error.portalMessage } : {});
    }
    if (input.failureDir && !(error instanceof RemitError && !(error instanceof PortalError))) {
      const artifacts = await captureFailure(page, input.failureDir, {
        secrets: run.secrets,
        name: input.account.id,
        trace: tracingOn,
        maskSelectors: [...run.secretFields],
        mask: run.secretLocators,
        log: run.log,
      });
      tracingOn = false;
      if (error instanceof PortalError) error.artifacts = artifacts;
    }
    if (error instanceof PortalError) {
      const partial = run.result();
      if (run.loggedIn) keepSession(partial, await context.storageState().catch(() => undefined));
      error.partial = partial;
      run.log(`${name}: failed (${error.kind}): ${error.message}`);
    }
    throw error;
  } finally {
    if (tracingOn) await context.tracing.stop().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
}

/** Main-frame addresses a portal run may show: web pages, blank pages, Chromium's own error page. */
function leavesTheWeb(address: string): boolean {
  if (/^(https?:|blob:https?:|about:blank|about:srcdoc|chrome-error:\/\/chromewebdata)/i.test(address)) return false;
  return address !== '';
}

/**
 * Attach the session cookies without making them enumerable, so that logging or serialising a
 * result or an error never prints them. Read it as `result.storageState`.
 */
function keepSession(result: PortalFetchResult, state: StorageState | undefined): void {
  if (state) Object.defineProperty(result, 'storageState', { value: state, enumerable: false, writable: true, configurable: true });
}

async function checkInput(input: FetchPortalInput): Promise<void> {
  for (const [label, value] of [['since', input.since], ['until', input.until]] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !parseDate(value, 'ymd').ok) {
      throw new RemitError('usage', `${label} must be an ISO date (YYYY-MM-DD), got "${value}"`, { exitCode: ExitCode.usage });
    }
  }
  if (input.since > input.until) {
    throw new RemitError('usage', `since (${input.since}) is after until (${input.until})`, { exitCode: ExitCode.usage });
  }
  let url: URL;
  try {
    url = new URL(input.account.url);
  } catch {
    throw new RemitError('usage', `portal account ${input.account.id}: "${input.account.url}" is not a web address`, { exitCode: ExitCode.usage });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RemitError('usage', `portal account ${input.account.id}: the address must start with https://`, { exitCode: ExitCode.usage });
  }
  const dir = await stat(input.downloadDir).catch(() => undefined);
  if (!dir?.isDirectory()) {
    throw new RemitError('usage', `download directory ${input.downloadDir} does not exist`, { exitCode: ExitCode.usage });
  }
}

async function runAdapter(run: PortalRun, adapter: PortalAdapter): Promise<void> {
  const page = run.page;
  const ctx: PortalContext = {
    page,
    context: run.context,
    account: run.input.account,
    since: run.input.since,
    until: run.input.until,
    timeoutMs: run.timeoutMs,
    dryRun: run.input.dryRun ?? false,
    log: run.log,
    totp: () => run.totp(),
    async fillSecret(field: Locator, which: 'password' | 'totp') {
      const value = which === 'password' ? run.input.credentials.password : await run.totp();
      run.log(`fill ${which} (secret)`);
      run.secretLocators.push(field);
      await typeSecret(page, field, value, run.timeoutMs);
    },
    async steps(steps: unknown[]) {
      const checked = validateSteps(steps, `${adapter.name}.steps`);
      if (checked.problems.length > 0) {
        throw new RecipeError(checked.problems.map((p) => ({ path: formatPath(p.segments), message: p.message })), adapter.name);
      }
      await runSteps(run.stepEnv(), checked.steps);
    },
    async waitForFirst(conditions: Record<string, ConditionSpec>, timeoutMs?: number) {
      const list = Object.entries(conditions).map(([key, spec]) => {
        const checked = validateCondition(spec, key);
        if (!checked.condition) {
          throw new RecipeError(checked.problems.map((p) => ({ path: formatPath(p.segments), message: p.message })), adapter.name);
        }
        return [key, checked.condition] as const;
      });
      return waitForFirst(page, list, timeoutMs ?? run.timeoutMs);
    },
    offer: (row: OfferedRow) => run.offer(checkRow(row)),
    saveDownload: (row: OfferedRow, download: Download) => keepGoing(run, row, () => run.saveDownload(checkRow(row), download)),
    saveFile: (row: OfferedRow, bytes: Buffer, portalFileName?: string) =>
      keepGoing(run, row, () => run.saveFile(checkRow(row), bytes, portalFileName)),
    fail(kind: PortalErrorKind, message: string, portalMessage?: string): never {
      throw new PortalError(kind, run.secrets.redact(message), portalMessage ? { portalMessage: run.secrets.redact(portalMessage) } : {});
    },
    sessionReused() {
      run.sessionReused = true;
      run.loggedIn = true;
    },
  };
  await adapter.fetch(ctx);
}

/** A file that broke off is recorded and the run goes on; the run fails at the end. */
async function keepGoing<T>(run: PortalRun, row: OfferedRow, save: () => Promise<T>): Promise<T | undefined> {
  try {
    return await save();
  } catch (err) {
    if (!(err instanceof DownloadFailure)) throw err;
    run.markFailed(row, err.message);
    return undefined;
  }
}

function checkRow(row: OfferedRow): OfferedRow {
  if (!row.id) throw new PortalError('layout', 'the portal page has changed: a row has no id');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date) || !parseDate(row.date, 'ymd').ok) {
    throw new PortalError('layout', `the portal page has changed: row ${row.id} has no readable date ("${row.date}")`);
  }
  return row;
}

/** A context set up the way portal runs expect: downloads on, US English, a desktop window. */
export async function newPortalContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    acceptDownloads: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  });
}
