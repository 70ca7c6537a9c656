/**
 * BAI2 type codes (BAI2 2005, Appendix A "Type Codes",
 * https://www.bai.org/docs/default-source/libraries/site-general-downloads/cash_management_2005.pdf):
 * 001-099 account status, 100-399 credits, 400-699 debits, 700-799 loans (701-719 status,
 * 720-759 credits, 760-799 debits), 890 non-monetary information, 900-999 bank-defined
 * (900-929 status, 930-959 credits, 960-999 debits, per BAI's FAQ,
 * http://secure.bai.org/about-bai/reporting-codes/faq.aspx).
 */

export type Bai2Direction = 'credit' | 'debit' | 'status' | 'non-monetary';

/** What a 3-digit type code is; undefined for text that is not one. */
export function bai2Direction(code: string): Bai2Direction | undefined {
  if (!/^\d{3}$/.test(code)) return undefined;
  const n = Number(code);
  if (n === 890) return 'non-monetary';
  if (n >= 1 && n <= 99) return 'status';
  if (n >= 100 && n <= 399) return 'credit';
  if (n >= 400 && n <= 699) return 'debit';
  if (n >= 701 && n <= 719) return 'status';
  if (n >= 720 && n <= 759) return 'credit';
  if (n >= 760 && n <= 799) return 'debit';
  if (n >= 900 && n <= 929) return 'status';
  if (n >= 930 && n <= 959) return 'credit';
  if (n >= 960 && n <= 999) return 'debit';
  return undefined;
}

/** Summary codes of the 03 record that total the detail: 100 total credits, 400 total debits. */
export const TOTAL_CREDITS = '100';
export const TOTAL_DEBITS = '400';
/** Balance codes: 010 opening ledger, 015 closing ledger, 040 opening available, 045 closing available. */
export const OPENING_LEDGER = '010';
export const CLOSING_LEDGER = '015';
export const OPENING_AVAILABLE = '040';
export const CLOSING_AVAILABLE = '045';

/**
 * Deposits whose text may count their items: 115 lockbox deposit, 173 bank-prepared deposit,
 * 174 other deposit, 175 check deposit package, 176 re-presented check deposit, 184 draft
 * deposit, 187 cash letter credit, 301 commercial deposit.
 */
export const DEPOSIT_CODES: ReadonlySet<string> = new Set(['115', '173', '174', '175', '176', '184', '187', '301']);

/** Checks paid: the customer reference field holds the check serial number (474 certified, 475 check paid). */
export const CHECK_PAID_CODES: ReadonlySet<string> = new Set(['474', '475']);
