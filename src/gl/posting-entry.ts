/**
 * Build the posting entry of one remittance (see posting.ts). A payment not exported before:
 *   Dr clearing (cash received)            Cr receivable, per invoice settled (customer, invoice)
 *   Dr discount / write-off / deductions   Cr unapplied cash of the customer (lines not applied)
 * A payment with a line still awaiting review is not posted at all (`awaitingReview`): its
 * cash is not yet unapplied cash, it is undecided; the export holds it until review is done.
 * A payment already exported posts only what changed since (applications made later,
 * reversals, deductions coded later) against the customer's unapplied cash. Every entry is
 * dated on the posting date, never in a closed period, and balances to the cent.
 */
import { ExitCode, RemitError } from '../core/errors.js';
import { addDays, parseDate } from '../core/dates.js';
import { displayMinor } from '../core/money.js';
import { UnbalancedJournalError } from './journal.js';
import type { AccountRole, ErpCustomer, PostedDeduction, PostedSettlement, PostedUnapplied, PostingAccounts, PostingContext, PostingEntry, PostingLine } from './posting.js';
import type { PostableRemittance } from './types.js';

export const DEFAULT_DOCUMENT_PREFIX = 'RM';

/** Refuse a posting date that is not a date, or that falls on or before `closedThrough`. */
export function checkPostingDate(postingDate: string, closedThrough?: string): void {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(postingDate) ? parseDate(postingDate, 'ymd') : undefined;
  if (!parsed?.ok || parsed.iso !== postingDate) {
    throw new RemitError('posting-date', `posting date "${postingDate}" is not a YYYY-MM-DD date`, { exitCode: ExitCode.usage, hint: 'pass --posting-date YYYY-MM-DD' });
  }
  if (closedThrough !== undefined && postingDate <= closedThrough) {
    throw new RemitError('closed-period', `posting date ${postingDate} falls in a closed period (gl.closed_through: ${closedThrough}); nothing was written`, {
      exitCode: ExitCode.usage,
      hint: `pass --posting-date ${addDays(closedThrough, 1)} or later, or move gl.closed_through in remit.yaml if that period was reopened`,
    });
  }
}

/** The ERP customer of a payer: the mapped one, else the customer of the same id with no name. */
export function erpCustomer(payer: string, customers: PostingContext['customers']): ErpCustomer {
  const mapped = Object.prototype.hasOwnProperty.call(customers, payer) ? customers[payer] : undefined;
  return { payer, id: mapped?.id ?? payer, name: mapped?.name ?? null };
}

/** The document number of a remittance's entry: from ledger ids only, so a re-export repeats it. */
export function documentNumber(remittance: PostableRemittance, prefix = DEFAULT_DOCUMENT_PREFIX): string {
  if (!remittance.late) return `${prefix}${remittance.id}`;
  const firstApplication = minId(remittance.applications.map((a) => a.id));
  if (firstApplication !== undefined) return `${prefix}${remittance.id}-A${firstApplication}`;
  const firstDeduction = minId(remittance.deductions.map((d) => d.id));
  if (firstDeduction !== undefined) return `${prefix}${remittance.id}-D${firstDeduction}`;
  throw new RemitError('gl-empty', `payment ${remittance.paymentRef} (${remittance.payer}) is marked as changed since its export but posts nothing`, {
    hint: 'this is a bug in remit or a damaged ledger: report it',
  });
}

/**
 * A remittance without the applications and deductions that an unexported reversal undoes
 * together with it: both are new since the last export and cancel to the cent, so neither is
 * posted (a payment screen could not carry the pair). The ledger still marks both exported.
 */
export function netOfUndone(remittance: PostableRemittance): PostableRemittance {
  const undoneApplications = new Set(remittance.applications.map((a) => a.reversesId).filter((id): id is number => id != null));
  const undoneDeductions = new Set(remittance.deductions.map((d) => d.reversesId).filter((id): id is number => id != null));
  const present = new Set(remittance.applications.map((a) => a.id));
  const presentDeductions = new Set(remittance.deductions.map((d) => d.id));
  return {
    ...remittance,
    applications: remittance.applications.filter((a) => !(undoneApplications.has(a.id) || (a.reversesId != null && present.has(a.reversesId)))),
    deductions: remittance.deductions.filter((d) => !(undoneDeductions.has(d.id) || (d.reversesId != null && presentDeductions.has(d.reversesId)))),
  };
}

