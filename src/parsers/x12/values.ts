/**
 * X12 data element types as remit reads them: R (decimal number) amounts and DT dates.
 * Kept strict on purpose: `1,234.00` is not an X12 number, and guessing would hide a
 * sender's bug from the operator.
 */
import { parseAmount, type AmountResult } from '../../core/money.js';
import { parseDate, type DateResult } from '../../core/dates.js';

/** R type: optional minus, digits, optional decimal point; `4610` = 4610.00, `55722.1` = 55722.10. */
const R_TYPE = /^-?(?:\d+\.?\d*|\.\d+)$/;

/** An X12 R amount in minor units (cents). */
export function readAmount(text: string): AmountResult {
  if (!R_TYPE.test(text)) return { ok: false, reason: `not an X12 amount: "${text.slice(0, 40)}"` };
  return parseAmount(text);
}

/** Two-digit years below this are 20YY, the rest 19YY: 003030 files from 1996 and from 2024 both exist. */
const CENTURY_PIVOT = 50;

/** An X12 DT date: CCYYMMDD (4010 and later) or YYMMDD (3030 and earlier) to ISO. */
export function readDate(text: string): DateResult {
  if (/^\d{8}$/.test(text)) return parseDate(text, 'ymd');
  if (/^\d{6}$/.test(text)) {
    const century = Number(text.slice(0, 2)) < CENTURY_PIVOT ? '20' : '19';
    return parseDate(`${century}${text}`, 'ymd');
  }
  return { ok: false, reason: `not an X12 date: "${text.slice(0, 40)}"` };
}
