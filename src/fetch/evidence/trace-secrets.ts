/**
 * Secrets a portal hands out during a run, found in the trace itself before it is rewritten:
 * every session cookie it set (not only the ones alive at the end), CSRF and other tokens in
 * hidden inputs, meta tags, form posts and JSON bodies, and whatever was sent in a field
 * named like a password or a one-time code. They are added to the run's SecretSet, so the
 * rewrite blanks them in every entry, request and response bodies (resources/*.dat) included.
 *
 * Cookie syntax: RFC 6265 section 4 (https://www.rfc-editor.org/rfc/rfc6265#section-4);
 * form bodies: the application/x-www-form-urlencoded parser of the URL Standard
 * (https://url.spec.whatwg.org/#urlencoded-parsing).
 */
import type { SecretSet } from '../session/secret-set.js';
import type { ZipEntry } from './zip.js';

/** Names of fields and keys whose values are secrets whatever they hold. */
const SECRET_NAME = /pass(word|wd|code)?$|^pwd$|otp|totp|mfa|2fa|one.?time|verif|^code$|pin$|token|csrf|xsrf|secret|authenticity|nonce|session|^sid$|^jsessionid$|trust|remember/i;

const COOKIE_HEADER = /^(cookie|set-cookie)$/i;

/** Long values are blanked wherever they appear; short ones (codes) where they stand alone. */
function keep(secrets: SecretSet, value: unknown): void {
  if (typeof value !== 'string' && typeof value !== 'number') return;
  const text = String(value).trim();
  if (text === '' || /^(true|false|on|off|null|undefined|0|1)$/i.test(text)) return;
  if (text.length >= 8) secrets.add(text, 8);
  else if (text.length >= 4) secrets.addToken(text);
}

/** Add every secret the trace reveals to `secrets`. */
export function collectTraceSecrets(entries: readonly ZipEntry[], secrets: SecretSet): void {
  for (const entry of entries) {
    if (/\.(trace|network)$/.test(entry.name)) {
      for (const line of entry.data.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          walk(JSON.parse(line) as unknown, secrets);
        } catch {
          // Not JSON: the rewrite treats it as text.
        }
      }
    } else if (entry.name.startsWith('resources/')) {
      body(entry.data.toString('utf8'), secrets);
    }
  }
}

function walk(value: unknown, secrets: SecretSet): void {
  if (Array.isArray(value)) {
    // DOM snapshot node: ["INPUT", { name, value, type }, ...] or ["META", { name, content }].
    if (typeof value[0] === 'string' && isRecord(value[1])) element(value[0], value[1], secrets);
    for (const item of value) walk(item, secrets);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if ((key === 'headers' || key === 'cookies') && Array.isArray(inner)) {
      for (const h of inner) {
        if (!isRecord(h) || typeof h.name !== 'string') continue;
        if (key === 'cookies') keep(secrets, h.value);
        else if (COOKIE_HEADER.test(h.name) && typeof h.value === 'string') cookieValues(h.value, secrets);
        else if (SECRET_NAME.test(h.name) || /^authorization$/i.test(h.name)) keep(secrets, h.value);
      }
    } else if (key === 'postData' && typeof inner === 'string') {
      body(inner, secrets);
    } else {
      walk(inner, secrets);
    }
  }
}

function element(tag: string, attrs: Record<string, unknown>, secrets: SecretSet): void {
  const names = [attrs.name, attrs.id].filter((n): n is string => typeof n === 'string' && n !== '');
  if (/^input$/i.test(tag)) {
    const type = typeof attrs.type === 'string' ? attrs.type.toLowerCase() : 'text';
    if (type === 'password' || names.some((n) => SECRET_NAME.test(n))) {
      keep(secrets, attrs.value);
      keep(secrets, attrs.__playwright_value_);
    }
  } else if (/^meta$/i.test(tag) && typeof attrs.name === 'string' && SECRET_NAME.test(attrs.name)) {
    keep(secrets, attrs.content);
  }
}

/** `a=1; b=2` (Cookie) or `a=1; Path=/; HttpOnly` (Set-Cookie, one or several lines). */
function cookieValues(header: string, secrets: SecretSet): void {
  for (const line of header.split('\n')) {
    const pairs = /^\s*[^=;]+=/.test(line) && !/;\s*(path|domain|expires|max-age|secure|httponly|samesite)\b/i.test(line) ? line.split(';') : [line.split(';')[0] ?? ''];
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at > 0) keep(secrets, safeDecode(pair.slice(at + 1).trim()));
    }
  }
}

/** A request or response body: a form post, JSON, or HTML with hidden inputs and meta tags. */
function body(text: string, secrets: SecretSet): void {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      jsonKeys(JSON.parse(trimmed) as unknown, secrets);
      return;
    } catch {
      // Not JSON after all.
    }
  }
  if (/^[^\s<>{}]*=[^\s<>]*$/.test(trimmed)) {
    for (const [name, value] of new URLSearchParams(trimmed)) if (SECRET_NAME.test(name)) keep(secrets, value);
    return;
  }
  if (trimmed.includes('<')) {
    for (const tag of trimmed.match(/<(input|meta)\b[^>]*>/gi) ?? []) {
      const attrs = Object.fromEntries([...tag.matchAll(/([a-zA-Z_:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => [m[1]!.toLowerCase(), m[3] ?? m[4] ?? m[5] ?? '']));
      element(/^<meta/i.test(tag) ? 'META' : 'INPUT', attrs, secrets);
    }
  }
}

function jsonKeys(value: unknown, secrets: SecretSet): void {
  if (Array.isArray(value)) {
    for (const item of value) jsonKeys(item, secrets);
  } else if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_NAME.test(key) && (typeof inner === 'string' || typeof inner === 'number')) keep(secrets, inner);
      else jsonKeys(inner, secrets);
    }
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
