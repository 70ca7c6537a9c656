/**
 * The payment-application model, for formats that apply cash to invoices in the ERP itself
 * (a NetSuite customer payment, an SAP lockbox check): per payment its customer, reference,
 * date and amount = applied + unapplied, and the invoices it pays with the cash and discount
 * on each. What such a screen cannot carry (deductions, write-offs, overpayments taken in,
 * deductions without an invoice, every change after an export) goes into a residual journal
 * against the customer's receivable, so the ERP ends up with the same money as the journal.
 */
import { RemitError } from '../core/errors.js';
import { displayMinor, type Minor } from '../core/money.js';
import { assertBalanced } from './posting-entry.js';
import type { AccountRole, ErpCustomer, PostingAccounts, PostingEntry, PostingLine } from './posting.js';

export interface AppliedReduction {
  kind: 'deduction' | 'write-off';
  /** remit reason code for a deduction; `write-off` for a short payment written off. */
  reasonCode: string;
  amountMinor: Minor;
}

export interface AppliedInvoice {
  invoice: string;
  /** Cash applied to it (never more than it settles: an overpayment taken in stays unapplied and goes to the residual journal). */
  cashMinor: Minor;
  /** Discount taken, where the format carries discounts (else 0 and in the residual journal). */
  discountMinor: Minor;
  /** Deductions and short payments written off on it, where the format carries them (else empty and in the residual journal). */
  reductions: AppliedReduction[];
}

export interface PaymentApplication {
  documentNo: string;
  company: string;
  customer: ErpCustomer;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  postingDate: string;
  currency: string;
  /** The cash received: appliedMinor + unappliedMinor. */
  amountMinor: Minor;
  appliedMinor: Minor;
  unappliedMinor: Minor;
  invoices: AppliedInvoice[];
}

/** What a format's payment screen can carry besides cash applied to invoices. */
export interface ApplicationCapabilities {
  discounts: boolean;
  /** Deductions and positive write-offs that name an invoice. */
  invoiceReductions: boolean;
}

export interface ApplicationSplit {
  /** Null for a late entry: changes after an export are never a new payment. */
  application: PaymentApplication | null;
  /** The rest, as a balanced journal against the customer's receivable; null when nothing is left. */
  journal: PostingEntry | null;
}

/**
 * Split a posting entry into a payment application and the residual journal. In these ERPs
 * unapplied cash is an open credit of the customer, so the journal's unapplied-cash lines
 * post to the receivable account, with the customer.
 */
