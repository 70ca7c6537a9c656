/**
 * Amount text of the bank formats to minor units, each with its own exact syntax (checked
 * first, so the general rules of core/money never see anything the format forbids):
 * BAI2 implied-decimal integers, camt/OFX decimal points, SWIFT decimal commas.
 */
import { parseAmount, type Minor } from '../../core/money.js';
import { minorDigitsOf } from './currency.js';

export type Read = { ok: true; minor: Minor } | { ok: false; reason: string };

/**
 * A BAI2 amount: digits with the decimals implied by the currency, so the digits already
 * count minor units (BAI2 section "Amount"); an optional sign where the field allows one.
 * Read digit by digit: this runs for every record of a million-entry file.
 */
export function impliedDecimalMinor(text: string, signed: boolean): Read {
  const length = text.length;
  let at = 0;
  let negative = false;
  if (signed && length > 0) {
    const first = text.charCodeAt(0);
    if (first === 43 || first === 45) {
      negative = first === 45;
      at = 1;
    }
  }
  if (at === length) return { ok: false, reason: `not an amount: "${short(text)}"` };
  if (length - at > 15) return { ok: false, reason: `amount too long: "${short(text)}"` };
  let minor = 0;
  for (; at < length; at += 1) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return { ok: false, reason: `not an amount: "${short(text)}"` };
    minor = minor * 10 + digit;
  }
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

const DECIMAL_POINT = /^\d{1,18}(?:\.\d{1,5})?$/;
const SWIFT_DECIMAL = /^\d{1,15},\d*$/;

/** A camt/OFX amount (`1234.56`, no sign, no grouping) in minor units of `currency`. */
export function decimalPointMinor(text: string, currency: string): Read {
  if (!DECIMAL_POINT.test(text)) return { ok: false, reason: `not an amount: "${short(text)}"` };
  return inCurrency(text, currency, false);
}

/**
 * An OFX amount: an optional sign, then digits with a point or (some European servers) a
 * comma as the decimal mark, as OFX 2.1.1 section 3.2.9.1 allows.
 */
export function ofxMinor(text: string, currency: string): Read {
  const m = /^([+-]?)(\d{1,15})(?:([.,])(\d{0,5}))?$/.exec(text);
  if (!m) return { ok: false, reason: `not an amount: "${short(text)}"` };
  const read = inCurrency(`${m[2]}${m[3] ? `.${m[4] || '0'}` : ''}`, currency, false);
  if (read.ok && m[1] === '-' && read.minor !== 0) return { ok: true, minor: -read.minor };
  return read;
}

/** A SWIFT amount (`1234,56`, comma mandatory, no sign) in minor units of `currency`. */
export function swiftMinor(text: string, currency: string): Read {
  if (!SWIFT_DECIMAL.test(text)) return { ok: false, reason: `not a SWIFT amount (digits and one comma): "${short(text)}"` };
  return inCurrency(text.endsWith(',') ? text.slice(0, -1) : text, currency, true);
}

function inCurrency(text: string, currency: string, decimalComma: boolean): Read {
  const minorDigits = minorDigitsOf(currency);
  if (minorDigits === undefined) return { ok: false, reason: `unknown currency "${short(currency)}": its decimals are not known` };
  const read = parseAmount(text, { minorDigits, decimalComma });
  return read.ok ? read : { ok: false, reason: `${read.reason} for ${currency}` };
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
