/**
 * Money is an integer number of minor units (cents) from parse to export. Amounts are read
 * from text digit by digit; nothing here goes through floating point.
 */
export type Minor = number;

export interface AmountFormat {
  /** `1.234,56` style: comma is the decimal mark, dot groups thousands. */
  decimalComma?: boolean;
  /** Digits after the decimal mark for the currency (2 for USD/EUR, 0 for JPY). */
  minorDigits?: number;
}

export type AmountResult = { ok: true; minor: Minor } | { ok: false; reason: string };

const CURRENCY_MARKS = /[$€£¥]|\b(?:USD|EUR|GBP|CAD|MXN|JPY|CHF|AUD)\b/gi;

/**
 * A plain amount, `-?\d{1,15}(\.\d{1,2})?` and nothing else, in cents; undefined for any
 * other text (which the general rules then read). Read character by character: this runs
 * for every amount of a million-line file.
 */
function plainMinor(input: string): Minor | undefined {
  const length = input.length;
  let at = 0;
  const negative = length > 0 && input.charCodeAt(0) === 45; // '-'
  if (negative) at = 1;
  let whole = 0;
  const wholeStart = at;
  for (; at < length; at += 1) {
    const code = input.charCodeAt(at) - 48;
    if (code < 0 || code > 9) break;
    whole = whole * 10 + code;
  }
  const wholeDigits = at - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 15) return undefined;
  let fraction = 0;
  if (at < length) {
    if (input.charCodeAt(at) !== 46) return undefined; // '.'
    const fractionDigits = length - at - 1;
    if (fractionDigits < 1 || fractionDigits > 2) return undefined;
    for (let i = at + 1; i < length; i += 1) {
      const code = input.charCodeAt(i) - 48;
      if (code < 0 || code > 9) return undefined;
      fraction = fraction * 10 + code;
    }
    if (fractionDigits === 1) fraction *= 10;
  }
  const minor = whole * 100 + fraction;
  if (!Number.isSafeInteger(minor)) return undefined;
  return negative && minor !== 0 ? -minor : minor;
}

/**
 * Parse an amount as people and systems write it: `1,234.56`, `(1,234.56)`, `1234.56-`,
 * `-1234.56`, `$1,234.56`, `1.234,56` (with `decimalComma`), `CR 12.00` is not guessed.
 * Returns a reason instead of throwing so a parser can attach a position.
 */
export function parseAmount(input: string, format: AmountFormat = {}): AmountResult {
  const digitsAfter = format.minorDigits ?? 2;
  // Most amounts in machine-made files are plain (1234.56, -12.5): read those without the
  // general rules below. Same digit-by-digit arithmetic, no floating point.
  if (digitsAfter === 2 && !format.decimalComma) {
    const minor = plainMinor(input);
    if (minor !== undefined) return { ok: true, minor };
  }
  let text = input.replace(CURRENCY_MARKS, '').replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return { ok: false, reason: 'empty amount' };

  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  } else if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  // Currency marks may sit inside the sign: -$12.00, ($12.00).
  text = text.replace(CURRENCY_MARKS, '');

  const decimalMark = format.decimalComma ? ',' : '.';
  const groupMark = format.decimalComma ? '.' : ',';
  const pattern = format.decimalComma
    ? /^(\d{1,3}(?:\.\d{3})+|\d+)?(?:,(\d*))?$/
    : /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;
  const match = pattern.exec(text);
  if (!match || (match[1] === undefined && !match[2])) {
    return { ok: false, reason: `not an amount: "${truncate(input)}"` };
  }
  const whole = (match[1] ?? '0').split(groupMark).join('');
  const fraction = match[2] ?? '';
  if (fraction.length > digitsAfter) {
    // Trailing zeros beyond the currency's precision are harmless (12.500); anything else is not money.
    if (!/^0*$/.test(fraction.slice(digitsAfter))) {
      return { ok: false, reason: `more than ${digitsAfter} decimals after "${decimalMark}": "${truncate(input)}"` };
    }
  }
  const cents = (fraction + '0'.repeat(digitsAfter)).slice(0, digitsAfter);
  const minor = Number(whole) * 10 ** digitsAfter + (digitsAfter > 0 ? Number(cents) : 0);
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: `amount too large: "${truncate(input)}"` };
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

/** Parse or throw; for callers that already know the text is an amount. */
export function amountOrThrow(input: string, format: AmountFormat = {}): Minor {
  const result = parseAmount(input, format);
  if (!result.ok) throw new Error(result.reason);
  return result.minor;
}

/** Minor units as decimal major units: 123456 -> "1234.56", -5 -> "-0.05". */
export function formatMinor(minor: Minor, minorDigits = 2): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`not an integer amount: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(minorDigits + 1, '0');
  if (minorDigits === 0) return sign + digits;
  return `${sign}${digits.slice(0, -minorDigits)}.${digits.slice(-minorDigits)}`;
}

/** Thousands-grouped display form for people: 1234567 -> "12,345.67". */
export function displayMinor(minor: Minor, minorDigits = 2): string {
  const plain = formatMinor(minor, minorDigits);
  const [whole = '', fraction] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function sumMinor(values: Iterable<Minor>): Minor {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
