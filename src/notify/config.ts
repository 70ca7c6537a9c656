/**
 * The `notify:` section of remit.yaml: who is told what after `remit run`, and how.
 *
 * ```yaml
 * notify:
 *   send: problems            # or always
 *   email:
 *     host: smtp.office365.com
 *     port: 587               # default 587; 465 means secure (implicit TLS) by default
 *     username: ar-robot@example.com
 *     from: "remit <ar-robot@example.com>"
 *     to: [ar-team@example.com]
 *     subject_prefix: "[NWF]"
 *   webhook:
 *     url: https://example.webhook.office.com/...
 *     format: teams           # teams | slack | generic (default generic)
 *   thresholds:
 *     high_value_unapplied: "5000.00"
 *     deduction_over: "1000.00"
 * ```
 *
 * The SMTP password is not here: it lives in the keychain (secret kind `smtp`), like every
 * other secret.
 */
import { parseAmount, type Minor } from '../core/money.js';
import { Checker, describe, isMapping, type Mapping, type PathSegment } from '../core/validation.js';

export type WebhookFormat = 'teams' | 'slack' | 'generic';
export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['teams', 'slack', 'generic'];

export type SendPolicy = 'always' | 'problems';
export const SEND_POLICIES: readonly SendPolicy[] = ['always', 'problems'];

export interface EmailSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465). Otherwise STARTTLS is used when offered. */
  secure: boolean;
  /**
   * Refuse to log in over an unencrypted connection. Defaults to true when a username is
   * set and `secure` is false, so the SMTP password never crosses the network in clear.
   */
  requireTls: boolean;
  username?: string;
  from: string;
  to: string[];
  subjectPrefix?: string;
}

export interface WebhookSettings {
  url: string;
  format: WebhookFormat;
}

/** Amounts in minor units (cents), compared with each amount in its own currency. */
export interface NotifyThresholds {
  /** Unapplied cash at or above this needs a person. */
  highValueUnappliedMinor: Minor;
  /** Deductions above this need a person. */
  deductionOverMinor: Minor;
}

export interface NotifySettings {
  email?: EmailSettings;
  webhook?: WebhookSettings;
  thresholds: NotifyThresholds;
  /** `problems`: send only when something needs attention. */
  send: SendPolicy;
}

export interface NotifyProblem {
  path: string;
  message: string;
}

export const DEFAULT_THRESHOLDS: NotifyThresholds = {
  highValueUnappliedMinor: 500_000,
  deductionOverMinor: 100_000,
};

const NOTIFY_KEYS = ['email', 'webhook', 'thresholds', 'send'] as const;
const EMAIL_KEYS = ['host', 'port', 'secure', 'require_tls', 'username', 'from', 'to', 'subject_prefix'] as const;
const WEBHOOK_KEYS = ['url', 'format'] as const;
const THRESHOLD_KEYS = ['high_value_unapplied', 'deduction_over'] as const;
const SECRETISH = ['password', 'pass', 'smtp_password', 'secret', 'token'];

// `ar@example.com` or `AR team <ar@example.com>`; no line breaks, which would let a value
// add headers of its own.
const BARE_ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const NAMED_ADDRESS = /^[^<>\r\n]*<([^<>\s]+)>$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/;

/**
 * Validate the `notify:` section as remit.yaml's loader does: problems go to the caller's
 * checker at `at`; settings come back only when this section has none. A missing section
 * gives settings with no channel (nothing is sent).
 */
export function readNotifySettings(c: Checker, raw: unknown, at: PathSegment[]): NotifySettings | undefined {
  const before = c.problems.length;
  if (raw !== undefined && raw !== null && !isMapping(raw)) {
    c.add(at, `must be a mapping (email, webhook, thresholds, send), got ${describe(raw)}`);
    return undefined;
  }
  const root = c.mapping(raw, at, NOTIFY_KEYS) ?? {};
  const send = root['send'] === undefined ? 'problems' : (c.oneOf(root['send'], [...at, 'send'], SEND_POLICIES) ?? 'problems');
  const email = root['email'] === undefined || root['email'] === null ? undefined : parseEmail(c, root['email'], [...at, 'email']);
  const webhook = root['webhook'] === undefined || root['webhook'] === null ? undefined : parseWebhook(c, root['webhook'], [...at, 'webhook']);
  const t = c.mapping(root['thresholds'], [...at, 'thresholds'], THRESHOLD_KEYS, { shape: 'of keys to values' }) ?? {};
  const thresholds: NotifyThresholds = {
    highValueUnappliedMinor: threshold(c, t['high_value_unapplied'], [...at, 'thresholds', 'high_value_unapplied']) ?? DEFAULT_THRESHOLDS.highValueUnappliedMinor,
    deductionOverMinor: threshold(c, t['deduction_over'], [...at, 'thresholds', 'deduction_over']) ?? DEFAULT_THRESHOLDS.deductionOverMinor,
  };
  if (Object.keys(root).length > 0 && root['email'] == null && root['webhook'] == null) {
    c.add(at, 'says nothing about where to send: add email, webhook or both');
  }
  if (c.problems.length > before) return undefined;
  return { ...(email ? { email } : {}), ...(webhook ? { webhook } : {}), thresholds, send };
}

