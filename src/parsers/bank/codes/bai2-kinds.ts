/**
 * BAI2 detail type codes by kind of money (names from BAI2 2005 Appendix A, "Type Codes",
 * https://www.bai.org/docs/default-source/libraries/site-general-downloads/cash_management_2005.pdf).
 * Codes not listed fall back to their range: 100-399 and 720-759, 930-959 other credit;
 * 400-699 and 760-799, 960-999 other debit.
 */
import { bai2Direction } from './bai2-codes.js';
import type { CodeMeaning } from './kinds.js';

export const BAI2_LIST = 'BAI2 type codes (BAI2 2005 Appendix A)';

const TABLE: Record<string, CodeMeaning> = {
  // customer receipts
  '115': { kind: 'customer-receipt', channel: 'lockbox', meaning: 'lockbox deposit' },
  '116': { kind: 'customer-receipt', channel: 'lockbox', meaning: 'item in lockbox deposit' },
  '121': { kind: 'customer-receipt', channel: 'ach', meaning: 'EDI transaction credit' },
  '122': { kind: 'customer-receipt', channel: 'ach', meaning: 'EDIBANX credit received' },
  '142': { kind: 'customer-receipt', channel: 'ach', meaning: 'ACH credit received' },
  '143': { kind: 'customer-receipt', channel: 'ach', meaning: 'item in ACH deposit' },
  '164': { kind: 'customer-receipt', channel: 'ach', meaning: 'corporate trade payment credit' },
  '165': { kind: 'customer-receipt', channel: 'ach', meaning: 'preauthorized ACH credit' },
  '169': { kind: 'customer-receipt', channel: 'ach', meaning: 'miscellaneous ACH credit' },
  '173': { kind: 'customer-receipt', channel: 'check-deposit', meaning: 'bank-prepared deposit' },
  '174': { kind: 'customer-receipt', channel: 'check-deposit', meaning: 'other deposit' },
  '175': { kind: 'customer-receipt', channel: 'check-deposit', meaning: 'check deposit package' },
  '176': { kind: 'customer-receipt', channel: 'check-deposit', meaning: 're-presented check deposit' },
  '184': { kind: 'customer-receipt', channel: 'check-deposit', meaning: 'draft deposit' },
  '191': { kind: 'customer-receipt', channel: 'book-transfer', meaning: 'individual incoming internal money transfer' },
  '195': { kind: 'customer-receipt', channel: 'wire', meaning: 'incoming money transfer' },
  '206': { kind: 'customer-receipt', channel: 'book-transfer', meaning: 'book transfer credit' },
  '208': { kind: 'customer-receipt', channel: 'wire', meaning: 'individual international money transfer credit' },
  '301': { kind: 'customer-receipt', channel: 'check-deposit', meaning: 'commercial deposit' },
  // returns and reversals, both directions
  '123': { kind: 'returned-item', meaning: 'EDIBANX credit return' },
  '252': { kind: 'returned-item', meaning: 'debit reversal' },
  '255': { kind: 'returned-item', meaning: 'check posted and returned' },
  '257': { kind: 'returned-item', meaning: 'individual ACH return item' },
  '258': { kind: 'returned-item', meaning: 'ACH reversal credit' },
  '261': { kind: 'returned-item', meaning: 'individual rejected credit' },
  '266': { kind: 'returned-item', meaning: 'return item' },
  '268': { kind: 'returned-item', meaning: 'return item adjustment' },
  '395': { kind: 'returned-item', meaning: 'check reversal' },
  '423': { kind: 'returned-item', meaning: 'EDIBANX return item debit' },
  '552': { kind: 'returned-item', meaning: 'credit reversal' },
  '555': { kind: 'returned-item', meaning: 'deposited item returned' },
  '557': { kind: 'returned-item', meaning: 'individual ACH return item' },
  '558': { kind: 'returned-item', meaning: 'ACH reversal debit' },
  '561': { kind: 'returned-item', meaning: 'individual rejected debit' },
  '566': { kind: 'returned-item', meaning: 'return item' },
  '568': { kind: 'returned-item', meaning: 'return item adjustment' },
  '694': { kind: 'returned-item', meaning: 'deposit reversal' },
  '695': { kind: 'returned-item', meaning: 'deposit correction debit' },
  // the bank's fees and interest
  '398': { kind: 'bank-fee', meaning: 'miscellaneous fee refund' },
  '564': { kind: 'bank-fee', meaning: 'overdraft fee' },
  '567': { kind: 'bank-fee', meaning: 'return item fee' },
  '661': { kind: 'bank-fee', meaning: 'account analysis fee' },
  '698': { kind: 'bank-fee', meaning: 'miscellaneous fees' },
  '346': { kind: 'interest', meaning: 'sweep interest income' },
  '354': { kind: 'interest', meaning: 'interest credit' },
  '359': { kind: 'interest', meaning: 'interest adjustment credit' },
  '654': { kind: 'interest', meaning: 'interest debit' },
  '659': { kind: 'interest', meaning: 'interest adjustment debit' },
  // the company's own payments
  '373': { kind: 'payroll', meaning: 'customer payroll (credit)' },
  '673': { kind: 'payroll', meaning: 'customer payroll' },
  '474': { kind: 'vendor-payment', meaning: 'certified check debit' },
  '475': { kind: 'vendor-payment', meaning: 'check paid' },
  '491': { kind: 'vendor-payment', meaning: 'individual outgoing internal money transfer' },
  '493': { kind: 'vendor-payment', meaning: 'customer terminal initiated money transfer' },
  '495': { kind: 'vendor-payment', meaning: 'outgoing money transfer' },
  '506': { kind: 'vendor-payment', meaning: 'book transfer debit' },
  '508': { kind: 'vendor-payment', meaning: 'individual international money transfer debit' },
  '451': { kind: 'other-debit', meaning: 'ACH debit received' },
  '455': { kind: 'other-debit', meaning: 'preauthorized ACH debit' },
  '466': { kind: 'other-debit', meaning: 'ACH settlement' },
  '399': { kind: 'other-credit', meaning: 'miscellaneous credit' },
  '699': { kind: 'other-debit', meaning: 'miscellaneous debit' },
};

export function bai2Kind(code: string): CodeMeaning | undefined {
  const listed = TABLE[code];
  if (listed) return listed;
  const direction = bai2Direction(code);
  if (direction === 'credit') return { kind: 'other-credit', meaning: 'a credit code with no kind of its own here' };
  if (direction === 'debit') return { kind: 'other-debit', meaning: 'a debit code with no kind of its own here' };
  return undefined;
}
