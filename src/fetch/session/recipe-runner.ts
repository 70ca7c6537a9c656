/**
 * Drives a portal with a declarative recipe: log in (reusing a saved session when it is still
 * good, answering MFA and interstitial pages as they appear), search the date range, read
 * every result page, download each new row's file. When the portal ends the session mid-run
 * it logs in again and resumes where it was, for as long as each session makes progress.
 */
import type { Download, Locator } from 'playwright-core';
import { errors as playwrightErrors } from 'playwright-core';
import { parseAmount } from '../../core/money.js';
import { capturedCount, installBlobCapture, takeCaptured } from './blob-capture.js';
import { parseFormattedDate } from '../recipe/date-format.js';
import { DownloadFailure, dispositionFileName } from './downloads.js';
import { PortalError } from '../errors.js';
import {
  StepFailure,
  describeCondition,
  detectFailure,
  isTrue,
  runSteps,
  pollDelay,
  sleep,
  waitForFirst,
} from './page-steps.js';
import type { Condition, DownloadSpec, FailureDetector, FieldSpec, Recipe } from '../recipe/recipe.js';
import { FAILURE_MESSAGES, LOGIN_FAILURE_KINDS, SessionExpired, type PortalRun } from './portal-run.js';
import type { OfferedRow } from '../types.js';

const MAX_INTERSTITIAL_VISITS = 3;

/** A mark on the page's window: gone once the browser has loaded another document. */
const MARK_PAGE = 'window.__remitCodePage = true';
const IS_MARKED = 'window.__remitCodePage === true';

export async function runRecipe(run: PortalRun, recipe: Recipe): Promise<void> {
  const flow = new RecipeFlow(run, recipe);
  await flow.login(false);
  // A portal that ends its sessions on a schedule is fine while each session gets something
  // done: log in again for as long as that holds (the account's deadline bounds the run).
  const cap = run.input.maxRelogins ?? Number.POSITIVE_INFINITY;
  const idleLimit = run.input.idleRelogins ?? 1;
  let idle = 0;
  let progressAtLogin = run.progress;
  let pageIndex = 0;
  for (;;) {
    try {
      await flow.search();
      for (let i = 0; i < pageIndex; i++) await flow.nextPage();
      for (;;) {
        await flow.waitForRows();
        if (pageIndex + 1 > run.pages) {
          run.pages = pageIndex + 1;
          run.progress++;
        }
        await flow.processRows();
        if (!recipe.pagination || !(await flow.hasNextPage())) break;
        if (pageIndex + 1 >= recipe.pagination.maxPages) {
          run.warn(`stopped after ${recipe.pagination.maxPages} result pages (pagination.max_pages); later pages were not read`);
          break;
        }
        await flow.nextPage();
        pageIndex++;
      }
      return;
    } catch (err) {
      const explained = await run.explain(err, 'portal', recipe.failures, recipe.login.form);
      if (!(explained instanceof SessionExpired)) throw explained;
      const madeProgress = run.progress > progressAtLogin;
      idle = madeProgress ? 0 : idle + 1;
      if (run.relogins >= cap || idle > idleLimit) {
        const why = idle > idleLimit ? `, the last ${idle === 1 ? 'time' : `${idle} times`} before anything new was read` : '';
        throw new PortalError('session-expired', `the portal ended the session ${run.relogins + 1} times during the run${why}`, {
          ...(explained.portalMessage ? { portalMessage: explained.portalMessage } : {}),
        });
      }
      run.relogins++;
      run.log(`session ended${explained.portalMessage ? ` ("${explained.portalMessage}")` : ''}${madeProgress ? '' : ' before anything new was read'}; logging in again`);
      await flow.login(true);
      progressAtLogin = run.progress;
    }
  }
}

function detectorCondition(detector: FailureDetector): Condition {
  if (detector.kind === 'text') return { kind: 'text', text: detector.text };
  if (detector.kind === 'selector') return { kind: 'visible', selector: detector.selector };
  return { kind: 'url', pattern: detector.pattern };
}

