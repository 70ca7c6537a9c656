/**
 * EDIFACT numbers and dates as remit reads them. Numbers carry no thousands grouping, so a
 * single `.` or `,` can only be the decimal mark: both are accepted whatever the UNA
 * declares (ISO 9735 allows either), which costs nothing and reads files whose UNA is wrong.
 */
import { parseAmount, type AmountResult } from '../../core/money.js';
import type { DateResult } from '../../core/dates.js';
import { dayOf, sameDay } from '../edi/day.js';

const NUMERIC = /^-?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** An EDIFACT numeric amount in minor units (cents). */
export function readAmount(text: string): AmountResult {
  if (!NUMERIC.test(text)) return { ok: false, reason: `not an EDIFACT number: "${text.slice(0, 40)}"` };
  return parseAmount(text.replace(',', '.'));
}

const ZONE = String.raw`(?:[+-]\d{2}(?::?\d{2})?|[A-Z]{1,3})`;

/** 2379 code -> the shape of the value, whose first group is the day and `order` how to read it. */
const DAY_FORMATS: Record<string, { shape: RegExp; order: 'ymd' | 'mdy' | 'dmy' }> = {
  '2': { shape: /^(\d{6})$/, order: 'dmy' },
  '3': { shape: /^(\d{6})$/, order: 'mdy' },
  '4': { shape: /^(\d{8})$/, order: 'dmy' },
  '5': { shape: /^(\d{8})\d{4}$/, order: 'dmy' },
  '10': { shape: /^(\d{8})T\d{4}$/, order: 'ymd' },
  '101': { shape: /^(\d{6})$/, order: 'ymd' },
  '102': { shape: /^(\d{8})$/, order: 'ymd' },
  '201': { shape: /^(\d{6})\d{4}$/, order: 'ymd' },
  '202': { shape: /^(\d{6})\d{6}$/, order: 'ymd' },
  '203': { shape: /^(\d{8})\d{4}$/, order: 'ymd' },
  '204': { shape: /^(\d{8})\d{6}$/, order: 'ymd' },
  '205': { shape: new RegExp(`^(\\d{8})\\d{4}${ZONE}$`), order: 'ymd' },
  '301': { shape: new RegExp(`^(\\d{6})\\d{4}${ZONE}$`), order: 'ymd' },
  '302': { shape: new RegExp(`^(\\d{6})\\d{6}${ZONE}$`), order: 'ymd' },
  // Senders write 303 with seconds too (CCYYMMDDHHMMSS+01); the day is the same 8 digits.
  '303': { shape: new RegExp(`^(\\d{8})\\d{4}(?:\\d{2})?${ZONE}?$`), order: 'ymd' },
  '304': { shape: new RegExp(`^(\\d{8})\\d{6}${ZONE}?$`), order: 'ymd' },
};

/** 2379 ranges: both ends read with the single format; one day only when they agree. */
const RANGE_FORMATS: Record<string, string> = { '713': '201', '717': '101', '718': '102', '719': '203' };

/** Formats that name no single day: weeks, months, years, times, durations. */
const NOT_A_DAY = /^(?:6|7|8|9|103|104|105|106|107|108|109|110|305|306|401|402|404|405|406|501|502|503|504|600|601|602|603|604|608|609|610|613|614|615|616|7\d\d|8\d\d)$/;

/**
 * A DTM value (C507: 2380 in the 2379 format) as a day. Every 2379 format that names a day
 * is read (https://service.unece.org/trade/untdid/d01a/tred/tred2379.htm): times and time
 * zones are dropped (the day as written), a range is a day only when it starts and ends on
 * the same day, formats naming a week, month or year are refused. Without a format code the
 * length decides (6 YYMMDD, 8 CCYYMMDD, 10, 12, 14 with a time).
 */
export function readDate(value: string, format: string): DateResult {
  const fmt = format || ({ 6: '101', 8: '102', 10: '201', 12: '203', 14: '204' } as Record<number, string>)[value.length] || '';
  const range = RANGE_FORMATS[fmt];
  if (range) {
    const half = value.length >> 1;
    if (value.length % 2 !== 1 || value[half] !== '-') return { ok: false, reason: `"${value.slice(0, 40)}" is not in date format ${fmt}` };
    return sameDay(readDate(value.slice(0, half), range), readDate(value.slice(half + 1), range), value);
  }
  const day = DAY_FORMATS[fmt];
  if (!day) {
    if (NOT_A_DAY.test(fmt)) return { ok: false, reason: `date format ${fmt} names no single day` };
    return { ok: false, reason: `date format "${fmt.slice(0, 3)}" not supported` };
  }
  const digits = day.shape.exec(value)?.[1];
  if (digits === undefined) return { ok: false, reason: `"${value.slice(0, 40)}" is not in date format ${fmt}` };
  // DDMM(CC)YY -> (CC)YYMMDD
  if (day.order === 'dmy') return dayOf(`${digits.slice(4)}${digits.slice(2, 4)}${digits.slice(0, 2)}`, 'ymd');
  return dayOf(digits, day.order);
}
