/**
 * Portal date formats such as `MM/DD/YYYY` or `DD-MMM-YYYY`: how a recipe writes the search
 * range into a form and reads the date shown in each result row. Dates stay ISO inside.
 */
import { parseDate, type DateResult } from '../../core/dates.js';

const TOKENS = /YYYY|YY|MMMM|MMM|MM|M|DD|D/g;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Why a format cannot be used, or undefined when it can. */
export function dateFormatProblem(format: string): string | undefined {
  const tokens = format.match(TOKENS) ?? [];
  const years = tokens.filter((t) => t.startsWith('Y')).length;
  const months = tokens.filter((t) => t.startsWith('M')).length;
  const days = tokens.filter((t) => t.startsWith('D')).length;
  if (years !== 1 || months !== 1 || days !== 1) {
    return `date format "${format}" needs exactly one year (YYYY or YY), one month (MM, M, MMM, MMMM) and one day (DD or D)`;
  }
  return undefined;
}

/** Write an ISO date in a portal's format: `2025-03-05` with `MM/DD/YYYY` gives `03/05/2025`. */
export function formatIsoDate(iso: string, format: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: "${iso}"`);
  const [year, month, day] = [m[1]!, Number(m[2]), Number(m[3])];
  const name = MONTH_NAMES[month - 1] ?? '';
  return format.replace(TOKENS, (token) => {
    switch (token) {
      case 'YYYY': return year;
      case 'YY': return year.slice(2);
      case 'MMMM': return name;
      case 'MMM': return name.slice(0, 3);
      case 'MM': return String(month).padStart(2, '0');
      case 'M': return String(month);
      case 'DD': return String(day).padStart(2, '0');
      default: return String(day);
    }
  });
}

/** Read a date written in a portal's format back to ISO. */
export function parseFormattedDate(text: string, format: string): DateResult {
  const order: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of format.matchAll(TOKENS)) {
    pattern += literal(format.slice(last, match.index));
    const token = match[0];
    order.push(token);
    pattern += token === 'YYYY' ? '(\\d{4})' : token === 'YY' ? '(\\d{2})' : token.length >= 3 && token.startsWith('M') ? '([A-Za-z]+)\\.?' : '(\\d{1,2})';
    last = match.index + token.length;
  }
  pattern += literal(format.slice(last));
  const m = new RegExp(`^${pattern}$`, 'i').exec(text.trim());
  const shown = text.trim().slice(0, 40);
  if (!m) return { ok: false, reason: `"${shown}" does not look like ${format}` };
  let year = 0;
  let month = 0;
  let day = 0;
  order.forEach((token, i) => {
    const value = m[i + 1] ?? '';
    if (token === 'YYYY') year = Number(value);
    else if (token === 'YY') year = 2000 + Number(value);
    else if (token === 'MMM' || token === 'MMMM') {
      month = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(value.toLowerCase().slice(0, 3))) + 1;
    } else if (token.startsWith('M')) month = Number(value);
    else day = Number(value);
  });
  if (month < 1) return { ok: false, reason: `"${shown}" has no month name that ${format} expects` };
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const checked = parseDate(iso, 'ymd');
  return checked.ok ? checked : { ok: false, reason: `"${shown}" is not a calendar date` };
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