class RecipeFlow {
  private readonly run: PortalRun;
  private readonly recipe: Recipe;
  private blobHook = false;

  constructor(run: PortalRun, recipe: Recipe) {
    this.run = run;
    this.recipe = recipe;
  }

  private get page() {
    return this.run.page;
  }

  private get timeoutMs() {
    return this.run.timeoutMs;
  }

  async login(again: boolean): Promise<void> {
    const { login, failures } = this.recipe;
    const env = this.run.stepEnv();
    const restored = !again && this.run.input.storageState !== undefined && !this.run.sessionDropped;
    try {
      await runSteps(env, [{ kind: 'goto', url: login.startUrl, path: 'login.start_url' }]);
      const loginFailures = LOGIN_FAILURE_KINDS.flatMap((kind) => (failures[kind] ?? []).map((d) => ['failure', detectorCondition(d)] as const));
      // Pages a login passes through: a restored session showing one of them never finished.
      const midway = [...(login.mfa ? [login.mfa.when] : []), ...login.interstitials.map((i) => i.when)].map((when) => ['midway', when] as const);
      const first = await waitForFirst(this.page, [['in', login.success], ['form', login.form], ...loginFailures, ...midway], this.timeoutMs);
      if (first === 'in') {
        if (!again) this.run.sessionReused = true;
        this.run.loggedIn = true;
        this.run.log(restored ? 'already logged in (saved session)' : 'already logged in');
        return;
      }
      if (restored && first !== 'form') {
        // Only a session that reached login.success is worth keeping; this one stopped half-way.
        await this.dropSession(first === 'midway' ? 'it lands half-way through the login' : first === 'failure' ? 'it lands on an error page' : 'it lands neither logged in nor on the login form');
        return await this.login(false);
      }
      if (first === 'failure') await this.throwLoginFailure();
      if (first === 'midway') {
        this.run.log('the portal shows a page of its login before the form; answering it');
        await this.afterLoginSteps();
        return;
      }
      if (first === undefined) throw timeoutFailure(`waiting for the login form (${describeCondition(login.form)})`, login.form);

      this.run.log(again ? 'logging in again' : 'logging in');
      await runSteps(env, login.steps);
      await this.afterLoginSteps();
    } catch (err) {
      throw await this.run.explain(err, 'login', failures);
    }
  }

  /** Forget the restored session in this browser context, so the next look at the portal starts a fresh login. */
  private async dropSession(why: string): Promise<void> {
    this.run.log(`the saved session is not logged in (${why}): dropped, logging in afresh`);
    this.run.sessionDropped = true;
    await this.run.context.clearCookies();
    await this.page.evaluate('localStorage.clear(); sessionStorage.clear()').catch(() => undefined);
  }

