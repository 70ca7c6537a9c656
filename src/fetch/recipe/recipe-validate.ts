/**
 * Checks a recipe as parsed from YAML and turns it into the engine's types. Every problem is
 * collected with its path (`login.steps[2].fill.selector`) so an operator fixes them all in
 * one go rather than one per run.
 */
import type { RecipeProblem } from '../errors.js';
import { Checker as BaseChecker, describe, formatPath, type PathSegment, type RawProblem } from '../../core/validation.js';
import { dateFormatProblem } from './date-format.js';
import { addressTemplateProblem, parseTemplate, usesSecret } from './template.js';
import type {
  Condition,
  DownloadSpec,
  FailureDetector,
  FailureKind,
  Failures,
  FieldSpec,
  Recipe,
  Step,
} from './recipe.js';

export { formatPath, type PathSegment, type RawProblem };

/** The shared checker, with the two checks only recipes need: templates and their secrets. */
class Checker extends BaseChecker {
  /** A required mapping with only known keys (recipes name what is missing). */
  object(value: unknown, at: PathSegment[], known: readonly string[], what: string): Record<string, unknown> | undefined {
    return this.mapping(value, at, known, { what, required: true });
  }

  string(value: unknown, at: PathSegment[], what: string, options: { required?: boolean } = {}): string | undefined {
    return this.text(value, at, { what, required: options.required !== false });
  }

  integer(value: unknown, at: PathSegment[], what: string, min: number, max: number): number | undefined {
    return this.number(value, at, { min, max, integer: true, what });
  }

  template(value: string, at: PathSegment[], options: { secretsAllowed: boolean }): void {
    const { problems } = parseTemplate(value);
    for (const problem of problems) this.add(at, problem);
    if (problems.length === 0 && !options.secretsAllowed && usesSecret(value)) {
      this.add(at, 'a password or one-time code may only be used in a fill value, where it is typed without being logged');
    }
  }

  /** A template that is an address to open: a web page, never file:, javascript:, data: ... */
  address(value: string, at: PathSegment[]): void {
    this.template(value, at, { secretsAllowed: false });
    const problem = parseTemplate(value).problems.length === 0 ? addressTemplateProblem(value) : undefined;
    if (problem) this.add(at, problem);
  }
}

const TOP_KEYS = ['name', 'title', 'date_format', 'amount', 'login', 'failures', 'search', 'rows', 'pagination', 'download'];
const STEP_ACTIONS = ['goto', 'fill', 'select', 'check', 'click', 'press', 'wait', 'sleep_ms', 'if'];
const CONDITION_KEYS = ['visible', 'hidden', 'text', 'url', 'any'];
const FAILURE_KEYS: Record<string, FailureKind> = {
  auth: 'auth',
  locked: 'locked',
  password_expired: 'password-expired',
  captcha: 'captcha',
  mfa: 'mfa',
  session_expired: 'session-expired',
  transient: 'transient',
};

/**
 * Check a parsed YAML value. Returns the recipe when there are no problems; `problems` lists
 * every one found either way.
 */
export function validateRecipe(data: unknown, options: { name?: string; source?: string } = {}): {
  recipe?: Recipe;
  problems: RawProblem[];
} {
  const c = new Checker();
  const top = c.object(data, [], TOP_KEYS, 'the recipe');
  if (!top) return { problems: c.problems };

  const name = c.string(top.name ?? options.name, ['name'], 'name');
  if (name !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
    c.add(['name'], `name "${name}" must be lower-case letters, digits, "-" or "_"`);
  }
  const title = c.string(top.title, ['title'], 'title', { required: false });
  const dateFormat = c.string(top.date_format ?? 'YYYY-MM-DD', ['date_format'], 'date_format') ?? 'YYYY-MM-DD';
  const dateProblem = dateFormatProblem(dateFormat);
  if (dateProblem) c.add(['date_format'], dateProblem);

  let decimalComma = false;
  let minorDigits = 2;
  if (top.amount !== undefined) {
    const amount = c.object(top.amount, ['amount'], ['decimal_comma', 'minor_digits'], 'amount');
    if (amount) {
      decimalComma = c.boolean(amount.decimal_comma, ['amount', 'decimal_comma'], 'decimal_comma') ?? false;
      minorDigits = c.integer(amount.minor_digits, ['amount', 'minor_digits'], 'minor_digits', 0, 4) ?? 2;
    }
  }

  const login = checkLogin(c, top.login);
  const failures = checkFailures(c, top.failures);
  const searchObj = c.object(top.search, ['search'], ['steps'], 'search');
  const searchSteps = searchObj ? checkSteps(c, searchObj.steps, ['search', 'steps'], { nonEmpty: true }) : [];
  const rows = checkRows(c, top.rows);
  const pagination = top.pagination === undefined ? undefined : checkPagination(c, top.pagination);
  const download = checkDownloads(c, top.download);

  if (c.problems.length > 0 || !name || !login || !rows) return { problems: c.problems };
  const recipe: Recipe = {
    kind: 'recipe',
    name,
    ...(title ? { title } : {}),
    dateFormat,
    amount: { decimalComma, minorDigits },
    login,
    failures,
    search: { steps: searchSteps },
    rows,
    ...(pagination ? { pagination } : {}),
    download,
    ...(options.source ? { source: options.source } : {}),
  };
  return { recipe, problems: [] };
}