/** The `notify:` section on its own (`path` is where it sits, e.g. `notify`): settings, or every problem. */
export function parseNotifySettings(raw: unknown, path: string): { settings?: NotifySettings; problems: NotifyProblem[] } {
  const c = new Checker({ noun: 'setting' });
  const settings = readNotifySettings(c, raw, path ? path.split('.') : []);
  const problems = c.reported().map((p) => ({ path: p.path || '(top)', message: p.message }));
  return settings && problems.length === 0 ? { settings, problems } : { problems };
}

function parseEmail(c: Checker, value: unknown, at: PathSegment[]): EmailSettings | undefined {
  const raw = c.mapping(value, at, 'any', { shape: 'of keys to values' });
  if (!raw) return undefined;
  for (const key of SECRETISH) {
    if (key in raw) c.add([...at, key], 'the SMTP password never goes in remit.yaml: store it in the keychain (secret kind smtp)');
  }
  c.unknownKeys(Object.fromEntries(Object.entries(raw).filter(([key]) => !SECRETISH.includes(key))), at, EMAIL_KEYS);

  const host = required(c, raw, 'host', at);
  if (host && !HOST.test(host)) c.add([...at, 'host'], `must be a host name or address such as smtp.example.com, got "${host}"`);
  const port = c.number(raw['port'], [...at, 'port'], { min: 1, max: 65_535, integer: true }) ?? 587;
  const secure = c.boolean(raw['secure'], [...at, 'secure']) ?? port === 465;
  const username = c.text(raw['username'], [...at, 'username'], { allowEmpty: true });
  if (username !== undefined && (username.trim() === '' || /[\r\n]/.test(username))) {
    c.add([...at, 'username'], 'must be one line of text, or left out for a server that needs no login');
  }
  const requireTls = c.boolean(raw['require_tls'], [...at, 'require_tls']) ?? (Boolean(username) && !secure);

  const from = required(c, raw, 'from', at);
  if (from && !isAddress(from)) c.add([...at, 'from'], `must be an e-mail address such as remit@example.com or "remit <remit@example.com>", got "${oneLineText(from)}"`);

  const toRaw = raw['to'];
  const to = typeof toRaw === 'string' ? [toRaw] : c.textList(toRaw, [...at, 'to']);
  if (toRaw === undefined || toRaw === null) c.add([...at, 'to'], 'is required: a list of e-mail addresses');
  else if (to && to.length === 0) c.add([...at, 'to'], 'must name at least one e-mail address');
  (to ?? []).forEach((address, index) => {
    if (!isAddress(address)) {
      c.add(typeof toRaw === 'string' ? [...at, 'to'] : [...at, 'to', index], `must be an e-mail address such as ar-team@example.com, got "${oneLineText(address)}"`);
    }
  });

  const subjectPrefix = c.text(raw['subject_prefix'], [...at, 'subject_prefix'], { allowEmpty: true });
  if (subjectPrefix !== undefined && /[\r\n]/.test(subjectPrefix)) c.add([...at, 'subject_prefix'], 'must be one line of text');

  if (!host || !from || !to) return undefined;
  return { host, port, secure, requireTls, ...(username ? { username } : {}), from, to, ...(subjectPrefix ? { subjectPrefix } : {}) };
}

function parseWebhook(c: Checker, value: unknown, at: PathSegment[]): WebhookSettings | undefined {
  const raw = c.mapping(value, at, WEBHOOK_KEYS, { shape: 'of keys to values' });
  if (!raw) return undefined;
  const url = required(c, raw, 'url', at);
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    // The URL itself is often the credential (Slack, Teams), so it is never echoed back.
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      c.add([...at, 'url'], 'must be a web address starting with https://');
    } else if (parsed.username || parsed.password) {
      c.add([...at, 'url'], 'must not carry a user name or password');
    }
  }
  const format = raw['format'] === undefined ? 'generic' : (c.oneOf(raw['format'], [...at, 'format'], WEBHOOK_FORMATS) ?? 'generic');
  if (!url) return undefined;
  return { url, format };
}

/** A decimal amount written as text ("5000.00"); a plain YAML number is accepted too. */
function threshold(c: Checker, value: unknown, at: PathSegment[]): Minor | undefined {
  const text = c.text(value, at);
  if (text === undefined) return undefined;
  const parsed = parseAmount(text);
  if (!parsed.ok) {
    c.add(at, `must be an amount such as "5000.00": ${parsed.reason}`);
    return undefined;
  }
  if (parsed.minor < 0) {
    c.add(at, `must not be negative, got "${text}"`);
    return undefined;
  }
  return parsed.minor;
}

function required(c: Checker, parent: Mapping, key: string, at: PathSegment[]): string | undefined {
  const value = c.text(parent[key], [...at, key], { allowEmpty: true });
  if (parent[key] === undefined || parent[key] === null || value?.trim() === '') {
    c.add([...at, key], 'is required');
    return undefined;
  }
  return value?.trim();
}

function isAddress(text: string): boolean {
  if (/[\r\n]/.test(text)) return false;
  const named = NAMED_ADDRESS.exec(text.trim());
  return BARE_ADDRESS.test(named ? (named[1] ?? '') : text.trim());
}

function oneLineText(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
