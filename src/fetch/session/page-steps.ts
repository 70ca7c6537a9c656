/**
 * Running recipe steps and conditions against a page. Secrets are typed through the
 * DevTools protocol (Input.insertText) rather than `locator.fill`, because Playwright
 * records fill values in its trace; a rendered value that contains a secret never becomes a
 * Playwright call parameter, a log line or an error message.
 */
import type { Locator, Page } from 'playwright-core';
import { errors as playwrightErrors } from 'playwright-core';
import { ExitCode, RemitError, oneLine } from '../../core/errors.js';
import { PortalError } from '../errors.js';
import type { Condition, FailureDetector, FailureKind, Failures, Step } from '../recipe/recipe.js';
import { FAILURE_KINDS } from '../recipe/recipe.js';
import type { SecretSet } from './secret-set.js';
import { addressProblem, renderTemplate, type TemplateValues } from '../recipe/template.js';

export interface StepEnv {
  page: Page;
  timeoutMs: number;
  values: TemplateValues;
  secrets: SecretSet;
  log: (message: string) => void;
  /** Selectors of fields that received a secret, masked in failure screenshots. */
  secretFields: Set<string>;
}

/** A step that could not be done; classified later, when the page can be looked at. */
export class StepFailure extends Error {
  readonly selector: string | undefined;
  readonly doing: string;
  override readonly cause: unknown;
  /** The recipe step it happened in, e.g. `login.steps[1]`; set by runSteps. */
  where: string | undefined;