export function splitForApplication(entry: PostingEntry, accounts: PostingAccounts, can: ApplicationCapabilities): ApplicationSplit {
  if (entry.kind !== 'payment') {
    const lines = entry.lines.map((l) => (l.role === 'unapplied' ? { ...l, account: accounts.receivable } : { ...l }));
    return { application: null, journal: residual(entry, lines) };
  }
  const byInvoice = new Map<string, AppliedInvoice>();
  const invoiceOf = (invoice: string): AppliedInvoice => {
    let found = byInvoice.get(invoice);
    if (!found) {
      found = { invoice, cashMinor: 0, discountMinor: 0, reductions: [] };
      byInvoice.set(invoice, found);
    }
    return found;
  };
  const lines: PostingLine[] = [];
  const pair = (debitRole: AccountRole, debitAccount: string, creditRole: AccountRole, creditAccount: string, amount: Minor, invoice: string | null, memo: string, debitCustomer: boolean): void => {
    if (amount === 0) return;
    const [dr, cr] = amount > 0 ? [{ role: debitRole, account: debitAccount, customer: debitCustomer }, { role: creditRole, account: creditAccount, customer: !debitCustomer }]
      : [{ role: creditRole, account: creditAccount, customer: !debitCustomer }, { role: debitRole, account: debitAccount, customer: debitCustomer }];
    const value = Math.abs(amount);
    lines.push({ lineNo: 0, role: dr.role, account: dr.account, debitMinor: value, creditMinor: 0, customer: dr.customer ? entry.customer : null, invoice, memo });
    lines.push({ lineNo: 0, role: cr.role, account: cr.account, debitMinor: 0, creditMinor: value, customer: cr.customer ? entry.customer : null, invoice, memo });
  };

  for (const s of entry.settlements) {
    const settled = s.cashMinor + s.discountMinor + s.deductionMinor + s.writeOffMinor;
    if (s.reversesId !== null || settled < 0 || s.cashMinor < 0) {
      throw new RemitError('gl-application', `payment ${entry.paymentRef} (${entry.payer}): application ${s.applicationId} undoes another before the payment was first exported`, {
        hint: 'export this payment with a journal format, or apply it again before exporting',
      });
    }
    const target = invoiceOf(s.invoice);
    // An overpayment taken in is cash beyond what the invoice needs: it stays unapplied on the payment.
    target.cashMinor += s.cashMinor + Math.min(s.writeOffMinor, 0);
    if (s.writeOffMinor < 0) {
      // It leaves the customer's unapplied credit, not the invoice: the line names the invoice in its memo only.
      pair('receivable', accounts.receivable, 'write-off', accounts.writeOff, -s.writeOffMinor, null, `small overpayment on ${s.invoice} taken in from the payment's unapplied amount`, true);
    }
    if (can.discounts) target.discountMinor += s.discountMinor;
    else pair('discount', accounts.discount, 'receivable', accounts.receivable, s.discountMinor, s.invoice, `discount taken on ${s.invoice}: apply this credit to ${s.invoice}`, false);
    if (s.writeOffMinor > 0) {
      if (can.invoiceReductions) target.reductions.push({ kind: 'write-off', reasonCode: 'write-off', amountMinor: s.writeOffMinor });
      else pair('write-off', accounts.writeOff, 'receivable', accounts.receivable, s.writeOffMinor, s.invoice, `short payment written off on ${s.invoice}: apply this credit to ${s.invoice}`, false);
    }
  }
  for (const d of entry.deductions) {
    const account = accounts.deductions[d.reasonCode] ?? accounts.deductions['default'];
    if (account === undefined) throw new RemitError('gl-account', `no account for deductions of reason ${d.reasonCode}`, { hint: 'set gl.deductions.default in remit.yaml' });
    if (d.invoice !== null && can.invoiceReductions && d.amountMinor > 0 && byInvoice.has(d.invoice)) {
      invoiceOf(d.invoice).reductions.push({ kind: 'deduction', reasonCode: d.reasonCode, amountMinor: d.amountMinor });
      continue;
    }
    const memo = d.invoice !== null ? `deduction ${d.reasonCode} on ${d.invoice}: apply this credit to ${d.invoice}` : `deduction ${d.reasonCode} kept from payment ${entry.paymentRef} (line ${d.lineNo})`;
    pair(`deduction:${d.reasonCode}`, account, 'receivable', accounts.receivable, d.amountMinor, d.invoice, memo, false);
  }

  const invoices = [...byInvoice.values()];
  // A payment screen applies at most the cash it brings. When money the payer kept without an
  // invoice (a chargeback line, a shortfall not coded yet) makes the invoices settle more than
  // that, the last invoices are left open by the difference and the journal moves the
  // customer's credit (the deduction's) onto them.
  let excess = invoices.reduce((sum, i) => sum + i.cashMinor, 0) - entry.cashMinor;
  for (let k = invoices.length - 1; k >= 0 && excess > 0; k -= 1) {
    const target = invoices[k]!;
    const moved = Math.min(excess, target.cashMinor);
    if (moved <= 0) continue;
    target.cashMinor -= moved;
    excess -= moved;
    pair('receivable', accounts.receivable, 'receivable', accounts.receivable, moved, target.invoice,
      `the payment leaves ${displayMinor(moved)} of ${target.invoice} open: apply the customer's credit (money kept from payment ${entry.paymentRef}) to ${target.invoice}`, true);
    // The pair's debit is the customer's credit used, with no invoice; its credit closes the invoice.
    lines[lines.length - 2]!.invoice = null;
  }
  const applied = invoices.reduce((sum, i) => sum + i.cashMinor, 0);
  const unapplied = entry.cashMinor - applied;
  if (unapplied < 0 || invoices.some((i) => i.cashMinor < 0)) {
    throw new RemitError('gl-application', `payment ${entry.paymentRef} (${entry.payer}) applies ${displayMinor(applied)} but brings ${displayMinor(entry.cashMinor)}: a payment screen cannot apply more than the payment`, {
      hint: 'export this payment with a journal format',
    });
  }
  const application: PaymentApplication = {
    documentNo: entry.documentNo, company: entry.company, customer: entry.customer, payer: entry.payer, paymentRef: entry.paymentRef,
    paymentDate: entry.paymentDate, postingDate: entry.postingDate, currency: entry.currency,
    amountMinor: entry.cashMinor, appliedMinor: applied, unappliedMinor: unapplied, invoices,
  };
  return { application, journal: lines.length === 0 ? null : residual(entry, lines) };
}

function residual(entry: PostingEntry, lines: PostingLine[]): PostingEntry {
  const journal: PostingEntry = {
    ...entry,
    documentNo: entry.kind !== 'payment' ? entry.documentNo : `${entry.documentNo}-J`,
    memo: entry.kind !== 'payment' ? entry.memo : `what payment ${entry.paymentRef} from ${entry.payer} settles besides cash`,
    lines: lines.map((l, k) => ({ ...l, lineNo: k + 1 })),
    cashMinor: 0,
  };
  assertBalanced(journal);
  return journal;
}
