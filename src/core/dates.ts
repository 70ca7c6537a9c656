/**
 * Dates inside remit are ISO `YYYY-MM-DD` strings. Files write them every which way. Which
 * of day and month comes first is never guessed per value: it is decided for a whole file
 * from the evidence (`decideDateOrder`), or taken from the payer's `date_order` setting.
 */
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export type DateResult = { ok: true; iso: string } | { ok: false; reason: string };

/** English, German, French and Spanish month names and their usual short forms. */
const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ['jan', 'january', 'januar', 'janvier', 'janv', 'enero', 'ene', 'jänner', 'jän']],
  [2, ['feb', 'february', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'febrero']],
  [3, ['mar', 'march', 'märz', 'maerz', 'mrz', 'mars', 'marzo']],
  [4, ['apr', 'april', 'avril', 'avr', 'abril', 'abr']],
  [5, ['may', 'mai', 'mayo']],
  [6, ['jun', 'june', 'juni', 'juin', 'junio']],
  [7, ['jul', 'july', 'juli', 'juillet', 'juil', 'julio']],
  [8, ['aug', 'august', 'août', 'aout', 'agosto', 'ago']],
  [9, ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'setiembre']],
  [10, ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre']],
  [11, ['nov', 'november', 'novembre', 'noviembre']],
  [12, ['dec', 'december', 'dez', 'dezember', 'décembre', 'decembre', 'déc', 'diciembre', 'dic']],
];
const MONTHS = new Map<string, number>();
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTHS.set(name, month);

/** A time of day after a date (`2024-09-16 10:32`, `09/16/2024 10:32 AM`): not part of the date. */
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})${TIME}$`);
const DAY_MONTH_NAME = /^(\d{1,2})\.?(?:\s+de)?[\s./-]*([^\d\s./,-]{3,})\.?(?:\s+de)?[\s./,-]*(\d{2}|\d{4})$/u;
const MONTH_NAME_DAY = /^([^\d\s./,-]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u;

/** Parse a written date: ISO, `MM/DD/YYYY` (or `dmy`), `YYYYMMDD`, `YYMMDD`, `12-Sep-2024`, `Sep 12, 2024`. */
export function parseDate(input: string, order: DateOrder = 'mdy'): DateResult {
  const text = input.trim();
  let m = YEAR_FIRST.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), input);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), input);
  m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m) return build(2000 + Number(m[1]), Number(m[2]), Number(m[3]), input);
  m = NUMERIC.exec(text);
  if (m) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const year = c < 100 ? 2000 + c : c;
    return order === 'dmy' ? build(year, b, a, input) : build(year, a, b, input);
  }
  return namedMonth(text, input) ?? { ok: false, reason: `not a date: "${text.slice(0, 40)}"` };
}

function namedMonth(text: string, input: string): DateResult | undefined {
  let m = DAY_MONTH_NAME.exec(text);
  if (m) {
    const month = MONTHS.get(m[2]!.toLowerCase());
    if (month) return build(fullYear(m[3]!), month, Number(m[1]), input);
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m) {
    const month = MONTHS.get(m[1]!.toLowerCase());
    if (month) return build(Number(m[3]), month, Number(m[2]), input);
  }
  return undefined;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length <= 2 ? 2000 + year : year;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return year >= 1 && year <= 9999 && days !== undefined && day >= 1 && day <= days;
}

function build(year: number, month: number, day: number, input: string): DateResult {
  if (!isCalendarDate(year, month, day)) {
    return { ok: false, reason: `not a calendar date: "${input.trim().slice(0, 40)}"` };
  }
  return { ok: true, iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/**
 * What one written date says about the order of day and month:
 * - `day-first`: only day-first reads it (`16/09/2024`); `month-first`: only month-first does (`09/16/2024`);
 * - `either`: both read it, as different days (`05/09/2024`, a 6-digit `050924`): it needs the order;
 * - `same`: it does not depend on the order (`2024-09-05`, `05/05/2024`, `5 Sep 2024`, `20240905`);
 * - `invalid`: no order reads it as a calendar date.
 */
export type DateEvidence = 'day-first' | 'month-first' | 'either' | 'same' | 'invalid';

export function dateEvidence(input: string): DateEvidence {
  const text = input.trim();
  if (NUMERIC.test(text) || /^\d{6}$/.test(text)) {
    const dmy = readDateAs(text, 'dmy');
    const mdy = readDateAs(text, 'mdy');
    if (/^\d{6}$/.test(text)) {
      const ymd = readDateAs(text, 'ymd');
      const readings = new Set([dmy, mdy, ymd].filter((r) => r.ok).map((r) => (r as { iso: string }).iso));
      return readings.size === 0 ? 'invalid' : readings.size === 1 ? 'same' : 'either';
    }
    if (dmy.ok && mdy.ok) return dmy.iso === mdy.iso ? 'same' : 'either';
    if (dmy.ok) return 'day-first';
    if (mdy.ok) return 'month-first';
    return 'invalid';
  }
  return parseDate(text).ok ? 'same' : 'invalid';
}

/**
 * Read a date in a decided order. Unlike `parseDate`, every order is strict: `ymd` reads
 * `yy/mm/dd` and `yymmdd` and refuses `a/b/yyyy`; `mdy` and `dmy` read a 6-digit date as
 * `mmddyy` / `ddmmyy`. Forms that do not depend on the order read the same in all three.
 */
export function readDateAs(input: string, order: DateOrder): DateResult {
  const text = input.trim();
  const six = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (six) {
    const [a, b, c] = [Number(six[1]), Number(six[2]), Number(six[3])];
    if (order === 'ymd') return build(2000 + a, b, c, input);
    return order === 'dmy' ? build(2000 + c, b, a, input) : build(2000 + c, a, b, input);
  }
  const m = NUMERIC.exec(text);
  if (m) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (order === 'ymd') {
      if (m[3]!.length === 4) return { ok: false, reason: `not a year-first date: "${text.slice(0, 40)}"` };
      return build(2000 + a, b, c, input);
    }
  }
  return parseDate(text, order);
}

/** The decision for one file's dates: the order (undefined when no date needs one) and why. */
export type DateOrderDecision = { ok: true; order: DateOrder | undefined; why: string; usual?: true } | { ok: false; reason: string };

/** The order the payer's earlier documents proved (kept by the ledger), for a file whose own dates cannot tell. */
export interface UsualDateOrder {
  order: 'dmy' | 'mdy';
  /** Where it was learned, for the warning: `payer HD's document 41 (HomeDepot_1.csv)`. */
  source: string;
}

