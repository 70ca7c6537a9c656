/**
 * The state of one portal run, shared by the recipe runner and adapters: which rows were
 * seen and what was decided for each, the files saved, the secrets to keep out of output,
 * and how a failure is put into an operator's words.
 */
import type { BrowserContext, Download, Locator, Page, Request } from 'playwright-core';
import { systemClock } from '../../core/clock.js';
import { RemitError, errorMessage, oneLine } from '../../core/errors.js';
import { DownloadFailure, saveBrowserDownload, saveBytes, type SavedFile } from './downloads.js';
import { PortalError, type PortalErrorKind } from '../errors.js';
import {
  StepFailure,
  detectFailure,
  isNetworkError,
  isPlaywrightError,
  isTimeout,
  isTrue,
  sleep,
  type StepEnv,
} from './page-steps.js';
import type { Condition, FailureKind, Failures } from '../recipe/recipe.js';
import { FAILURE_KINDS } from '../recipe/recipe.js';
import { SecretSet, totpCode } from './secret-set.js';
import type { TemplateValues } from '../recipe/template.js';
import type {
  DownloadedFile,
  FetchPortalInput,
  OfferedRow,
  PortalFetchResult,
  RowDecision,
  RowInfo,
} from '../types.js';

/** The portal ended the session; the runner logs in again or gives up. */
export class SessionExpired extends Error {
  readonly portalMessage: string | undefined;
  constructor(portalMessage?: string) {
    super('the portal ended the session');
    this.name = 'SessionExpired';
    this.portalMessage = portalMessage;
  }
}

/** Requests a page is still waiting for: "not there yet" rather than "not there". */
class RequestTracker {
  private readonly pending = new Set<Request>();
  constructor(page: Page) {
    page.on('request', (request) => {
      if (['document', 'xhr', 'fetch'].includes(request.resourceType())) this.pending.add(request);
    });
    const done = (request: Request) => this.pending.delete(request);
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }
  get count(): number {
    return this.pending.size;
  }
}

const FAILURE_MESSAGES: Record<FailureKind, string> = {
  auth: 'the portal refused the username or password',
  locked: 'the portal account is locked',
  'password-expired': 'the portal password has expired',
  captcha: 'the portal asks for a CAPTCHA',
  mfa: 'the portal refused the one-time code',
  'session-expired': 'the portal ended the session',
  transient: 'the portal reports a temporary problem',
};

const LOGIN_FAILURE_KINDS = FAILURE_KINDS.filter((k) => k !== 'session-expired');

type RowState = 'known' | 'out-of-range' | 'dry-run' | 'pending' | 'saved' | 'failed';

export class PortalRun {
  readonly input: FetchPortalInput;
  readonly context: BrowserContext;
  readonly timeoutMs: number;
  readonly secrets = new SecretSet();
  readonly secretFields = new Set<string>();
  /** Fields an adapter typed a secret into, masked in failure screenshots. */
  readonly secretLocators: Locator[] = [];
  readonly log: (message: string) => void;
  readonly values: TemplateValues;
  page!: Page;
  private tracker: RequestTracker | undefined;

  private readonly rowStates = new Map<string, RowState>();
  private readonly files: DownloadedFile[] = [];
  private readonly dryRunRows: RowInfo[] = [];
  private readonly downloadFailures: Array<{ rowId: string; reason: string }> = [];
  readonly warnings: string[] = [];
  private rowsInRange = 0;
  private skipped = 0;
  private outOfRange = 0;
  pages = 0;
  relogins = 0;
  /** Goes up whenever something new happens: a row seen, a file saved or failed, a page read. */
  progress = 0;
  sessionReused = false;
  /** The run reached login.success (or an adapter finished): only then is its session worth keeping. */
  loggedIn = false;
  /** The restored session was not logged in and was dropped: the caller should forget it too. */
  sessionDropped = false;

  constructor(input: FetchPortalInput, dateFormat: string) {
    this.input = input;
    this.context = input.context;
    this.timeoutMs = input.timeoutMs ?? 30_000;
    this.secrets.add(input.credentials.password);
    if (input.credentials.totpSecret) {
      this.secrets.add(input.credentials.totpSecret);
      this.secrets.add(input.credentials.totpSecret.replace(/[\s-]/g, ''));
      this.secrets.add(input.credentials.totpSecret.replace(/[\s-]/g, '').toUpperCase());
    }
    for (const cookie of input.storageState?.cookies ?? []) this.secrets.add(cookie.value, 8);
    const sink = input.log ?? (() => undefined);
    this.log = (message) => sink(this.secrets.redact(message));
    this.values = {
      url: input.account.url.replace(/\/+$/, ''),
      username: input.account.username,
      since: input.since,
      until: input.until,
      accountId: input.account.id,
      options: input.account.options ?? {},
      dateFormat,
      password: () => input.credentials.password,
      totp: () => this.totp(),
    };
  }

