/**
 * EDIFACT numbers and dates as remit reads them. Numbers carry no thousands grouping, so a
 * single `.` or `,` can only be the decimal mark: both are accepted whatever the UNA
 * declares (ISO 9735 allows either), which costs nothing and reads files whose UNA is wrong.
 */
import { parseAmount, type AmountResult } from '../../core/money.js';
import { parseDate, type DateResult } from '../../core/dates.js';

const NUMERIC = /^-?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** An EDIFACT numeric amount in minor units (cents). */
export function readAmount(text: string): AmountResult {
  if (!NUMERIC.test(text)) return { ok: false, reason: `not an EDIFACT number: "${text.slice(0, 40)}"` };
  return parseAmount(text.replace(',', '.'));
}

/** Two-digit years below this are 20YY, the rest 19YY. */
const CENTURY_PIVOT = 50;

/**
 * A DTM value in the given 2379 format: 102 CCYYMMDD, 101 YYMMDD, 203 CCYYMMDDHHMM,
 * 204 CCYYMMDDHHMMSS, 201 YYMMDDHHMM, 718 CCYYMMDD-CCYYMMDD (first day). Without a format
 * code the length decides. Times are dropped: remit keeps days.
 */
export function readDate(value: string, format: string): DateResult {
  const fmt = format || ({ 6: '101', 8: '102', 10: '201', 12: '203', 14: '204' } as Record<number, string>)[value.length] || '';
  const shapes: Record<string, RegExp> = {
    '102': /^(\d{8})$/,
    '203': /^(\d{8})\d{4}$/,
    '204': /^(\d{8})\d{6}$/,
    '718': /^(\d{8})-\d{8}$/,
    '101': /^(\d{6})$/,
    '201': /^(\d{6})\d{4}$/,
  };
  const shape = shapes[fmt];
  const day = shape?.exec(value)?.[1];
  if (day === undefined) {
    return { ok: false, reason: shape ? `"${value.slice(0, 40)}" is not in date format ${fmt}` : `date format "${fmt}" not supported` };
  }
  if (day.length === 8) return parseDate(day, 'ymd');
  return parseDate(`${Number(day.slice(0, 2)) < CENTURY_PIVOT ? '20' : '19'}${day}`, 'ymd');
}
