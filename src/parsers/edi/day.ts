/**
 * A day from the date pieces EDI formats carry. Both X12 (DTM05/DTM06, element 1250) and
 * EDIFACT (2379) can state a date with a time, a time zone or as a range; remit keeps days,
 * so a time or zone is dropped (the day as the sender wrote it, never shifted to UTC) and a
 * range is one day only when it starts and ends on the same day.
 */
import { parseDate, type DateResult } from '../../core/dates.js';

/** Two-digit years below this are 20YY, the rest 19YY: 1996 and 2024 files both exist. */
const CENTURY_PIVOT = 50;

/** CCYYMMDD, YYMMDD (century by the pivot), MMDDCCYY or MMDDYY as an ISO day. */
export function dayOf(digits: string, order: 'ymd' | 'mdy'): DateResult {
  if (order === 'ymd') {
    if (/^\d{8}$/.test(digits)) return parseDate(digits, 'ymd');
    if (/^\d{6}$/.test(digits)) return parseDate(`${century(digits.slice(0, 2))}${digits}`, 'ymd');
  } else {
    if (/^\d{8}$/.test(digits)) return parseDate(`${digits.slice(4)}${digits.slice(0, 4)}`, 'ymd');
    if (/^\d{6}$/.test(digits)) return parseDate(`${century(digits.slice(4))}${digits.slice(4)}${digits.slice(0, 4)}`, 'ymd');
  }
  return { ok: false, reason: `"${digits.slice(0, 40)}" is not a date` };
}

/** A year-day date: CCYYDDD or YYDDD (day 001 is January 1st). */
export function ordinalDayOf(digits: string): DateResult {
  const m = /^(\d{2}|\d{4})(\d{3})$/.exec(digits);
  if (!m) return { ok: false, reason: `"${digits.slice(0, 40)}" is not a year and day number` };
  const year = Number(m[1]!.length === 2 ? `${century(m[1]!)}${m[1]}` : m[1]);
  const day = Number(m[2]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day < 1 || day > (leap ? 366 : 365)) return { ok: false, reason: `"${digits}" has no day ${day}` };
  const iso = new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
  return { ok: true, iso };
}

/** A range's day: the day it names when both ends fall on it; else the range cannot be one date. */
export function sameDay(from: DateResult, to: DateResult, written: string): DateResult {
  if (!from.ok) return from;
  if (!to.ok) return to;
  if (from.iso === to.iso) return from;
  return { ok: false, reason: `"${written.slice(0, 40)}" is a period (${from.iso} to ${to.iso}), not one day` };
}

function century(yy: string): string {
  return Number(yy) < CENTURY_PIVOT ? '20' : '19';
}