  /** After submitting: answer MFA and interstitials as they come, until logged in or refused. */
  private async afterLoginSteps(): Promise<void> {
    const { login } = this.recipe;
    const env = this.run.stepEnv();
    const visits = login.interstitials.map(() => 0);
    let mfaDone = false;
    let deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      await this.throwLoginFailure();
      if (await isTrue(this.page, login.success)) {
        this.run.loggedIn = true;
        this.run.log('logged in');
        return;
      }
      if (login.mfa && !mfaDone && (await isTrue(this.page, login.mfa.when))) {
        this.run.log('one-time code asked');
        // Marks this page, so that the code page seen again later is known to be a new one.
        await this.page.evaluate(MARK_PAGE).catch(() => undefined);
        await runSteps(env, login.mfa.steps);
        mfaDone = true;
        deadline = Date.now() + this.timeoutMs;
        attempt = -1;
        continue;
      }
      if (login.mfa && mfaDone && (await isTrue(this.page, login.mfa.when)) && !(await this.page.evaluate(IS_MARKED).catch(() => true))) {
        // The portal answered the code with its code page again: it refused it, signed or not.
        throw new PortalError('mfa', 'the portal showed its one-time code page again after the code was entered (the code was refused)');
      }
      let handled = false;
      for (const [i, interstitial] of login.interstitials.entries()) {
        if (visits[i]! >= MAX_INTERSTITIAL_VISITS || !(await isTrue(this.page, interstitial.when))) continue;
        this.run.log(`interstitial page (${describeCondition(interstitial.when)})`);
        visits[i]!++;
        await runSteps(env, interstitial.steps);
        handled = true;
        deadline = Date.now() + this.timeoutMs;
        break;
      }
      if (handled) {
        attempt = -1;
        continue;
      }
      if (Date.now() >= deadline) {
        throw timeoutFailure(`waiting to be logged in (${describeCondition(login.success)})`, login.success);
      }
      await sleep(pollDelay(attempt));
    }
  }

  private async throwLoginFailure(): Promise<void> {
    const seen = await detectFailure(this.page, this.recipe.failures, LOGIN_FAILURE_KINDS);
    if (!seen) return;
    throw new PortalError(seen.kind, FAILURE_MESSAGES[seen.kind], seen.message ? { portalMessage: this.run.secrets.redact(seen.message) } : {});
  }

  async search(): Promise<void> {
    this.run.log(`searching ${this.run.input.since}..${this.run.input.until}`);
    await runSteps(this.run.stepEnv(), this.recipe.search.steps);
  }

  private rows(): Locator {
    return this.page.locator(this.recipe.rows.selector);
  }

  /** Until there are rows or the portal says there are none. */
  async waitForRows(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      if ((await this.rows().count().catch(() => 0)) > 0) return;
      if (await isTrue(this.page, this.recipe.rows.empty)) return;
      await this.checkSession();
      if (Date.now() >= deadline) throw timeoutFailure('waiting for result rows', undefined, this.recipe.rows.selector);
      await sleep(pollDelay(attempt));
    }
  }

  private async checkSession(): Promise<void> {
    const ended = await this.run.sessionEnded(this.recipe.failures, this.recipe.login.form);
    if (ended) throw ended;
    const transient = await detectFailure(this.page, this.recipe.failures, ['transient']);
    if (transient) throw new PortalError('transient', FAILURE_MESSAGES.transient, transient.message ? { portalMessage: transient.message } : {});
  }

  async processRows(): Promise<void> {
    const rows = this.rows();
    const count = await rows.count();
    this.run.log(`${count} row${count === 1 ? '' : 's'} on this page`);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const offered = await this.readRow(row, i);
      const decision = this.run.offer(offered);
      if (decision === 'download') await this.downloadRow(row, offered);
    }
  }

  private async readRow(row: Locator, index: number): Promise<OfferedRow> {
    const { fields } = this.recipe.rows;
    const paymentRef = fields.paymentRef ? await readField(row, fields.paymentRef) : undefined;
    const id = (fields.id ? await readField(row, fields.id) : undefined) ?? paymentRef;
    const where = `result row ${index + 1} on ${this.page.url()}`;
    if (!id) throw new PortalError('layout', `the portal page has changed: ${where} has no ${fields.id ? 'id' : 'payment_ref'}`);
    const dateText = await readField(row, fields.date);
    if (!dateText) throw new PortalError('layout', `the portal page has changed: ${where} (${id}) shows no date`);
    const format = fields.date.format ?? this.recipe.dateFormat;
    const date = parseFormattedDate(dateText, format);
    if (!date.ok) throw new PortalError('layout', `the portal page has changed: ${where} (${id}): ${date.reason}`);
    let amountMinor: number | undefined;
    if (fields.amount) {
      const amountText = await readField(row, fields.amount);
      const amount = amountText ? parseAmount(amountText, this.recipe.amount) : undefined;
      if (amount?.ok) amountMinor = amount.minor;
      else this.run.log(`row ${id}: amount not read (${amount ? amount.reason : 'empty'})`);
    }
    return {
      id,
      date: date.iso,
      ...(paymentRef !== undefined ? { paymentRef } : {}),
      ...(amountMinor !== undefined ? { amountMinor } : {}),
    };
  }

  private async downloadRow(row: Locator, offered: OfferedRow): Promise<void> {
    let spec: DownloadSpec | undefined;
    for (const candidate of this.recipe.download) {
      if ((await row.locator(candidate.selector).count()) > 0) {
        spec = candidate;
        break;
      }
    }
    if (!spec) {
      const selectors = this.recipe.download.map((d) => `'${d.selector}'`).join(', ');
      throw new PortalError('layout', `the portal page has changed: row ${offered.id} has no download control (${selectors})`);
    }
    const control = row.locator(spec.selector).first();
    this.run.log(`row ${offered.id}: downloading (${spec.mode})`);
    try {
      if (spec.mode === 'link') await this.downloadLink(control, spec, offered);
      else await this.downloadByClick(control, spec, offered);
    } catch (err) {
      if (!(err instanceof DownloadFailure)) throw err;
      const ended = await this.run.sessionEnded(this.recipe.failures, this.recipe.login.form);
      if (ended) throw ended;
      this.run.markFailed(offered, err.message);
    }
  }

  private async downloadLink(control: Locator, spec: DownloadSpec, offered: OfferedRow): Promise<void> {
    const href = await control.getAttribute(spec.attribute);
    if (!href) throw new PortalError('layout', `the portal page has changed: row ${offered.id}: download control has no ${spec.attribute}`);
    const url = new URL(href, this.page.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new DownloadFailure(`the download address is not a web address (${url.protocol})`);
    }
    let response;
    try {
      response = await this.run.context.request.get(url.href, { timeout: this.timeoutMs, failOnStatusCode: false, maxRedirects: 5 });
    } catch (err) {
      throw new DownloadFailure(`the transfer broke off (${firstLine(err)})`);
    }
    try {
      const status = response.status();
      const type = response.headers()['content-type'] ?? '';
      const redirected = response.url() !== url.href;
      if (status === 401 || status === 403 || status === 440 || (redirected && type.includes('text/html'))) {
        // The file address answered with a login page: look at the page itself.
        await this.page.reload({ timeout: this.timeoutMs }).catch(() => undefined);
        const ended = await this.run.sessionEnded(this.recipe.failures, this.recipe.login.form);
        if (ended) throw ended;
        throw new DownloadFailure(`the portal answered HTTP ${status} ${type.split(';')[0]} instead of the file`);
      }
      if (status >= 400) throw new DownloadFailure(`the portal answered HTTP ${status}`);
      let body: Buffer;
      try {
        body = await response.body();
      } catch (err) {
        throw new DownloadFailure(`the transfer broke off (${firstLine(err)})`);
      }
      const name = dispositionFileName(response.headers()['content-disposition']) ?? decodeURIComponent(url.pathname.split('/').pop() ?? '');
      await this.run.saveFile(offered, body, name);
    } finally {
      await response.dispose().catch(() => undefined);
    }
  }

  /** `event` and `blob` modes: click, then take whichever comes first of a download or a file built in the page. */
  private async downloadByClick(control: Locator, spec: DownloadSpec, offered: OfferedRow): Promise<void> {
    if (spec.mode === 'blob' && !this.blobHook) {
      await installBlobCapture(this.page);
      this.blobHook = true;
    }
    let download: Download | undefined;
    const onDownload = (d: Download) => {
      download ??= d;
    };
    this.page.on('download', onDownload);
    try {
      await control.click({ timeout: this.timeoutMs });
      const deadline = Date.now() + this.timeoutMs;
      for (let attempt = 0; ; attempt++) {
        if (download) {
          await this.run.saveDownload(offered, download);
          return;
        }
        if (spec.mode === 'blob' && (await capturedCount(this.page)) > 0) {
          const file = await takeCaptured(this.page);
          if (file) {
            await this.run.saveFile(offered, file.bytes, file.name);
            return;
          }
        }
        if (spec.error && (await isTrue(this.page, spec.error))) {
          const text = await portalText(this.page, spec.error);
          throw new DownloadFailure(`the portal reported an error${text ? `: "${text}"` : ''}`);
        }
        const ended = await this.run.sessionEnded(this.recipe.failures, this.recipe.login.form);
        if (ended) throw ended;
        if (Date.now() >= deadline) throw new DownloadFailure(`no file arrived within ${(this.timeoutMs / 1000).toFixed(1)} s of the click`);
        await sleep(pollDelay(attempt));
      }
    } finally {
      this.page.off('download', onDownload);
    }
  }

  async hasNextPage(): Promise<boolean> {
    const pagination = this.recipe.pagination;
    if (!pagination) return false;
    if (pagination.disabled && (await isTrue(this.page, { kind: 'visible', selector: pagination.disabled }))) return false;
    const next = this.page.locator(pagination.next).first();
    if ((await this.page.locator(pagination.next).count()) === 0) return false;
    if (!(await next.isVisible())) return false;
    if (await next.isDisabled().catch(() => false)) return false;
    const marks = await next.evaluate((el) => ({
      aria: el.getAttribute('aria-disabled'),
      cls: el.getAttribute('class') ?? '',
    }));
    return marks.aria !== 'true' && !/\bdisabled\b/.test(marks.cls);
  }

  async nextPage(): Promise<void> {
    const pagination = this.recipe.pagination!;
    const before = await this.signature();
    this.run.log('next page');
    try {
      await this.page.locator(pagination.next).first().click({ timeout: this.timeoutMs });
    } catch (err) {
      throw new StepFailure(`clicking ${pagination.next}`, err, pagination.next);
    }
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      await sleep(pollDelay(attempt));
      await this.checkSession();
      const now = await this.signature();
      if (now !== before && now !== '') {
        const ready = (await this.rows().count().catch(() => 0)) > 0
          || (await isTrue(this.page, this.recipe.rows.empty));
        if (ready) return;
      }
      if (Date.now() >= deadline) throw timeoutFailure('waiting for the next result page', undefined, this.recipe.rows.selector);
    }
  }

  /** What the current result page looks like, to see that "next" changed it. */
  private async signature(): Promise<string> {
    try {
      const rows = this.rows();
      const count = await rows.count();
      const first = count > 0 ? await rows.first().innerText({ timeout: 1000 }) : '';
      return `${this.page.url()}|${count}|${first}`;
    } catch {
      return '';
    }
  }
}

