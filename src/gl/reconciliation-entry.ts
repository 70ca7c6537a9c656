/**
 * The posting entry of one reconciled bank entry (see posting.ts), dated on the posting date
 * like every entry (never in a closed period):
 *   cash of remittances   Dr bank (what the bank credited)   Cr clearing, per remittance (its total)
 *   a wire fee            Dr bank fees                        (within the clearing credits above)
 *   no remittance         Dr bank                             Cr unapplied cash of the payer
 *   a return              Dr clearing, per remittance         Cr bank
 * Every line's memo carries the bank reference, and the remittance's payment reference where
 * there is one, so the GL traces back to the statement and the payment.
 */
import { RemitError } from '../core/errors.js';
import { displayMinor, type Minor } from '../core/money.js';
import type { PostableReconciliation } from '../domain/bank.js';
import { assertBalanced, checkPostingDate, DEFAULT_DOCUMENT_PREFIX, erpCustomer } from './posting-entry.js';
import type { AccountRole, PostingContext, PostingEntry, PostingLine } from './posting.js';

export function buildReconciliationEntry(rec: PostableReconciliation, context: PostingContext): PostingEntry {
  checkPostingDate(context.postingDate, context.closedThrough);
  const bankRef = rec.bankRef ?? `entry ${rec.entryId}`;
  const payer = rec.payer ?? rec.remittances[0]?.payer ?? '';
  const customer = erpCustomer(payer, context.customers);
  const bank = context.accounts.bankAccounts?.[rec.accountId] ?? context.accounts.bank;
  if (bank === undefined) {
    throw new RemitError('gl-account', `bank entry ${bankRef} of account ${rec.accountId} is reconciled but account ${rec.accountId} has no GL account`, {
      hint: `set companies.${context.company}.gl.bank (or gl.bank_accounts.${rec.accountId}) in remit.yaml`,
    });
  }
  const lines: PostingLine[] = [];
  const post = (role: AccountRole, account: string | undefined, amount: Minor, side: 'debit' | 'credit', memo: string, withCustomer: boolean): void => {
    if (amount === 0) return;
    if (account === undefined) {
      throw new RemitError('gl-account', `bank entry ${bankRef} has a fee of ${displayMinor(amount)} but no bank fees account is set`, {
        hint: `set companies.${context.company}.gl.bank_fees in remit.yaml`,
      });
    }
    const debit = (side === 'debit') === amount > 0;
    lines.push({
      lineNo: lines.length + 1, role, account, debitMinor: debit ? Math.abs(amount) : 0, creditMinor: debit ? 0 : Math.abs(amount),
      customer: withCustomer ? customer : null, invoice: null, memo,
    });
  };
  const cash = Math.abs(rec.amountMinor);
  const refs = rec.remittances.map((r) => r.paymentRef);
  const returned = rec.status === 'returned';
  post('bank', bank, cash, returned ? 'credit' : 'debit',
    `${returned ? 'returned' : 'received'} at the bank: ${bankRef}${refs.length > 0 ? ` for ${refs.join(', ')}` : ''}`, false);
  post('bank-fee', context.accounts.bankFee, rec.feeMinor, 'debit', `bank fee on ${bankRef}${refs.length > 0 ? ` for ${refs.join(', ')}` : ''}`, false);
  if (rec.remittances.length > 0) {
    for (const r of rec.remittances) {
      post('clearing', context.accounts.clearing, Math.abs(r.amountMinor), returned ? 'debit' : 'credit',
        `${returned ? 'returned' : 'cleared'}: ${r.paymentRef} from ${r.payer}, bank ${bankRef}`, false);
    }
  } else if (returned) {
    post('clearing', context.accounts.clearing, cash, 'debit', `returned: bank ${bankRef}, no payment named`, false);
  } else {
    const why = rec.invoiceNumber ? `, its amount that of open invoice ${rec.invoiceNumber}` : '';
    post('unapplied', context.accounts.unapplied, cash, 'credit', `unapplied cash of ${payer}: bank ${bankRef}, no remittance${why}`, true);
  }
  const entry: PostingEntry = {
    documentNo: `${context.documentPrefix ?? DEFAULT_DOCUMENT_PREFIX}B${rec.entryId}`, kind: 'bank', company: context.company, remittanceId: 0,
    postingDate: context.postingDate, paymentDate: rec.entryDate, paymentRef: refs[0] ?? bankRef, payer, customer, currency: rec.currency,
    memo: `bank ${bankRef}: ${returned ? 'return' : rec.remittances.length > 0 ? 'cash reconciled' : 'cash with no remittance'}`,
    lines, cashMinor: 0, settlements: [], deductions: [], unapplied: [],
  };
  try {
    assertBalanced(entry);
  } catch {
    throw new RemitError('gl-unbalanced', `bank entry ${bankRef}: the bank's ${displayMinor(cash)} and fee ${displayMinor(rec.feeMinor)} do not equal the payments it pays; nothing was written`, {
      hint: 'check the reconciliation with remit report cash and reconcile again',
    });
  }
  return entry;
}
