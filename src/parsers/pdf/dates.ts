/**
 * The PDF reader's dates, behind two small functions so the way a document's day/month
 * order is decided can change in one place (the tabular reader's per-file decision,
 * decideDateOrder in core/dates.ts, is meant to replace `readDay` once it lands).
 */
import { parseDate, type DateOrder, type DateResult } from '../../core/dates.js';

const MONTH = String.raw`(?:jan|feb|m[äa]r|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|f[ée]v|avr|juin|juil|ao[ûu]|d[ée]c|ene|abr|ago|dic)[a-zé]*\.?`;
const DATE_SHAPES = [
  /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/,
  /^\d{8}$/,
  new RegExp(`^\\d{1,2}[ .-]*${MONTH}[ ,.-]*\\d{2,4}$`, 'i'),
  new RegExp(`^${MONTH}[ .-]*\\d{1,2},?[ .-]*\\d{2,4}$`, 'i'),
];

/** True when the text has the shape of a date (any order): enough to trust a bare `Date` label. */
export function looksLikeDate(text: string): boolean {
  const first = text.trim().split(/\s+(?=\d{1,2}:\d{2})/)[0] ?? '';
  return DATE_SHAPES.some((shape) => shape.test(first));
}

/** A written day as ISO, in the order the import was given. */
export function readDay(text: string, order: DateOrder): DateResult {
  return parseDate(text, order);
}
