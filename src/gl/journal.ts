/**
 * Build balanced journal lines for applied cash, one entry per remittance:
 *   Dr bank clearing (cash received)      Cr accounts receivable (invoices settled)
 *   Dr discounts allowed                   Cr unapplied cash (cash not applied)
 *   Dr write-off (small differences within tolerance; a negative one is a credit)
 *   Dr deductions by reason code
 * Every entry must balance to the cent; otherwise nothing is built.
 */
import { RemitError } from '../core/errors.js';
import { displayMinor } from '../core/money.js';
import type { BaseGlAccounts as GlAccounts } from './settings.js';
import type { JournalLine, PostableRemittance } from './types.js';

export class UnbalancedJournalError extends RemitError {
  constructor(message: string) {
    super('unbalanced', message, { hint: 'nothing was written; this is a bug in remit or a damaged ledger: report it' });
  }
}

export function buildJournal(remittances: PostableRemittance[], accounts: GlAccounts): JournalLine[] {
  const lines: JournalLine[] = [];
  for (const remittance of remittances) for (const line of journalEntry(remittance, accounts, lines.length + 1)) lines.push(line);
  return lines;
}

/**
 * The balanced entry of one remittance, its lines numbered from `firstLineNo`, so a journal
 * can be built (and written) one remittance at a time. Throws when it does not balance.
 */
export function journalEntry(remittance: PostableRemittance, accounts: GlAccounts, firstLineNo: number): JournalLine[] {
  const entry = entryFor(remittance, accounts);
  let debit = 0;
  let credit = 0;
  for (const line of entry) {
    debit += line.debitMinor;
    credit += line.creditMinor;
  }
  if (debit !== credit) {
    throw new UnbalancedJournalError(
      `payment ${remittance.paymentRef} (${remittance.payer}) does not balance: debits ${displayMinor(debit)}, credits ${displayMinor(credit)}`,
    );
  }
  entry.forEach((line, k) => {
    line.lineNo = firstLineNo + k;
  });
  return entry;
}

function entryFor(remittance: PostableRemittance, accounts: GlAccounts): JournalLine[] {
  const { paymentDate: entryDate, currency, payer, paymentRef } = remittance;
  const out: JournalLine[] = [];
  const post = (account: string, amount: number, side: 'debit' | 'credit', invoice: string | null, memo: string): void => {
    if (amount === 0) return;
    // A negative debit is a credit: keep both columns non-negative for every ERP import.
    const debit = (side === 'debit') === amount > 0;
    // Every field written out (no spread): a journal of a year has a million of these.
    out.push({ entryDate, currency, payer, paymentRef, lineNo: 0, account, debitMinor: debit ? Math.abs(amount) : 0, creditMinor: debit ? 0 : Math.abs(amount), invoice, memo });
  };

  if (!remittance.late) post(accounts.bankClearing, remittance.totalMinor, 'debit', null, `cash received ${remittance.payer} ${remittance.paymentRef}`);
  for (const application of remittance.applications) {
    const settled = application.cashMinor + application.discountMinor + application.deductionMinor + application.writeOffMinor;
    post(accounts.accountsReceivable, settled, 'credit', application.invoiceNumber, `line ${application.lineNo} settles ${application.invoiceNumber}`);
    post(accounts.discountsAllowed, application.discountMinor, 'debit', application.invoiceNumber, `discount taken on ${application.invoiceNumber}`);
    post(accounts.writeOff, application.writeOffMinor, 'debit', application.invoiceNumber, `small difference written off on ${application.invoiceNumber}`);
  }
  for (const deduction of remittance.deductions) {
    const account = accounts.deductions[deduction.reasonCode] ?? accounts.deductions['default'] ?? accounts.accountsReceivable;
    post(account, deduction.amountMinor, 'debit', deduction.invoiceNumber, `deduction ${deduction.reasonCode} line ${deduction.lineNo}`);
  }
  if (remittance.late) {
    // The cash was posted to unapplied cash by the first journal; what is now applied (or undone) moves out of (or back into) it.
    const balance = out.reduce((sum, line) => sum + line.creditMinor - line.debitMinor, 0);
    post(accounts.unappliedCash, balance, 'debit', null, `unapplied cash applied later ${remittance.payer} ${remittance.paymentRef}`);
    return out;
  }
  for (const line of remittance.lines) {
    post(accounts.unappliedCash, line.unappliedMinor, 'credit', null, `unapplied cash line ${line.lineNo} "${line.reference}"`);
  }
  return out;
}
