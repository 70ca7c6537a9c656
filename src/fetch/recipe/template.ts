/**
 * `{{ ... }}` templating in recipes: `{{ username }}`, `{{ password }}`, `{{ totp }}`,
 * `{{ since | date: 'MM/DD/YYYY' }}`, `{{ options.vendor_id }}`. Small on purpose: a recipe is
 * data an operator writes, not a program. A rendered value remembers whether a secret went
 * into it, so the engine can type it without it being logged or traced.
 */
import { RemitError, ExitCode } from '../../core/errors.js';
import { dateFormatProblem, formatIsoDate } from './date-format.js';

export interface TemplateFilter {
  name: string;
  arg?: string;
}

export interface TemplateExpression {
  variable: string;
  filters: TemplateFilter[];
}

export type TemplatePart = string | TemplateExpression;

const VARIABLES = new Set(['url', 'username', 'password', 'totp', 'since', 'until', 'account.id']);
const SECRET_VARIABLES = new Set(['password', 'totp']);
const FILTERS = new Set(['date', 'upper', 'lower', 'url', 'trim']);

/** Split a template into literal text and expressions; problems are collected, not thrown. */
export function parseTemplate(text: string): { parts: TemplatePart[]; problems: string[] } {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) {
      problems.push(`"{{" without a closing "}}"`);
      break;
    }
    const body = rest.slice(open + 2, close);
    const parsed = parseExpression(body);
    if (typeof parsed === 'string') problems.push(parsed);
    else parts.push(parsed);
    rest = rest.slice(close + 2);
  }
  return { parts, problems };
}

function parseExpression(body: string): TemplateExpression | string {
  const pieces = splitPipes(body);
  const head = pieces.shift()?.trim() ?? '';
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w-]*)?$/.test(head)) return `"{{${body}}}" does not name a value`;
  if (!VARIABLES.has(head) && !head.startsWith('options.')) {
    return `unknown value "${head}" (known: ${[...VARIABLES].join(', ')}, options.<name>)`;
  }
  const filters: TemplateFilter[] = [];
  for (const piece of pieces) {
    const m = /^\s*([a-z]+)\s*(?::\s*(?:'([^']*)'|"([^"]*)"))?\s*$/.exec(piece);
    if (!m) return `cannot read filter "${piece.trim()}" in "{{${body}}}"`;
    const name = m[1]!;
    if (!FILTERS.has(name)) return `unknown filter "${name}" (known: ${[...FILTERS].join(', ')})`;
    const arg = m[2] ?? m[3];
    if (name === 'date' && arg !== undefined) {
      const problem = dateFormatProblem(arg);
      if (problem) return problem;
    }
    if (name === 'date' && head !== 'since' && head !== 'until') return `the date filter only applies to since and until`;
    filters.push(arg === undefined ? { name } : { name, arg });
  }
  return { variable: head, filters };
}

function splitPipes(body: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '|') {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

/** The variables a template uses. */
export function templateVariables(text: string): string[] {
  return parseTemplate(text).parts.flatMap((p) => (typeof p === 'string' ? [] : [p.variable]));
}

export function usesSecret(text: string): boolean {
  return templateVariables(text).some((v) => SECRET_VARIABLES.has(v));
}

/** What a template can refer to at run time. Secrets are functions so they are read only when used. */
export interface TemplateValues {
  url: string;
  username: string;
  since: string;
  until: string;
  accountId: string;
  options: Record<string, string | number | boolean>;
  /** Default for `| date` without a format. */
  dateFormat: string;
  password: () => string;
  totp: () => Promise<string>;
}

export interface Rendered {
  text: string;
  /** True when a password or one-time code went into the text. */
  secret: boolean;
}

export async function renderTemplate(text: string, values: TemplateValues): Promise<Rendered> {
  const { parts, problems } = parseTemplate(text);
  if (problems.length > 0) {
    throw new RemitError('recipe', `bad template "${text}": ${problems[0]}`, { exitCode: ExitCode.usage });
  }
  let out = '';
  let secret = false;
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (SECRET_VARIABLES.has(part.variable)) secret = true;
    let value = await lookup(part.variable, values);
    for (const filter of part.filters) value = applyFilter(filter, value, values);
    out += value;
  }
  return { text: out, secret };
}

async function lookup(variable: string, values: TemplateValues): Promise<string> {
  switch (variable) {
    case 'url': return values.url;
    case 'username': return values.username;
    case 'since': return values.since;
    case 'until': return values.until;
    case 'account.id': return values.accountId;
    case 'password': return values.password();
    case 'totp': return values.totp();
    default: {
      const name = variable.slice('options.'.length);
      const value = values.options[name];
      if (value === undefined) {
        throw new RemitError('portal-config', `the recipe needs the account option "${name}", which is not set`, {
          exitCode: ExitCode.usage,
          hint: `add options: { ${name}: ... } to this portal account in remit.yaml`,
        });
      }
      return String(value);
    }
  }
}

function applyFilter(filter: TemplateFilter, value: string, values: TemplateValues): string {
  switch (filter.name) {
    case 'date': return formatIsoDate(value, filter.arg ?? values.dateFormat);
    case 'upper': return value.toUpperCase();
    case 'lower': return value.toLowerCase();
    case 'url': return encodeURIComponent(value);
    default: return value.trim();
  }
}

/**
 * Why a navigation template cannot be allowed, or undefined. Recipes only go to web pages: the
 * address must start with `{{ url }}` (the account's address, itself checked to be http or
 * https) or with `http://` / `https://`; an `{{ options.* }}` start is checked once rendered.
 */
export function addressTemplateProblem(text: string): string | undefined {
  const { parts } = parseTemplate(text);
  const first = parts[0];
  if (first === undefined) return 'the address is empty';
  if (typeof first !== 'string') {
    if (first.variable === 'url' || first.variable.startsWith('options.')) return undefined;
    return `an address must start with {{ url }} or http:// or https://, not {{ ${first.variable} }}`;
  }
  const scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(first)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return undefined;
  if (scheme) return `"${scheme}:" addresses are not allowed: a recipe may only open http:// or https:// pages`;
  return 'an address must start with {{ url }} or http:// or https:// (relative addresses are not allowed)';
}

/** Why a rendered address cannot be opened, or undefined (only http and https pages). */
export function addressProblem(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'it is not a complete web address';
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return undefined;
  return `"${url.protocol}" addresses are not allowed: a recipe may only open http:// or https:// pages`;
}