/** Check steps written as in YAML, outside a recipe (for adapters). */
export function validateSteps(value: unknown, root: string): { steps: Step[]; problems: RawProblem[] } {
  const c = new Checker();
  const steps = checkSteps(c, value, [root]);
  return { steps, problems: c.problems };
}

/** Check one condition written as in YAML, outside a recipe (for adapters). */
export function validateCondition(value: unknown, root: string): { condition?: Condition; problems: RawProblem[] } {
  const c = new Checker();
  const condition = checkCondition(c, value, [root]);
  return condition && c.problems.length === 0 ? { condition, problems: [] } : { problems: c.problems };
}

function checkLogin(c: Checker, value: unknown): Recipe['login'] | undefined {
  const at = ['login'];
  const login = c.object(value, at, ['start_url', 'form', 'steps', 'mfa', 'interstitials', 'success'], 'login');
  if (!login) return undefined;
  const startUrl = c.string(login.start_url ?? '{{ url }}', [...at, 'start_url'], 'start_url') ?? '{{ url }}';
  c.address(startUrl, [...at, 'start_url']);
  const steps = checkSteps(c, login.steps, [...at, 'steps'], { nonEmpty: true });
  const success = checkCondition(c, login.success, [...at, 'success']);
  let form = login.form === undefined ? undefined : checkCondition(c, login.form, [...at, 'form']);
  if (login.form === undefined) {
    const firstFill = steps.find((s): s is Extract<Step, { kind: 'fill' }> => s.kind === 'fill');
    if (firstFill) form = { kind: 'visible', selector: firstFill.selector };
    else if (steps.length > 0) c.add([...at, 'form'], 'form is missing and there is no fill step to take it from');
  }
  let mfa: Recipe['login']['mfa'];
  if (login.mfa !== undefined) {
    const m = c.object(login.mfa, [...at, 'mfa'], ['when', 'steps'], 'mfa');
    if (m) {
      const when = checkCondition(c, m.when, [...at, 'mfa', 'when']);
      const mfaSteps = checkSteps(c, m.steps, [...at, 'mfa', 'steps'], { nonEmpty: true });
      if (when) mfa = { when, steps: mfaSteps };
    }
  }
  const interstitials: Recipe['login']['interstitials'] = [];
  const list = c.list(login.interstitials, [...at, 'interstitials'], { what: 'interstitials' }) ?? [];
  list.forEach((item, i) => {
    const here = [...at, 'interstitials', i];
    const o = c.object(item, here, ['when', 'steps'], 'interstitial');
    if (!o) return;
    const when = checkCondition(c, o.when, [...here, 'when']);
    const iSteps = checkSteps(c, o.steps, [...here, 'steps'], { nonEmpty: true });
    if (when) interstitials.push({ when, steps: iSteps });
  });
  if (!success || !form) return undefined;
  return { startUrl, form, steps, ...(mfa ? { mfa } : {}), interstitials, success };
}

function checkSteps(c: Checker, value: unknown, at: PathSegment[], options: { nonEmpty?: boolean } = {}): Step[] {
  const list = c.list(value, at, { what: formatPath(at.slice(-2)) || 'steps', required: true, ...options });
  if (!list) return [];
  const steps: Step[] = [];
  list.forEach((item, i) => {
    const step = checkStep(c, item, [...at, i]);
    if (step) steps.push(step);
  });
  return steps;
}