/** A date with where it was read, for messages (`row 5, column "Pay Date"`). */
export interface DateSeen {
  text: string;
  where?: string;
}

/**
 * The evidence of a file's dates, value by value, so a streaming reader can decide as soon
 * as the evidence allows and go on checking every later value against the decision.
 */
export class DateOrderEvidence {
  private dayFirst: DateSeen | undefined;
  private monthFirst: DateSeen | undefined;
  private either: DateSeen | undefined;
  private invalid: DateSeen | undefined;

  constructor(
    /** The payer's `date_order` from remit.yaml: it always wins, and every value is checked against it. */
    readonly known: DateOrder | undefined,
    private readonly payer: string | undefined,
    /** What the payer's earlier files proved: used only when nothing in this file tells. */
    private readonly usual?: UsualDateOrder,
  ) {}

  /** The order this file's own values prove (a day above 12), if they prove one. */
  get evidenced(): 'dmy' | 'mdy' | undefined {
    if (this.dayFirst && this.monthFirst) return undefined;
    return this.dayFirst ? 'dmy' : this.monthFirst ? 'mdy' : undefined;
  }

  /** Take one value as evidence; returns what it says. */
  observe(seen: DateSeen): DateEvidence {
    const evidence = dateEvidence(seen.text);
    if (evidence === 'day-first') this.dayFirst ??= seen;
    else if (evidence === 'month-first') this.monthFirst ??= seen;
    else if (evidence === 'either') this.either ??= seen;
    else if (evidence === 'invalid') this.invalid ??= seen;
    return evidence;
  }

  /** The first value seen that shows this order (for a message when a later value contradicts it). */
  example(order: 'dmy' | 'mdy'): DateSeen | undefined {
    return order === 'dmy' ? this.dayFirst : this.monthFirst;
  }