  attach(page: Page): void {
    this.page = page;
    this.tracker = new RequestTracker(page);
    page.setDefaultTimeout(this.timeoutMs);
    page.setDefaultNavigationTimeout(this.timeoutMs);
  }

  stepEnv(): StepEnv {
    return {
      page: this.page,
      timeoutMs: this.timeoutMs,
      values: this.values,
      secrets: this.secrets,
      log: this.log,
      secretFields: this.secretFields,
    };
  }

  /** The current one-time code; waits out the last seconds of a period so it is not stale on arrival. */
  async totp(): Promise<string> {
    const secret = this.input.credentials.totpSecret;
    if (!secret) {
      throw new PortalError('mfa', 'the portal asks for a one-time code but no TOTP secret is stored for this account', {
        hint: 'store the TOTP secret for this portal account (the text under the QR code shown when MFA was set up)',
      });
    }
    const clock = this.input.clock ?? systemClock;
    let { code, secondsLeft } = await totpCode(secret, clock.now());
    if (secondsLeft < 3) {
      await sleep(secondsLeft * 1000 + 250);
      ({ code, secondsLeft } = await totpCode(secret, clock.now()));
    }
    this.secrets.addToken(code);
    return code;
  }

  inRange(isoDate: string): boolean {
    return isoDate >= this.input.since && isoDate <= this.input.until;
  }

  /** Decide what to do with a row; each row id is counted once per run. */
  offer(row: OfferedRow): RowDecision {
    const state = this.rowStates.get(row.id);
    if (state !== undefined) return state === 'pending' ? 'download' : 'seen';
    const info = rowInfo(row);
    this.progress++;
    if (!this.inRange(row.date)) {
      this.outOfRange++;
      this.rowStates.set(row.id, 'out-of-range');
      this.log(`row ${row.id} dated ${row.date}: outside ${this.input.since}..${this.input.until}, ignored`);
      return 'out-of-range';
    }
    this.rowsInRange++;
    if (this.input.isKnown?.(row.id)) {
      this.skipped++;
      this.rowStates.set(row.id, 'known');
      return 'known';
    }
    if (this.input.dryRun) {
      this.dryRunRows.push(info);
      this.rowStates.set(row.id, 'dry-run');
      this.log(`row ${row.id} dated ${row.date}: would download`);
      return 'dry-run';
    }
    this.rowStates.set(row.id, 'pending');
    return 'download';
  }

  private mayStore(row: OfferedRow): boolean {
    const decision = this.offer(row);
    if (decision === 'download') return true;
    this.log(`row ${row.id}: not stored (${decision})`);
    return false;
  }

  async saveDownload(row: OfferedRow, download: Download): Promise<DownloadedFile | undefined> {
    if (!this.mayStore(row)) {
      await download.cancel().catch(() => undefined);
      await download.delete().catch(() => undefined);
      return undefined;
    }
    return this.record(row, await saveBrowserDownload(this.input.downloadDir, row.id, download));
  }

  async saveFile(row: OfferedRow, bytes: Buffer, portalName: string | undefined): Promise<DownloadedFile | undefined> {
    if (!this.mayStore(row)) return undefined;
    return this.record(row, await saveBytes(this.input.downloadDir, row.id, bytes, portalName));
  }

  private record(row: OfferedRow, saved: SavedFile): DownloadedFile {
    const file: DownloadedFile = { ...rowInfo(row), ...saved };
    this.files.push(file);
    this.progress++;
    this.rowStates.set(row.id, 'saved');
    this.log(`row ${row.id}: saved ${saved.suggestedName} (${saved.size} bytes)`);
    return file;
  }

  /** A file that could not be downloaded: the run goes on, and fails at the end. */
  markFailed(row: OfferedRow, reason: string): void {
    this.rowStates.set(row.id, 'failed');
    this.progress++;
    this.downloadFailures.push({ rowId: row.id, reason });
    this.log(`row ${row.id}: download failed: ${reason}`);
  }

  /** After the last row: a PortalError if any file could not be downloaded. */
  downloadFailureError(): PortalError | undefined {
    const first = this.downloadFailures[0];
    if (!first) return undefined;
    const count = this.downloadFailures.length;
    return new PortalError('download', `${count} file${count === 1 ? '' : 's'} could not be downloaded (row ${first.rowId}: ${first.reason})`);
  }

  result(): PortalFetchResult {
    return {
      rows: this.rowsInRange,
      files: [...this.files],
      skipped: this.skipped,
      outOfRange: this.outOfRange,
      ...(this.input.dryRun ? { dryRunRows: [...this.dryRunRows] } : {}),
      pages: this.pages,
      relogins: this.relogins,
      sessionReused: this.sessionReused,
      ...(this.sessionDropped ? { sessionDropped: true } : {}),
      warnings: [...this.warnings],
    };
  }

  warn(message: string): void {
    this.warnings.push(message);
    this.log(`warning: ${message}`);
  }