  constructor(doing: string, cause: unknown, selector?: string) {
    super(`${doing}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StepFailure';
    this.doing = doing;
    this.cause = cause;
    this.selector = selector;
    this.where = undefined;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Pause between looks at a page: short at first (most waits end quickly), then every 150 ms. */
export function pollDelay(attempt: number): number {
  return Math.min(150, 25 * 2 ** attempt);
}

/** Is the condition true right now? Never waits, never throws (a page mid-navigation is "no"). */
export async function isTrue(page: Page, condition: Condition): Promise<boolean> {
  try {
    switch (condition.kind) {
      case 'visible': return await page.locator(condition.selector).first().isVisible();
      case 'hidden': return !(await page.locator(condition.selector).first().isVisible());
      case 'text': return await page.getByText(condition.text).first().isVisible();
      case 'url': return urlMatches(page.url(), condition.pattern);
      case 'any': {
        for (const c of condition.conditions) if (await isTrue(page, c)) return true;
        return false;
      }
    }
  } catch {
    return false;
  }
}

export function urlMatches(url: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? url.includes(pattern) : pattern.test(url);
}

export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'visible': return `'${condition.selector}' visible`;
    case 'hidden': return `'${condition.selector}' gone`;
    case 'text': return `text "${condition.text}"`;
    case 'url': return `address matching ${String(condition.pattern)}`;
    case 'any': return condition.conditions.map(describeCondition).join(' or ');
  }
}

/** The selectors a condition looks for, to tell "not there" (layout) from "not yet" (slow). */
export function conditionSelectors(condition: Condition): string[] {
  switch (condition.kind) {
    case 'visible':
    case 'hidden': return [condition.selector];
    case 'any': return condition.conditions.flatMap(conditionSelectors);
    default: return [];
  }
}

/** Wait until one of the named conditions holds; returns its name, or undefined on timeout. */
export async function waitForFirst<K extends string>(
  page: Page,
  conditions: ReadonlyArray<readonly [K, Condition]>,
  timeoutMs: number,
): Promise<K | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    for (const [name, condition] of conditions) if (await isTrue(page, condition)) return name;
    if (Date.now() >= deadline) return undefined;
    await sleep(Math.min(pollDelay(attempt), Math.max(0, deadline - Date.now())));
  }
}

/** Which failure the page shows now, with the portal's own words. */
export async function detectFailure(
  page: Page,
  failures: Failures,
  kinds: readonly FailureKind[] = FAILURE_KINDS,
): Promise<{ kind: FailureKind; message?: string } | undefined> {
  for (const kind of FAILURE_KINDS) {
    if (!kinds.includes(kind)) continue;
    for (const detector of failures[kind] ?? []) {
      const message = await detectorMessage(page, detector);
      if (message !== undefined) return message === '' ? { kind } : { kind, message };
    }
  }
  return undefined;
}

/** undefined: not showing; '': showing, nothing to quote; otherwise the text shown. */
async function detectorMessage(page: Page, detector: FailureDetector): Promise<string | undefined> {
  try {
    if (detector.kind === 'url') return urlMatches(page.url(), detector.pattern) ? '' : undefined;
    const locator = detector.kind === 'text' ? page.getByText(detector.text).first() : page.locator(detector.selector).first();
    if (!(await locator.isVisible())) return undefined;
    const text = await locator.innerText({ timeout: 1000 }).catch(() => '');
    return oneLine(text || (detector.kind === 'text' ? detector.text : ''), 200);
  } catch {
    return undefined;
  }
}

/** Run steps in order. Errors come out as StepFailure (or PortalError for recipe-level problems). */
export async function runSteps(env: StepEnv, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    try {
      await runStep(env, step);
    } catch (err) {
      if (err instanceof StepFailure && err.where === undefined) err.where = step.path;
      throw err;
    }
  }
}

async function runStep(env: StepEnv, step: Step): Promise<void> {
  const { page, timeoutMs } = env;
  switch (step.kind) {
    case 'goto': {
      const rendered = await renderTemplate(step.url, env.values);
      const shown = env.secrets.redact(rendered.text);
      // Templates resolved, then checked: an option or the account address could still be file: or javascript:.
      const refused = addressProblem(rendered.text);
      if (refused) {
        throw new RemitError('recipe', `${step.path}: refused to open ${shown}: ${refused}`, { exitCode: ExitCode.usage, hint: 'fix the recipe or the account\'s options so that it opens only http(s) pages' });
      }
      env.log(`goto ${shown}`);
      const response = await guard(`opening ${shown}`, undefined, () =>
        page.goto(rendered.text, { timeout: timeoutMs, waitUntil: 'load' }));
      const status = response?.status() ?? 200;
      if (status >= 500 || status === 429) {
        throw new PortalError('transient', `the portal answered HTTP ${status} for ${shown}`);
      }
      return;
    }
    case 'fill': {
      const rendered = await renderTemplate(step.value, env.values);
      const locator = page.locator(step.selector).first();
      if (rendered.secret) {
        env.log(`fill ${step.selector} (secret)`);
        env.secretFields.add(step.selector);
        await guard(`filling ${step.selector}`, step.selector, () => typeSecret(page, locator, rendered.text, timeoutMs));
      } else {
        env.log(`fill ${step.selector} = ${env.secrets.redact(rendered.text)}`);
        await guard(`filling ${step.selector}`, step.selector, () => locator.fill(rendered.text, { timeout: timeoutMs }));
      }
      return;
    }
    case 'select': {
      const rendered = await renderTemplate(step.value, env.values);
      env.log(`select ${step.selector} = ${rendered.text}`);
      const locator = page.locator(step.selector).first();
      await guard(`choosing in ${step.selector}`, step.selector, async () => {
        const byValue = await locator.selectOption({ value: rendered.text }, { timeout: timeoutMs }).catch(() => []);
        if (byValue.length === 0) await locator.selectOption({ label: rendered.text }, { timeout: timeoutMs });
      });
      return;
    }
    case 'check':
      env.log(`check ${step.selector}`);
      await guard(`ticking ${step.selector}`, step.selector, () => page.locator(step.selector).first().check({ timeout: timeoutMs }));
      return;
    case 'click':
      env.log(`click ${step.selector}`);
      await guard(`clicking ${step.selector}`, step.selector, () => page.locator(step.selector).first().click({ timeout: timeoutMs }));
      return;
    case 'press':
      env.log(`press ${step.key}${step.selector ? ` in ${step.selector}` : ''}`);
      await guard(`pressing ${step.key}`, step.selector, () =>
        step.selector
          ? page.locator(step.selector).first().press(step.key, { timeout: timeoutMs })
          : page.keyboard.press(step.key));
      return;
    case 'wait': {
      const limit = step.timeoutMs ?? timeoutMs;
      env.log(`wait for ${describeCondition(step.condition)}`);
      const hit = await waitForFirst(page, [['ok', step.condition]], limit);
      if (!hit) {
        const selectors = conditionSelectors(step.condition);
        throw new StepFailure(`waiting for ${describeCondition(step.condition)}`, new playwrightErrors.TimeoutError(`Timeout ${limit}ms exceeded`), selectors[0]);
      }
      return;
    }
    case 'sleep':
      await sleep(step.ms);
      return;
    case 'if': {
      const hit = step.withinMs > 0
        ? (await waitForFirst(page, [['yes', step.condition]], step.withinMs)) === 'yes'
        : await isTrue(page, step.condition);
      env.log(`if ${describeCondition(step.condition)}: ${hit ? 'yes' : 'no'}`);
      await runSteps(env, hit ? step.then : step.else);
      return;
    }
  }
}

async function guard<T>(doing: string, selector: string | undefined, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof PortalError || err instanceof StepFailure) throw err;
    throw new StepFailure(doing, err, selector);
  }
}

/**
 * Type a secret into a field without it becoming a Playwright call parameter (and so a
 * trace entry). The field is cleared and focused through Playwright, then the text is
 * inserted through the DevTools protocol, which fires the same input events as typing.
 */
export async function typeSecret(page: Page, locator: Locator, value: string, timeoutMs: number): Promise<void> {
  await locator.fill('', { timeout: timeoutMs });
  await locator.focus({ timeout: timeoutMs });
  const focused = await locator.evaluate((el) => (el.getRootNode() as unknown as { activeElement: unknown }).activeElement === el);
  if (!focused) throw new Error('the field did not take the focus');
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Input.insertText', { text: value });
  } finally {
    await session.detach().catch(() => undefined);
  }
  const length = await locator.evaluate((el) => (el as unknown as { value?: string }).value?.length ?? -1);
  if (length !== value.length) throw new Error('the field did not accept the whole value (is it limited in length?)');
}

/** True for errors raised by Playwright itself, as opposed to bugs in remit. */
export function isPlaywrightError(err: unknown): boolean {
  if (err instanceof playwrightErrors.TimeoutError) return true;
  if (!(err instanceof Error)) return false;
  return /^(locator|page|frame|elementHandle|browserContext|browser|download|apiRequestContext|cdpSession|keyboard|mouse|response|route|request)\.\w+:/i.test(err.message)
    || /Target (page, context or browser )?(has been )?closed|net::ERR_|Navigation|Execution context was destroyed/i.test(err.message);
}

export function isTimeout(err: unknown): boolean {
  const inner = err instanceof StepFailure ? err.cause : err;
  return inner instanceof playwrightErrors.TimeoutError || (inner instanceof Error && /Timeout \d+ms exceeded/.test(inner.message));
}

export function isNetworkError(err: unknown): boolean {
  const inner = err instanceof StepFailure ? err.cause : err;
  return inner instanceof Error && /net::ERR_|ECONNREFUSED|ECONNRESET|socket hang up|EAI_AGAIN/i.test(inner.message);
}