  /** Decided already (more values cannot change the order, only contradict it)? */
  get settled(): boolean {
    return this.known !== undefined || this.dayFirst !== undefined || this.monthFirst !== undefined;
  }

  /** Has a value been seen that cannot be read without an order? */
  get needsOrder(): boolean {
    return this.either !== undefined;
  }

  /** The decision from everything seen so far. */
  decide(): DateOrderDecision {
    const setting = `payers.${this.payer ?? '<ID>'}.date_order`;
    if (this.known) {
      // A value the known order cannot read is named here when it is a clear case, and by
      // the reader of each value (readDateAs) otherwise.
      const wrong = this.known === 'mdy' ? this.dayFirst : this.known === 'dmy' ? this.monthFirst : undefined;
      if (wrong) return { ok: false, reason: `${quoteSeen(wrong)} is not a date in the order ${setting} gives (${this.known})` };
      return { ok: true, order: this.known, why: `${setting} is ${this.known}` };
    }
    if (this.invalid) return { ok: false, reason: `${quoteSeen(this.invalid)} is not a calendar date in any order` };
    if (this.dayFirst && this.monthFirst) {
      return {
        ok: false,
        reason: `day-first ${quoteSeen(this.dayFirst)} and month-first ${quoteSeen(this.monthFirst)} dates in one file: set ${setting} (dmy or mdy) in remit.yaml`,
      };
    }
    if (this.dayFirst) return { ok: true, order: 'dmy', why: `day-first: ${quoteSeen(this.dayFirst)} has a day above 12` };
    if (this.monthFirst) return { ok: true, order: 'mdy', why: `month-first: ${quoteSeen(this.monthFirst)} has a day above 12` };
    if (this.either && this.usual) {
      return { ok: true, order: this.usual.order, why: `dates such as ${quoteSeen(this.either)} read ${this.usual.order}, as ${this.usual.source} showed`, usual: true };
    }
    if (this.either) {
      return {
        ok: false,
        reason: `dates such as ${quoteSeen(this.either)} read as day-first or month-first and nothing in the file tells which: set ${setting} to dmy or mdy in remit.yaml`,
      };
    }
    return { ok: true, order: undefined, why: 'no date depends on the order of day and month' };
  }
}

function quoteSeen(seen: DateSeen): string {
  return `"${seen.text.trim().slice(0, 40)}"${seen.where ? ` (${seen.where})` : ''}`;
}

/**
 * Decide the order of day and month for a set of dates (one file's, or one document's):
 * ISO and year-first forms, month names and days that equal their month need none; a first
 * part above 12 means day-first, a second part above 12 month-first, both seen is an error;
 * the payer's `date_order` (`known`) always wins and is checked against every value. When
 * the values cannot decide, the answer is an error naming `payers.<ID>.date_order` with an
 * example value: never a guess.
 */
export function decideDateOrder(values: Iterable<string | DateSeen>, known?: DateOrder, payer?: string): DateOrderDecision {
  const evidence = new DateOrderEvidence(known, payer);
  for (const value of values) evidence.observe(typeof value === 'string' ? { text: value } : value);
  return evidence.decide();
}

/** Excel serial day number (1900 or 1904 system) to ISO date. */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const days = Math.floor(serial);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}

/** The ISO date of an instant in local time of the machine's clock. */
export function isoDay(at: Date): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  const from = Date.parse(`${fromIso}T00:00:00Z`);
  const to = Date.parse(`${toIso}T00:00:00Z`);
  return Math.round((to - from) / 86_400_000);
}

/**
 * `--since` / `--until` words: `today`, `yesterday`, `7d`, `2w`, or an ISO date.
 * `today` comes from the caller's clock so tests control it.
 */
export function resolveDayWord(word: string, today: string): DateResult {
  const text = word.trim().toLowerCase();
  if (text === 'today') return { ok: true, iso: today };
  if (text === 'yesterday') return { ok: true, iso: addDays(today, -1) };
  const m = /^(\d+)([dw])$/.exec(text);
  if (m) return { ok: true, iso: addDays(today, -Number(m[1]) * (m[2] === 'w' ? 7 : 1)) };
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text, 'ymd') : undefined;
  return iso ?? { ok: false, reason: `expected today, yesterday, 7d, 2w or YYYY-MM-DD, got "${word}"` };
}
