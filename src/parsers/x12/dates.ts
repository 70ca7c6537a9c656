/**
 * X12 DTM dates: DTM02 (DT, CCYYMMDD; YYMMDD before 004010), or, when DTM02 is empty, DTM06
 * in the format DTM05 names (element 1250 Date Time Period Format Qualifier). Formats that
 * name a day are read; a time or zone after the day is dropped; a range is read only when it
 * is one day (see edi/day.ts); formats naming a month, a year or a time only are refused.
 * Code list: https://internal.dcsnewyork.com/tech/edi/x12/EDI_4010/el1250.htm
 */
import type { DateResult } from '../../core/dates.js';
import { dayOf, ordinalDayOf, sameDay } from '../edi/day.js';
import { element, type Segment } from './segments.js';
import { readDate } from './values.js';

type Reader = (value: string) => DateResult;

/** `total` digits, of which the first `length` name the day (the rest is a time). */
const single = (length: number, read: Reader, total = length): Reader => (value) =>
  value.length === total && /^\d+$/.test(value) ? read(value.slice(0, length)) : bad(value);

const rangeOf = (readFrom: Reader, readTo: Reader): Reader => (value) => {
  const [from, to, ...rest] = value.split('-');
  if (from === undefined || to === undefined || rest.length > 0) return bad(value);
  return sameDay(readFrom(from), readTo(to), value);
};
const range = (read: Reader): Reader => rangeOf(read, read);

const ymd8 = single(8, (v) => dayOf(v, 'ymd'));
const ymd6 = single(6, (v) => dayOf(v, 'ymd'));
const mdy8 = single(8, (v) => dayOf(v, 'mdy'));
const ymd8hm = single(8, (v) => dayOf(v, 'ymd'), 12);
const ymd8hms = single(8, (v) => dayOf(v, 'ymd'), 14);

/** DTM05 code -> reader of DTM06. */
const FORMATS: Record<string, Reader> = {
  D8: ymd8,
  D6: ymd6,
  DT: ymd8hm, // CCYYMMDDHHMM
  DB: mdy8, // MMDDCCYY
  TT: single(6, (v) => dayOf(v, 'mdy')), // MMDDYY
  TU: single(5, ordinalDayOf), // YYDDD
  RTS: ymd8hms, // CCYYMMDDHHMMSS
  RD8: range(ymd8),
  RD6: range(ymd6),
  RD: range(mdy8),
  RDT: range(ymd8hm),
  DTS: range(ymd8hms),
  DDT: rangeOf(ymd8, ymd8hm), // CCYYMMDD-CCYYMMDDHHMM
  DTD: rangeOf(ymd8hm, ymd8), // CCYYMMDDHHMM-CCYYMMDD
};

/** Formats that are known but name no single day. */
const NOT_A_DAY: Record<string, string> = {
  CC: 'a century', CD: 'a month', CM: 'a month', CQ: 'a quarter', CY: 'a year', DA: 'days without a month',
  DD: 'a day of an unnamed month', EH: 'a day of an unnamed decade', KA: 'a month name date', MD: 'a day of an unnamed year',
  MM: 'a month', TC: 'a day of an unnamed year', TM: 'a time', TQ: 'a month', TS: 'a time', YM: 'a month', YY: 'a year',
  RD2: 'years', RD4: 'years', RD5: 'months', RDM: 'a period', RMD: 'a period', RMY: 'months', UN: 'free text',
};

/** The day a DTM states, from DTM02 or from DTM05/DTM06. */
export function readDtm(segment: Segment): DateResult {
  const date = element(segment, 2);
  if (date !== '') return readDate(date);
  const format = element(segment, 5).toUpperCase();
  const value = element(segment, 6);
  if (format === '' && value === '') return { ok: false, reason: 'no date in DTM02 or DTM06' };
  const reader = FORMATS[format];
  if (reader) {
    const read = reader(value);
    return read.ok ? read : { ok: false, reason: `DTM06 (${format}) ${read.reason}` };
  }
  const what = NOT_A_DAY[format];
  return { ok: false, reason: what ? `DTM05 format ${format} gives ${what}, not a day` : `DTM05 format "${format.slice(0, 3)}" is not one remit reads` };
}

function bad(value: string): DateResult {
  return { ok: false, reason: `"${value.slice(0, 40)}" does not fit the format` };
}
