/**
 * Keeping credentials out of everything remit writes. A SecretSet knows the password, the
 * TOTP seed, the codes made from it and the session cookies of one portal run, in every
 * spelling they can take on the way to a portal (URL-encoded, JSON-escaped, HTML-escaped,
 * base64), and blanks them out of logs, messages and traces.
 */
import { createGuardrails, generate } from 'otplib';
import { RemitError, ExitCode } from '../../core/errors.js';

export const REDACTED = '[redacted]';

export class SecretSet {
  private readonly substrings = new Set<string>();
  private readonly exact = new Set<string>();
  private readonly tokens = new Set<string>();
  private tokenPattern: RegExp | undefined;

  /** A value blanked wherever it appears inside text. Very short values are blanked only when whole. */
  add(value: string | undefined, minLength = 3): this {
    if (!value) return this;
    if (value.length < minLength) {
      this.exact.add(value);
      return this;
    }
    for (const variant of spellings(value)) if (variant.length >= minLength) this.substrings.add(variant);
    return this;
  }

  /** A value blanked only where a whole string equals it (one-time codes: six digits are everywhere). */
  addExact(value: string | undefined): this {
    if (value) this.exact.add(value);
    return this;
  }

  /**
   * A short value (a one-time code) blanked where it stands on its own: a whole string, or
   * inside text with no letter or digit either side (`otp=295542&trust=1`), but not inside a
   * longer number.
   */
  addToken(value: string | undefined): this {
    if (!value) return this;
    this.exact.add(value);
    if (!/^[A-Za-z0-9]+$/.test(value)) return this.add(value);
    this.tokens.add(value);
    this.tokenPattern = undefined;
    return this;
  }

  private tokenRegex(): RegExp | undefined {
    if (this.tokens.size === 0) return undefined;
    this.tokenPattern ??= new RegExp(`(?<![A-Za-z0-9.])(?:${[...this.tokens].join('|')})(?![A-Za-z0-9])`, 'g');
    return this.tokenPattern;
  }

  /** Longest first, so a value is not half-replaced by a shorter one inside it. */
  variants(): string[] {
    return [...this.substrings].sort((a, b) => b.length - a.length);
  }

  isExact(value: string): boolean {
    return this.exact.has(value);
  }

  redact(text: string): string {
    if (this.exact.has(text)) return REDACTED;
    let out = text;
    for (const variant of this.variants()) {
      if (out.includes(variant)) out = out.split(variant).join(REDACTED);
    }
    const tokens = this.tokenRegex();
    return tokens ? out.replace(tokens, REDACTED) : out;
  }

  /** The first secret spelling found in the text, for checks that must fail closed. */
  findIn(text: string): string | undefined {
    const found = this.variants().find((v) => text.includes(v));
    if (found !== undefined) return found;
    const tokens = this.tokenRegex();
    if (!tokens) return undefined;
    tokens.lastIndex = 0;
    const hit = tokens.exec(text)?.[0];
    tokens.lastIndex = 0;
    return hit;
  }
}

function spellings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const form = new URLSearchParams({ x: value }).toString().slice(2);
  const html = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [...new Set([value, json, encodeURIComponent(value), form, html, Buffer.from(value).toString('base64')])];
}

/** A base32 TOTP seed as people paste it: spaces, dashes, lower case, padding, or a whole otpauth:// URI. */
export function normalizeTotpSecret(secret: string): string {
  let text = secret.trim();
  if (/^otpauth:\/\//i.test(text)) {
    const found = new URL(text).searchParams.get('secret');
    if (!found) throw badSeed('the otpauth:// address has no secret= in it');
    text = found;
  }
  const cleaned = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (!/^[A-Z2-7]+$/.test(cleaned)) throw badSeed('it is not base32 (letters A-Z and digits 2-7)');
  if (cleaned.length < 16) throw badSeed('it is shorter than 10 bytes');
  return cleaned;
}

function badSeed(reason: string): RemitError {
  return new RemitError('totp-secret', `the stored TOTP secret cannot be used: ${reason}`, {
    exitCode: ExitCode.usage,
    hint: 'store the secret shown when MFA was set up (the text under the QR code), or the otpauth:// address',
  });
}

// Many portals still issue 10-byte (80-bit) seeds; otplib's default floor is 16 bytes.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** The current one-time code and how many seconds it has left. */
export async function totpCode(secret: string, now: Date): Promise<{ code: string; secondsLeft: number }> {
  const epoch = Math.floor(now.getTime() / 1000);
  const code = await generate({ secret: normalizeTotpSecret(secret), epoch, guardrails });
  return { code, secondsLeft: 30 - (epoch % 30) };
}
