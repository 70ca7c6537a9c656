/**
 * Dates inside remit are ISO `YYYY-MM-DD` strings. Files write them every which way; the
 * order of day and month is a setting (`mdy` for US payers), never guessed per value.
 */
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export type DateResult = { ok: true; iso: string } | { ok: false; reason: string };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Parse a written date: ISO, `MM/DD/YYYY` (or `dmy`), `YYYYMMDD`, `YYMMDD`, `12-Sep-2024`. */
export function parseDate(input: string, order: DateOrder = 'mdy'): DateResult {
  const text = input.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), input);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), input);
  m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m) return build(2000 + Number(m[1]), Number(m[2]), Number(m[3]), input);
  m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(text);
  if (m) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[1]!.length === 4) return build(a, b, c, input);
    const year = c < 100 ? 2000 + c : c;
    return order === 'dmy' ? build(year, b, a, input) : build(year, a, b, input);
  }
  m = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ ,-]*(\d{2,4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    const year = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    if (month) return build(year, month, Number(m[1]), input);
  }
  return { ok: false, reason: `not a date: "${text.slice(0, 40)}"` };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function build(year: number, month: number, day: number, input: string): DateResult {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (year < 1 || year > 9999 || days === undefined || day < 1 || day > days) {
    return { ok: false, reason: `not a calendar date: "${input.trim().slice(0, 40)}"` };
  }
  return { ok: true, iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
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