function checkStep(c: Checker, value: unknown, at: PathSegment[]): Step | undefined {
  const path = formatPath(at);
  const o = c.object(value, at, [...STEP_ACTIONS, 'timeout_ms', 'within_ms', 'then', 'else'], 'a step');
  if (!o) return undefined;
  const actions = STEP_ACTIONS.filter((a) => o[a] !== undefined);
  if (actions.length !== 1) {
    c.add(at, actions.length === 0
      ? `a step needs one action: ${STEP_ACTIONS.join(', ')}`
      : `a step has one action, found ${actions.join(' and ')}: split it into separate steps`);
    return undefined;
  }
  const action = actions[0]!;
  const here = [...at, action];
  const misplaced = (key: string, allowed: string) => {
    if (o[key] !== undefined && action !== allowed) c.add([...at, key], `${key} only belongs to ${allowed} steps`);
  };
  misplaced('timeout_ms', 'wait');
  misplaced('within_ms', 'if');
  misplaced('then', 'if');
  misplaced('else', 'if');

  switch (action) {
    case 'goto': {
      const url = c.string(o.goto, here, 'goto');
      if (url === undefined) return undefined;
      c.address(url, here);
      return { kind: 'goto', url, path };
    }
    case 'fill':
    case 'select': {
      const f = c.object(o[action], here, ['selector', 'value'], action);
      if (!f) return undefined;
      const selector = checkSelector(c, f.selector, [...here, 'selector']);
      const fillValue = f.value === '' ? '' : c.string(f.value, [...here, 'value'], 'value');
      if (fillValue !== undefined) c.template(fillValue, [...here, 'value'], { secretsAllowed: action === 'fill' });
      if (selector === undefined || fillValue === undefined) return undefined;
      return { kind: action, selector, value: fillValue, path };
    }
    case 'check':
    case 'click': {
      const selector = checkSelector(c, o[action], here);
      return selector === undefined ? undefined : { kind: action, selector, path };
    }
    case 'press': {
      if (typeof o.press === 'string') {
        const key = c.string(o.press, here, 'press');
        return key === undefined ? undefined : { kind: 'press', key, path };
      }
      const p = c.object(o.press, here, ['key', 'selector'], 'press');
      if (!p) return undefined;
      const key = c.string(p.key, [...here, 'key'], 'key');
      const selector = p.selector === undefined ? undefined : checkSelector(c, p.selector, [...here, 'selector']);
      if (key === undefined) return undefined;
      return { kind: 'press', key, ...(selector ? { selector } : {}), path };
    }
    case 'wait': {
      const condition = checkCondition(c, o.wait, here);
      const timeoutMs = c.integer(o.timeout_ms, [...at, 'timeout_ms'], 'timeout_ms', 1, 600_000);
      if (!condition) return undefined;
      return { kind: 'wait', condition, ...(timeoutMs !== undefined ? { timeoutMs } : {}), path };
    }
    case 'sleep_ms': {
      const ms = c.integer(o.sleep_ms, here, 'sleep_ms', 0, 60_000);
      return ms === undefined ? undefined : { kind: 'sleep', ms, path };
    }
    default: {
      const condition = checkCondition(c, o.if, here);
      const withinMs = c.integer(o.within_ms, [...at, 'within_ms'], 'within_ms', 0, 600_000) ?? 0;
      if (o.then === undefined) c.add([...at, 'then'], 'an if step needs then: (the steps to run when it is true)');
      const thenSteps = o.then === undefined ? [] : checkSteps(c, o.then, [...at, 'then'], { nonEmpty: true });
      const elseSteps = o.else === undefined ? [] : checkSteps(c, o.else, [...at, 'else']);
      if (!condition) return undefined;
      return { kind: 'if', condition, withinMs, then: thenSteps, else: elseSteps, path };
    }
  }
}

function checkSelector(c: Checker, value: unknown, at: PathSegment[]): string | undefined {
  const selector = c.string(value, at, 'selector');
  if (selector !== undefined && selector.includes('{{')) {
    c.add(at, 'selectors are not templates; put account-specific values in a goto or fill');
  }
  return selector;
}

