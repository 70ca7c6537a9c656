/**
 * BAI2 funds type and the fields that follow it (BAI2 2005, "Funds Type" in the 03 and 16
 * record descriptions, https://www.bai.org/docs/default-source/libraries/site-general-downloads/cash_management_2005.pdf):
 * 0/1/2 immediate, one-day, two-or-more-day availability; S three amounts (immediate,
 * one-day, two-or-more-day); V value date YYMMDD and optional time; D a count then that many
 * (days, amount) pairs; Z unknown; blank means none given.
 */
import { parseDate } from '../../../core/dates.js';
import { impliedDecimalMinor } from '../amounts.js';
import type { FundsAvailability } from '../types.js';

/** Funds types without fields are the same for every entry: one frozen object each. */
const PLAIN: Record<string, FundsAvailability> = {
  '0': Object.freeze({ type: '0' }),
  '1': Object.freeze({ type: '1' }),
  '2': Object.freeze({ type: '2' }),
  Z: Object.freeze({ type: 'Z' }),
};

export type FundsRead = { ok: true; funds: FundsAvailability | undefined; next: number } | { ok: false; reason: string };

/** Read the funds type at `fields[at]` and its extra fields; `next` is the first field after them. */
export function readFunds(fields: readonly string[], at: number): FundsRead {
  const type = (fields[at] ?? '').trim().toUpperCase();
  switch (type) {
    case '':
      return { ok: true, funds: undefined, next: at + 1 };
    case '0':
    case '1':
    case '2':
    case 'Z':
      return { ok: true, funds: PLAIN[type], next: at + 1 };
    case 'S': {
      const funds: FundsAvailability = { type };
      const names = ['immediateMinor', 'oneDayMinor', 'twoOrMoreDaysMinor'] as const;
      for (let i = 0; i < 3; i += 1) {
        const text = (fields[at + 1 + i] ?? '').trim();
        if (text === '') continue;
        const read = impliedDecimalMinor(text, true);
        if (!read.ok) return { ok: false, reason: `funds type S: ${read.reason}` };
        funds[names[i]!] = read.minor;
      }
      return { ok: true, funds, next: at + 4 };
    }
    case 'V': {
      const dateText = (fields[at + 1] ?? '').trim();
      const date = parseDate(dateText, 'ymd');
      if (!/^\d{6}$/.test(dateText) || !date.ok) return { ok: false, reason: `funds type V: value date "${dateText}" is not YYMMDD` };
      const time = (fields[at + 2] ?? '').trim();
      return { ok: true, funds: time ? { type, valueDate: date.iso, valueTime: time } : { type, valueDate: date.iso }, next: at + 3 };
    }
    case 'D': {
      const countText = (fields[at + 1] ?? '').trim();
      if (!/^\d{1,3}$/.test(countText)) return { ok: false, reason: `funds type D: "${countText}" is not a number of distributions` };
      const count = Number(countText);
      const byDays: Array<{ days: number; amountMinor: number }> = [];
      for (let i = 0; i < count; i += 1) {
        const days = (fields[at + 2 + 2 * i] ?? '').trim();
        const amount = impliedDecimalMinor((fields[at + 3 + 2 * i] ?? '').trim(), true);
        if (!/^\d{1,3}$/.test(days) || !amount.ok) return { ok: false, reason: `funds type D: distribution ${i + 1} is not days and an amount` };
        byDays.push({ days: Number(days), amountMinor: amount.minor });
      }
      return { ok: true, funds: { type, byDays }, next: at + 2 + 2 * count };
    }
    default:
      return { ok: false, reason: `unknown funds type "${type}"` };
  }
}