/** The lines of a payment not exported yet that still wait for a person (a late entry never has any: its lines were posted). */
export function awaitingReview(remittance: PostableRemittance): Array<{ lineNo: number; reference: string }> {
  if (remittance.late) return [];
  return remittance.lines.filter((l) => l.status === 'review').map((l) => ({ lineNo: l.lineNo, reference: l.reference }));
}

/** The balanced posting entry of one remittance. Throws when it does not balance, the date is closed or a line awaits review. */
export function buildPostingEntry(remittance: PostableRemittance, context: PostingContext): PostingEntry {
  checkPostingDate(context.postingDate, context.closedThrough);
  const waiting = awaitingReview(remittance);
  if (waiting.length > 0) {
    throw new RemitError('gl-review', `payment ${remittance.paymentRef} (${remittance.payer}) has ${waiting.length} line(s) awaiting review (line ${waiting[0]!.lineNo}); it is not posted until they are decided`, {
      hint: 'run remit review, then export again',
    });
  }
  const customer = erpCustomer(remittance.payer, context.customers);
  const late = remittance.late === true;
  const lines: PostingLine[] = [];
  const accounts = context.accounts;
  const post = (role: AccountRole, amount: number, side: 'debit' | 'credit', invoice: string | null, memo: string, withCustomer: boolean): void => {
    if (amount === 0) return;
    // A negative debit is a credit: both columns stay non-negative for every ERP import.
    const debit = (side === 'debit') === amount > 0;
    lines.push({
      lineNo: lines.length + 1, role, account: accountOf(role, accounts, remittance), debitMinor: debit ? Math.abs(amount) : 0,
      creditMinor: debit ? 0 : Math.abs(amount), customer: withCustomer ? customer : null, invoice, memo,
    });
  };

  const settlements = remittance.applications.map((a): PostedSettlement => ({
    applicationId: a.id, reversesId: a.reversesId ?? null, lineNo: a.lineNo, invoice: a.invoiceNumber,
    cashMinor: a.cashMinor, discountMinor: a.discountMinor, deductionMinor: a.deductionMinor, writeOffMinor: a.writeOffMinor,
  }));
  const deductions = remittance.deductions.map((d): PostedDeduction => ({
    deductionId: d.id, reversesId: d.reversesId ?? null, lineNo: d.lineNo, invoice: d.invoiceNumber, reasonCode: d.reasonCode, amountMinor: d.amountMinor,
  }));
  const unapplied: PostedUnapplied[] = late
    ? []
    : remittance.lines.filter((l) => l.unappliedMinor !== 0).map((l) => ({
        lineNo: l.lineNo, reference: l.reference, amountMinor: l.unappliedMinor,
      }));

  if (!late) post('clearing', remittance.totalMinor, 'debit', null, `cash received: ${remittance.paymentRef} from ${remittance.payer}`, false);
  for (const s of settlements) {
    const settled = s.cashMinor + s.discountMinor + s.deductionMinor + s.writeOffMinor;
    const reversal = isReversal(s.reversesId, settled);
    const undoes = s.reversesId !== null ? `application ${s.reversesId}` : 'an earlier application';
    post('receivable', settled, 'credit', s.invoice,
      reversal ? `reverses ${undoes}: ${s.invoice}` : late ? `settles ${s.invoice} from unapplied cash (application ${s.applicationId})` : `settles ${s.invoice} (line ${s.lineNo})`, true);
    post('discount', s.discountMinor, 'debit', s.invoice, reversal ? `reverses the discount of ${undoes} on ${s.invoice}` : `discount taken on ${s.invoice}`, false);
    const writeOffMemo = reversal ? `reverses the write-off of ${undoes} on ${s.invoice}`
      : s.writeOffMinor > 0 ? `short payment written off on ${s.invoice}` : `small overpayment taken in on ${s.invoice}`;
    post('write-off', s.writeOffMinor, 'debit', s.invoice, writeOffMemo, false);
  }
  for (const d of deductions) {
    const reversal = isReversal(d.reversesId, d.amountMinor);
    const what = d.invoice ? `on ${d.invoice}` : `kept from payment ${remittance.paymentRef} (line ${d.lineNo})`;
    const memo = reversal ? `reverses deduction ${d.reversesId ?? ''} ${d.reasonCode} ${what}`.replace('  ', ' ')
      : late ? `deduction ${d.reasonCode} ${what}, coded after export` : `deduction ${d.reasonCode} ${what}`;
    post(`deduction:${d.reasonCode}`, d.amountMinor, 'debit', d.invoice, memo, true);
  }
  if (late) {
    // The cash sits in unapplied cash since the first export: what is applied now (or undone) moves out of (or back into) it.
    const balance = lines.reduce((sum, l) => sum + l.creditMinor - l.debitMinor, 0);
    post('unapplied', balance, 'debit', null, balance > 0 ? 'applied from unapplied cash' : 'moved to unapplied cash', true);
  } else {
    for (const u of unapplied) {
      const memo = u.amountMinor < 0
        ? `payer kept ${displayMinor(-u.amountMinor)} on line ${u.lineNo} "${u.reference}", not yet coded as a deduction`
        : `unapplied cash: line ${u.lineNo} "${u.reference}"`;
      post('unapplied', u.amountMinor, 'credit', null, memo, true);
    }
  }

  const entry: PostingEntry = {
    documentNo: documentNumber(remittance, context.documentPrefix ?? DEFAULT_DOCUMENT_PREFIX),
    kind: late ? 'late' : 'payment', company: context.company, remittanceId: remittance.id,
    postingDate: context.postingDate, paymentDate: remittance.paymentDate, paymentRef: remittance.paymentRef,
    payer: remittance.payer, customer, currency: remittance.currency,
    memo: late ? `changes to payment ${remittance.paymentRef} from ${remittance.payer} after export` : `payment ${remittance.paymentRef} from ${remittance.payer}`,
    lines, cashMinor: late ? 0 : remittance.totalMinor, settlements, deductions, unapplied,
  };
  assertBalanced(entry);
  return entry;
}