  /** Is the portal showing its login form or a session-ended sign right now? */
  async sessionEnded(failures: Failures, loginForm: Condition | undefined): Promise<SessionExpired | undefined> {
    const seen = await detectFailure(this.page, failures, ['session-expired']);
    if (seen) return new SessionExpired(seen.message);
    if (loginForm && (await isTrue(this.page, loginForm))) return this.expiredWithMessage(failures);
    return undefined;
  }

  /**
   * The login form is showing, so the page has landed: read the portal's "session expired"
   * words now; the first look may have run before the navigation finished.
   */
  private async expiredWithMessage(failures: Failures): Promise<SessionExpired> {
    const seen = await bounded(detectFailure(this.page, failures, ['session-expired']), 3000);
    return new SessionExpired(seen?.message ? this.secrets.redact(seen.message) : undefined);
  }

  /**
   * Put a failure into an operator's words by looking at the page: a known portal message
   * first, then "the session ended", then slow (requests still pending) versus changed
   * (what we wait for is not on the page at all). Errors that are remit bugs pass through.
   */
  async explain(
    err: unknown,
    phase: 'login' | 'portal',
    failures: Failures = {},
    loginForm?: Condition,
  ): Promise<Error> {
    if (err instanceof PortalError || err instanceof SessionExpired || err instanceof RemitError) return err;
    const page = this.page;
    if (page.isClosed()) return new PortalError('transient', 'the browser page was closed during the run');
    // Counted before looking at the page: looking waits for a pending navigation to land.
    const pendingAtFailure = this.tracker?.count ?? 0;
    const seconds = (this.timeoutMs / 1000).toFixed(1);
    const where = err instanceof StepFailure && err.where ? ` (${err.where}, ${err.doing})` : err instanceof StepFailure ? ` (${err.doing})` : '';
    if (isTimeout(err) && (pendingAtFailure > 0 || isNavigationTimeout(err))) {
      // The portal has not answered yet: there is nothing on the page to read.
      return this.error('timeout', `the portal did not answer within ${seconds} s${where}`);
    }
    const seen = await bounded(detectFailure(page, failures, phase === 'login' ? LOGIN_FAILURE_KINDS : FAILURE_KINDS), 3000);
    if (seen) {
      if (seen.kind === 'session-expired') return new SessionExpired(seen.message);
      return new PortalError(seen.kind, FAILURE_MESSAGES[seen.kind], seen.message ? { portalMessage: this.secrets.redact(seen.message) } : {});
    }
    if (phase === 'portal' && loginForm && (await bounded(isTrue(page, loginForm), 3000))) return this.expiredWithMessage(failures);
    if (err instanceof DownloadFailure) return this.error('download', err.message);
    if (!(err instanceof StepFailure) && !(err instanceof DownloadFailure) && !isPlaywrightError(err)) return err as Error;

    const url = this.secrets.redact(safeUrl(page));
    if (isNetworkError(err)) {
      const code = /net::ERR_[A-Z_]+|ECONNREFUSED|ECONNRESET/.exec(errorMessage(err))?.[0] ?? 'network error';
      return this.error('transient', `the portal could not be reached (${code})${where}`);
    }
    if (isTimeout(err)) {
      const selector = err instanceof StepFailure ? err.selector : undefined;
      if (selector) {
        const count = (await bounded(page.locator(selector).count(), 3000)) ?? 0;
        if (count === 0) return this.error('layout', `the portal page has changed: '${selector}' is not on ${url}${where}`);
        return this.error('layout', `the portal page has changed: '${selector}' is on ${url} but never became usable${where}`);
      }
      return this.error('layout', `the portal page has changed: what the recipe waits for never appeared on ${url}${where}`);
    }
    return this.error('layout', `the portal page did not behave as the recipe expects on ${url}${where}: ${oneLine(errorMessage(err), 160)}`);
  }

  private error(kind: PortalErrorKind, message: string): PortalError {
    return new PortalError(kind, this.secrets.redact(message));
  }
}

/** The promise's value, or undefined if it takes longer than `ms` (a page can hang). */
async function bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A page that did not load in time: the portal was slow, whatever the page would have shown. */
function isNavigationTimeout(err: unknown): boolean {
  const inner = err instanceof StepFailure ? err.cause : err;
  return inner instanceof Error && /^page\.(goto|reload|goBack|goForward|waitForURL|waitForLoadState|waitForNavigation):/.test(inner.message);
}

function safeUrl(page: Page): string {
  try {
    const url = new URL(page.url());
    return `${url.origin}${url.pathname}`;
  } catch {
    return page.url();
  }
}

function rowInfo(row: OfferedRow): RowInfo {
  return {
    rowId: row.id,
    fields: {
      ...(row.paymentRef !== undefined ? { paymentRef: row.paymentRef } : {}),
      date: row.date,
      ...(row.amountMinor !== undefined ? { amountMinor: row.amountMinor } : {}),
    },
  };
}

export { LOGIN_FAILURE_KINDS, FAILURE_MESSAGES };