function timeoutFailure(doing: string, condition?: Condition, selector?: string): StepFailure {
  const target = selector ?? (condition && (condition.kind === 'visible' || condition.kind === 'hidden') ? condition.selector : undefined);
  return new StepFailure(doing, new playwrightErrors.TimeoutError('Timeout exceeded'), target);
}

async function readField(row: Locator, spec: FieldSpec): Promise<string | undefined> {
  const target = spec.selector ? row.locator(spec.selector) : row;
  if (spec.selector && (await target.count()) === 0) return undefined;
  const first = target.first();
  let raw: string | null;
  if (spec.attribute) raw = await first.getAttribute(spec.attribute, { timeout: 2000 });
  else {
    raw = await first.innerText({ timeout: 2000 });
    if (!raw.trim()) raw = await first.textContent({ timeout: 2000 });
  }
  if (raw === null) return undefined;
  let value = raw.replace(/\s+/g, ' ').trim();
  if (spec.pattern) {
    const m = spec.pattern.exec(value);
    if (!m) return undefined;
    value = (m[1] ?? m[0]).trim();
  }
  return value === '' ? undefined : value;
}

async function portalText(page: import('playwright-core').Page, condition: Condition): Promise<string | undefined> {
  const locator = condition.kind === 'visible' ? page.locator(condition.selector).first()
    : condition.kind === 'text' ? page.getByText(condition.text).first() : undefined;
  if (!locator) return undefined;
  const text = await locator.innerText({ timeout: 1000 }).catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || undefined;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 160);
}