function checkCondition(c: Checker, value: unknown, at: PathSegment[]): Condition | undefined {
  const o = c.object(value, at, CONDITION_KEYS, 'condition');
  if (!o) return undefined;
  const keys = CONDITION_KEYS.filter((k) => o[k] !== undefined);
  if (keys.length !== 1) {
    c.add(at, keys.length === 0
      ? `a condition needs one of: ${CONDITION_KEYS.join(', ')}`
      : `a condition has one test, found ${keys.join(' and ')}: use any: [...] to combine`);
    return undefined;
  }
  const key = keys[0]!;
  const here = [...at, key];
  switch (key) {
    case 'visible':
    case 'hidden': {
      const selector = checkSelector(c, o[key], here);
      return selector === undefined ? undefined : { kind: key, selector };
    }
    case 'text': {
      const text = c.string(o.text, here, 'text');
      return text === undefined ? undefined : { kind: 'text', text };
    }
    case 'url': {
      const pattern = checkUrlPattern(c, o.url, here);
      return pattern === undefined ? undefined : { kind: 'url', pattern };
    }
    default: {
      const list = c.list(o.any, here, { what: 'any', nonEmpty: true }) ?? [];
      const conditions = list.map((item, i) => checkCondition(c, item, [...here, i]));
      if (conditions.some((x) => x === undefined)) return undefined;
      return { kind: 'any', conditions: conditions as Condition[] };
    }
  }
}

/** `/regex/` is a regular expression; anything else must appear in the address. */
function checkUrlPattern(c: Checker, value: unknown, at: PathSegment[]): string | RegExp | undefined {
  const text = c.string(value, at, 'url');
  if (text === undefined) return undefined;
  const m = /^\/(.+)\/([i]?)$/.exec(text);
  if (!m) return text;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch (err) {
    c.add(at, `not a valid pattern: ${(err as Error).message}`);
    return undefined;
  }
}

function checkFailures(c: Checker, value: unknown): Failures {
  const failures: Failures = {};
  if (value === undefined) return failures;
  const o = c.object(value, ['failures'], Object.keys(FAILURE_KEYS), 'failures');
  if (!o) return failures;
  for (const [key, kind] of Object.entries(FAILURE_KEYS)) {
    if (o[key] === undefined) continue;
    const at = ['failures', key];
    const list = c.list(o[key], at, { what: key, nonEmpty: true }) ?? [];
    const detectors: FailureDetector[] = [];
    list.forEach((item, i) => {
      const here = [...at, i];
      if (typeof item === 'string') {
        if (item.trim() === '') c.add(here, 'empty text');
        else detectors.push({ kind: 'text', text: item });
        return;
      }
      const d = c.object(item, here, ['text', 'selector', 'url'], 'a failure sign');
      if (!d) return;
      const keys = ['text', 'selector', 'url'].filter((k) => d[k] !== undefined);
      if (keys.length !== 1) {
        c.add(here, 'a failure sign is one of text:, selector: or url:');
        return;
      }
      if (d.text !== undefined) {
        const text = c.string(d.text, [...here, 'text'], 'text');
        if (text !== undefined) detectors.push({ kind: 'text', text });
      } else if (d.selector !== undefined) {
        const selector = checkSelector(c, d.selector, [...here, 'selector']);
        if (selector !== undefined) detectors.push({ kind: 'selector', selector });
      } else {
        const pattern = checkUrlPattern(c, d.url, [...here, 'url']);
        if (pattern !== undefined) detectors.push({ kind: 'url', pattern });
      }
    });
    failures[kind] = detectors;
  }
  return failures;
}

function checkRows(c: Checker, value: unknown): Recipe['rows'] | undefined {
  const rows = c.object(value, ['rows'], ['selector', 'empty', 'fields'], 'rows');
  if (!rows) return undefined;
  const selector = checkSelector(c, rows.selector, ['rows', 'selector']);
  const empty = rows.empty === undefined ? undefined : checkCondition(c, rows.empty, ['rows', 'empty']);
  if (rows.empty === undefined) {
    c.add(['rows', 'empty'], "empty is missing: how the portal shows a search with no results (e.g. { text: 'No remittances found' }), so a quiet day is not mistaken for a changed page");
  }
  const fieldsAt = ['rows', 'fields'];
  const f = c.object(rows.fields, fieldsAt, ['id', 'payment_ref', 'date', 'amount'], 'fields');
  if (!f) return undefined;
  const id = f.id === undefined ? undefined : checkField(c, f.id, [...fieldsAt, 'id'], false);
  const paymentRef = f.payment_ref === undefined ? undefined : checkField(c, f.payment_ref, [...fieldsAt, 'payment_ref'], false);
  const date = f.date === undefined ? undefined : checkField(c, f.date, [...fieldsAt, 'date'], true);
  const amount = f.amount === undefined ? undefined : checkField(c, f.amount, [...fieldsAt, 'amount'], false);
  if (f.date === undefined) c.add([...fieldsAt, 'date'], 'date is missing: rows outside since..until are recognised by it');
  if (f.id === undefined && f.payment_ref === undefined) {
    c.add(fieldsAt, 'needs id or payment_ref: the identity of a row, so a file is not downloaded twice');
  }
  if (!selector || !date || !empty) return undefined;
  return {
    selector,
    empty,
    fields: { ...(id ? { id } : {}), ...(paymentRef ? { paymentRef } : {}), date, ...(amount ? { amount } : {}) },
  };
}