/** Every entry must balance: otherwise nothing is written. */
export function assertBalanced(entry: PostingEntry): void {
  let debit = 0;
  let credit = 0;
  for (const line of entry.lines) {
    debit += line.debitMinor;
    credit += line.creditMinor;
  }
  if (debit !== credit) {
    throw new UnbalancedJournalError(
      `payment ${entry.paymentRef} (${entry.payer}) entry ${entry.documentNo} does not balance: debits ${displayMinor(debit)}, credits ${displayMinor(credit)}`,
    );
  }
}

function isReversal(reversesId: number | null, amount: number): boolean {
  return reversesId !== null || amount < 0;
}

function minId(ids: number[]): number | undefined {
  let min: number | undefined;
  for (const id of ids) if (min === undefined || id < min) min = id;
  return min;
}

function accountOf(role: AccountRole, accounts: PostingAccounts, remittance: PostableRemittance): string {
  switch (role) {
    case 'clearing': return accounts.clearing;
    case 'receivable': return accounts.receivable;
    case 'unapplied': return accounts.unapplied;
    case 'discount': return accounts.discount;
    case 'write-off': return accounts.writeOff;
    case 'bank':
    case 'bank-fee': {
      const account = role === 'bank' ? accounts.bank : accounts.bankFee;
      if (account === undefined) throw new RemitError('gl-account', `no ${role} account is set`, { hint: `set gl.${role === 'bank' ? 'bank' : 'bank_fees'} in remit.yaml` });
      return account;
    }
    default: {
      const reason = role.slice('deduction:'.length);
      const account = accounts.deductions[reason] ?? accounts.deductions['default'];
      if (account === undefined) {
        throw new RemitError('gl-account', `payment ${remittance.paymentRef} (${remittance.payer}): no account for deductions of reason ${reason}`, {
          hint: 'set gl.deductions.default (or one for that reason) in remit.yaml',
        });
      }
      return account;
    }
  }
}
