/**
 * `remit report cash`: where the money stands. One row per bank entry (reconciled,
 * unidentified, ignored, returned) and one per remittance whose cash has not come: in
 * transit until its payment date plus bank.window_days, not received after.
 */
import { addDays, daysBetween, isoDay } from '../core/dates.js';
import { formatMinor } from '../core/money.js';
import { minorDigitsOf } from '../parsers/bank/currency.js';
import { companyOf, type PipelineContext } from './context.js';

export interface CashReportRow {
  kind: 'bank-entry' | 'remittance';
  company: string;
  entry_ref: string | null;
  value_date: string | null;
  /** Signed decimal major units (credit > 0). */
  amount: string;
  currency: string;
  status: 'reconciled' | 'unidentified' | 'ignored' | 'returned' | 'in-transit' | 'not-received';
  payer: string | null;
  /** `PAYER|PAYMENT_REF` of each remittance the entry pays or takes back, joined by `;`. */
  payment_refs: string;
  invoice: string | null;
  method: string | null;
  confidence: number | null;
  bank_fee: string | null;
  /** remittance rows: the payment date and the day the cash is expected by. */
  payment_date: string | null;
  expected_by: string | null;
  days_late: number | null;
  debtor: string | null;
  account: string | null;
  entry_id: number | null;
  explanation: string | null;
}

export const CASH_COLUMNS: ReadonlyArray<keyof CashReportRow> = [
  'kind', 'entry_ref', 'value_date', 'amount', 'currency', 'status', 'payer', 'payment_refs', 'invoice', 'method', 'confidence', 'bank_fee',
  'payment_date', 'expected_by', 'days_late', 'debtor', 'account', 'company', 'entry_id', 'explanation',
];

export async function cashReport(ctx: PipelineContext, options: { company?: string } = {}): Promise<CashReportRow[]> {
  const company = options.company ? companyOf(ctx.config, options.company) : undefined;
  const today = isoDay(ctx.clock.now());
  const window = ctx.config.bank.windowDays;
  const rows = await ctx.ledger.bank.cashRows(company);
  return rows.map((r): CashReportRow => {
    const digits = minorDigitsOf(r.currency) ?? 2;
    const base = {
      kind: r.kind, company: r.company, entry_ref: r.entryRef, value_date: r.valueDate, amount: formatMinor(r.amountMinor, digits), currency: r.currency,
      payer: r.payer, payment_refs: r.paymentRefs.join(';'), invoice: r.invoice, method: r.method, confidence: r.confidence,
      bank_fee: r.feeMinor ? formatMinor(r.feeMinor, digits) : null, payment_date: r.paymentDate, debtor: r.debtorName, account: r.accountId, entry_id: r.entryId,
    };
    if (r.kind === 'bank-entry') {
      const pending = r.status === 'pending';
      return {
        ...base, status: pending ? 'unidentified' : (r.status as CashReportRow['status']), expected_by: null, days_late: null,
        explanation: pending ? 'not reconciled yet: run remit reconcile' : r.explanation,
      };
    }
    const expected = addDays(r.paymentDate!, window);
    const late = daysBetween(expected, today);
    return {
      ...base, status: late > 0 ? 'not-received' : 'in-transit', expected_by: expected, days_late: late > 0 ? late : null,
      explanation: late > 0 ? `no credit has paid it ${daysBetween(r.paymentDate!, today)} days after its payment date` : `in transit: expected by ${expected}`,
    };
  });
}
