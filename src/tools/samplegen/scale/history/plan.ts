/**
 * The shape of a year of ledger history: payments of 50-500 lines spread over 365 days
 * and the 20 scale payers, numbered so every later table can be derived from a line's id.
 */
import { Random } from '../../random.js';
import { Calendar } from '../calendar.js';
import { SCALE_PAYERS } from '../payers.js';

export const HISTORY_START = '2025-11-01';
export const HISTORY_DAYS = 365;
/** Payments of the last days are matched but not yet in a journal. */
export const UNEXPORTED_FROM_DAY = 362;
/** Lines a person must look at (review or unapplied), whatever the size: what is pending, not history. */
export const EXCEPTION_LINES = 300;
export const REVIEW_PAYMENTS = 20;
export const FAILED_DOCUMENTS = 5;

export interface PlannedPayment {
  id: number;
  firstLine: number;
  lineCount: number;
  day: number;
  payer: string;
  paymentDate: string;
  invoiceDate: string;
  dueDate: string;
}

export interface HistoryPlan {
  lines: number;
  payments: PlannedPayment[];
  /** First line id of the last 30 days, and the step between exception lines from there. */
  exceptionFrom: number;
  exceptionStep: number;
  calendar: Calendar;
}

export function planHistory(lines: number, seed = 11): HistoryPlan {
  const random = new Random(seed);
  const calendar = new Calendar(HISTORY_START, HISTORY_DAYS + 60);
  const payments: PlannedPayment[] = [];
  let firstLine = 1;
  while (firstLine <= lines) {
    const lineCount = Math.min(random.int(50, 500), lines - firstLine + 1);
    const day = Math.min(HISTORY_DAYS - 1, Math.floor((HISTORY_DAYS * (firstLine - 1)) / lines));
    payments.push({
      id: payments.length + 1,
      firstLine,
      lineCount,
      day,
      payer: SCALE_PAYERS[random.int(0, SCALE_PAYERS.length - 1)]!.code,
      paymentDate: calendar.day(30 + day),
      invoiceDate: calendar.day(30 + day - 25),
      dueDate: calendar.day(30 + day + 5),
    });
    firstLine += lineCount;
  }
  const recent = payments.find((p) => p.day >= HISTORY_DAYS - 30) ?? payments[0]!;
  const recentLines = lines - recent.firstLine + 1;
  return { lines, payments, exceptionFrom: recent.firstLine, exceptionStep: Math.max(1, Math.floor(recentLines / EXCEPTION_LINES)), calendar };
}
