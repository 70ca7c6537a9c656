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
import {
  Problems,
  describe,
  isRecord,
  optionalBoolean,
  optionalNumber,
  optionalString,
  section,
  stringList,
  unknownKeys,
  type Raw,
} from '../config/validate.js';

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

/** Problems keep their path and message apart, for callers that show them as a table. */
class PathProblems extends Problems {
  readonly items: NotifyProblem[] = [];

  override add(path: string, message: string): void {
    super.add(path, message);
    this.items.push({ path, message });
  }
}

/**
 * Validate the `notify:` section. `path` is where it sits in remit.yaml (`notify`). Every
 * problem is reported with its path; `settings` is returned only when there are none.
 * A missing section gives settings with no channel (nothing is sent).
 */
export function parseNotifySettings(raw: unknown, path: string): { settings?: NotifySettings; problems: NotifyProblem[] } {
  const problems = new PathProblems();
  const at = (key: string): string => (path ? `${path}.${key}` : key);
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    problems.add(path || '(top)', `must be a mapping (email, webhook, thresholds, send), got ${describe(raw)}`);
    return { problems: problems.items };
  }
  const root: Raw = isRecord(raw) ? raw : {};
  unknownKeys(root, NOTIFY_KEYS, path, problems);

  const send = oneOf(root, 'send', at('send'), SEND_POLICIES, problems) ?? 'problems';
  const email = root['email'] === undefined || root['email'] === null ? undefined : parseEmail(root, at('email'), problems);
  const webhook = root['webhook'] === undefined || root['webhook'] === null ? undefined : parseWebhook(root, at('webhook'), problems);
  const thresholdsRaw = section(root, 'thresholds', at('thresholds'), problems);
  unknownKeys(thresholdsRaw, THRESHOLD_KEYS, at('thresholds'), problems);
  const thresholds: NotifyThresholds = {
    highValueUnappliedMinor:
      threshold(thresholdsRaw, 'high_value_unapplied', `${at('thresholds')}.high_value_unapplied`, problems) ??
      DEFAULT_THRESHOLDS.highValueUnappliedMinor,
    deductionOverMinor:
      threshold(thresholdsRaw, 'deduction_over', `${at('thresholds')}.deduction_over`, problems) ?? DEFAULT_THRESHOLDS.deductionOverMinor,
  };

  if (Object.keys(root).length > 0 && root['email'] == null && root['webhook'] == null) {
    problems.add(path || '(top)', 'says nothing about where to send: add email, webhook or both');
  }

  if (!problems.empty) return { problems: problems.items };
  return {
    problems: [],
    settings: { ...(email ? { email } : {}), ...(webhook ? { webhook } : {}), thresholds, send },
  };
}

function parseEmail(parent: Raw, path: string, problems: Problems): EmailSettings | undefined {
  const raw = section(parent, 'email', path, problems);
  if (!isRecord(parent['email'])) return undefined;
  for (const key of SECRETISH) {
    if (key in raw) {
      problems.add(`${path}.${key}`, 'the SMTP password never goes in remit.yaml: store it in the keychain (secret kind smtp)');
    }
  }
  unknownKeys(
    Object.fromEntries(Object.entries(raw).filter(([key]) => !SECRETISH.includes(key))),
    EMAIL_KEYS,
    path,
    problems,
  );

  const host = required(raw, 'host', `${path}.host`, problems);
  if (host && !HOST.test(host)) problems.add(`${path}.host`, `must be a host name or address such as smtp.example.com, got "${host}"`);
  const port = optionalNumber(raw, 'port', `${path}.port`, problems, { min: 1, max: 65_535, integer: true }) ?? 587;
  const secure = optionalBoolean(raw, 'secure', `${path}.secure`, problems) ?? port === 465;
  const username = optionalString(raw, 'username', `${path}.username`, problems);
  if (username !== undefined && (username.trim() === '' || /[\r\n]/.test(username))) {
    problems.add(`${path}.username`, 'must be one line of text, or left out for a server that needs no login');
  }
  const requireTls = optionalBoolean(raw, 'require_tls', `${path}.require_tls`, problems) ?? (Boolean(username) && !secure);

  const from = required(raw, 'from', `${path}.from`, problems);
  if (from && !isAddress(from)) problems.add(`${path}.from`, `must be an e-mail address such as remit@example.com or "remit <remit@example.com>", got "${oneLineText(from)}"`);

  let to: string[] | undefined;
  const toRaw = raw['to'];
  if (typeof toRaw === 'string') to = [toRaw];
  else to = stringList(raw, 'to', `${path}.to`, problems);
  if (toRaw === undefined || toRaw === null) problems.add(`${path}.to`, 'is required: a list of e-mail addresses');
  else if (to && to.length === 0) problems.add(`${path}.to`, 'must name at least one e-mail address');
  (to ?? []).forEach((address, index) => {
    if (!isAddress(address)) {
      const where = typeof toRaw === 'string' ? `${path}.to` : `${path}.to[${index}]`;
      problems.add(where, `must be an e-mail address such as ar-team@example.com, got "${oneLineText(address)}"`);
    }
  });

  const subjectPrefix = optionalString(raw, 'subject_prefix', `${path}.subject_prefix`, problems);
  if (subjectPrefix !== undefined && /[\r\n]/.test(subjectPrefix)) problems.add(`${path}.subject_prefix`, 'must be one line of text');

  if (!host || !from || !to) return undefined;
  return {
    host,
    port,
    secure,
    requireTls,
    ...(username ? { username } : {}),
    from,
    to,
    ...(subjectPrefix ? { subjectPrefix } : {}),
  };
}

function parseWebhook(parent: Raw, path: string, problems: Problems): WebhookSettings | undefined {
  const raw = section(parent, 'webhook', path, problems);
  if (!isRecord(parent['webhook'])) return undefined;
  unknownKeys(raw, WEBHOOK_KEYS, path, problems);
  const url = required(raw, 'url', `${path}.url`, problems);
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    // The URL itself is often the credential (Slack, Teams), so it is never echoed back.
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      problems.add(`${path}.url`, 'must be a web address starting with https://');
    } else if (parsed.username || parsed.password) {
      problems.add(`${path}.url`, 'must not carry a user name or password');
    }
  }
  const format = oneOf(raw, 'format', `${path}.format`, WEBHOOK_FORMATS, problems) ?? 'generic';
  if (!url) return undefined;
  return { url, format };
}

/** A decimal amount written as text ("5000.00"); a plain YAML number is accepted too. */
function threshold(parent: Raw, key: string, path: string, problems: Problems): Minor | undefined {
  const text = optionalString(parent, key, path, problems);
  if (text === undefined) return undefined;
  const parsed = parseAmount(text);
  if (!parsed.ok) {
    problems.add(path, `must be an amount such as "5000.00": ${parsed.reason}`);
    return undefined;
  }
  if (parsed.minor < 0) {
    problems.add(path, `must not be negative, got "${text}"`);
    return undefined;
  }
  return parsed.minor;
}

function required(parent: Raw, key: string, path: string, problems: Problems): string | undefined {
  const value = optionalString(parent, key, path, problems);
  if (parent[key] === undefined || parent[key] === null || value?.trim() === '') {
    problems.add(path, 'is required');
    return undefined;
  }
  return value?.trim();
}

function oneOf<T extends string>(parent: Raw, key: string, path: string, allowed: readonly T[], problems: Problems): T | undefined {
  const value = optionalString(parent, key, path, problems);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    problems.add(path, `must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, got "${oneLineText(value)}"`);
    return undefined;
  }
  return value as T;
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