function checkField(c: Checker, value: unknown, at: PathSegment[], isDate: boolean): FieldSpec | undefined {
  if (typeof value === 'string') {
    const selector = checkSelector(c, value, at);
    return selector === undefined ? undefined : { selector };
  }
  const keys = isDate ? ['selector', 'attribute', 'pattern', 'format'] : ['selector', 'attribute', 'pattern'];
  const o = c.object(value, at, keys, 'a field');
  if (!o) return undefined;
  const selector = o.selector === undefined ? undefined : checkSelector(c, o.selector, [...at, 'selector']);
  const attribute = c.string(o.attribute, [...at, 'attribute'], 'attribute', { required: false });
  const patternText = c.string(o.pattern, [...at, 'pattern'], 'pattern', { required: false });
  const pattern = patternText === undefined ? undefined : c.regex(patternText, [...at, 'pattern'], { mayMatchEmpty: true });
  const format = c.string(o.format, [...at, 'format'], 'format', { required: false });
  if (format !== undefined) {
    const problem = dateFormatProblem(format);
    if (problem) c.add([...at, 'format'], problem);
  }
  if (selector === undefined && attribute === undefined && o.selector === undefined) {
    c.add(at, 'a field needs a selector, an attribute of the row, or both');
  }
  return {
    ...(selector !== undefined ? { selector } : {}),
    ...(attribute !== undefined ? { attribute } : {}),
    ...(pattern ? { pattern } : {}),
    ...(format !== undefined ? { format } : {}),
  };
}

function checkPagination(c: Checker, value: unknown): Recipe['pagination'] | undefined {
  const o = c.object(value, ['pagination'], ['next', 'disabled', 'max_pages'], 'pagination');
  if (!o) return undefined;
  const next = checkSelector(c, o.next, ['pagination', 'next']);
  const disabled = o.disabled === undefined ? undefined : checkSelector(c, o.disabled, ['pagination', 'disabled']);
  const maxPages = c.integer(o.max_pages, ['pagination', 'max_pages'], 'max_pages', 1, 1000) ?? 20;
  if (!next) return undefined;
  return { next, ...(disabled ? { disabled } : {}), maxPages };
}

function checkDownloads(c: Checker, value: unknown): DownloadSpec[] {
  if (value === undefined) {
    c.add(['download'], 'download is missing');
    return [];
  }
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) c.add(['download'], 'download is an empty list');
  const specs: DownloadSpec[] = [];
  items.forEach((item, i) => {
    const at: PathSegment[] = Array.isArray(value) ? ['download', i] : ['download'];
    const o = c.object(item, at, ['mode', 'selector', 'attribute', 'error'], 'download');
    if (!o) return;
    const mode = c.string(o.mode, [...at, 'mode'], 'mode');
    if (mode !== undefined && mode !== 'event' && mode !== 'link' && mode !== 'blob') {
      c.add([...at, 'mode'], `mode must be event, link or blob, got "${mode}"`);
    }
    const selector = checkSelector(c, o.selector, [...at, 'selector']);
    const attribute = c.string(o.attribute, [...at, 'attribute'], 'attribute', { required: false });
    if (attribute !== undefined && mode !== 'link') c.add([...at, 'attribute'], 'attribute only applies to mode: link');
    const error = o.error === undefined ? undefined : checkCondition(c, o.error, [...at, 'error']);
    if ((mode === 'event' || mode === 'link' || mode === 'blob') && selector) {
      specs.push({ mode, selector, attribute: attribute ?? 'href', ...(error ? { error } : {}) });
    }
  });
  return specs;
}

export type { RecipeProblem };
