/**
 * Bank entries paired with remittances, in passes, most reliable first; a remittance one
 * pass has paired cannot be taken by a weaker one, and one that two entries could take is
 * left to a person for both (never a guess):
 *
 * 1. not a receipt (fees, interest, payroll, vendor payments, other debits): ignored, listed;
 * 2. reference: the entry carries the remittance's payment reference (EndToEndId, customer
 *    reference, ACH trace / 820 TRN02, cheque number) and the amount is the remittance's,
 *    or a wire's net of a bank fee within the tolerance (the fee recorded);
 * 3. payer and amount: the debtor's name or account is the payer's, and exactly one of its
 *    remittances has the amount;
 * 4. several remittances: a deposit of n cheques (or a payer's one credit) whose sum is the
 *    amount, exactly one way; a deposit with no name and one item by its amount alone;
 * 5. no remittance: the payer from the debtor, then the one open invoice of exactly the
 *    amount; two fits go to a person; none is unapplied cash of that customer;
 * 6. returns: a returned cheque or reversed credit names the remittance it takes back (the
 *    credit's bank reference, the cheque number), which goes back to "cash not received".
 *
 * Every remittance must have its payment date within the window of the entry's value date.
 */
import { daysBetween } from '../core/dates.js';
import { displayMinor, type Minor } from '../core/money.js';
import type { ReconciliationDecision } from '../domain/bank.js';
import { PayerFinder } from './names.js';
import { entryRefKeys, refKey } from './refs.js';
import type { EntryDecision, EntryToReconcile, InvoiceForCash, ReconcileInput, RemittanceForCash } from './types.js';
import { subsetsOfSum } from './subsets.js';

const NOT_RECEIPTS = new Set(['bank-fee', 'interest', 'payroll', 'vendor-payment', 'other-debit']);

interface Work {
  entry: EntryToReconcile;
  keys: Set<string>;
  payer: ReturnType<PayerFinder['find']>;
  /** What a pass saw that a person should know when nothing decides. */
  notes: string[];
}

export function reconcile(input: ReconcileInput): EntryDecision[] {
  const { settings } = input;
  const finder = new PayerFinder(input.payers);
  const received = new Map<number, number>();
  for (const r of input.remittances) received.set(r.id, r.paidBy.reduce((n, p) => n + (p.status === 'reconciled' ? 1 : p.status === 'returned' ? -1 : 0), 0));
  const isOpen = (r: RemittanceForCash) => (received.get(r.id) ?? 0) <= 0;
  /** Entries that paid each remittance, known before this run and paired in it. */
  const paidRefs = new Map<number, string[]>();
  for (const r of input.remittances) paidRefs.set(r.id, r.paidBy.filter((p) => p.status === 'reconciled' && p.bankRef).map((p) => p.bankRef!));
  const takenInvoices = new Set<number>();
  for (const e of input.entries) if (e.decision?.invoice && e.decision.status === 'reconciled') takenInvoices.add(e.decision.invoice.id);

  const decided = new Map<number, ReconciliationDecision>();
  const take = (entry: EntryToReconcile, decision: ReconciliationDecision) => {
    decided.set(entry.id, decision);
    for (const r of decision.remittances) {
      received.set(r.remittanceId, (received.get(r.remittanceId) ?? 0) + (decision.status === 'returned' ? -1 : 1));
      if (decision.status === 'reconciled' && entry.bankRef) paidRefs.get(r.remittanceId)?.push(entry.bankRef);
    }
  };
  const inWindow = (entry: EntryToReconcile, r: RemittanceForCash) => {
    const day = entry.valueDate ?? entry.bookingDate;
    if (!day) return false;
    const lag = daysBetween(r.paymentDate, day);
    return lag >= -settings.earlyDays && lag <= settings.windowDays;
  };
  const open = (entry: EntryToReconcile) => input.remittances.filter((r) => r.currency === entry.currency && isOpen(r) && inWindow(entry, r));

  const todo = input.entries.filter((e) => !e.decision || e.decision.status === 'unidentified');
  const credits: Work[] = [];
  const returns: Work[] = [];
  for (const entry of todo) {
    const credit = entry.amountMinor > 0;
    if (entry.kind === 'returned-item' && !credit) returns.push(work(entry, finder));
    else if (!credit || NOT_RECEIPTS.has(entry.kind) || entry.kind === 'returned-item') {
      decided.set(entry.id, { status: 'ignored', method: 'not-a-receipt', confidence: 1, explanation: `not a customer receipt: ${entry.kindExplanation}`, remittances: [], feeMinor: 0 });
    } else credits.push(work(entry, finder));
  }

  // 2. reference (and 3. payer and amount): found for every credit first, so a remittance two credits could take goes to neither.
  for (const pass of [byReference, byPayerAndAmount]) {
    const found = new Map<Work, Pairing>();
    const claims = new Map<number, number>();
    for (const w of credits) {
      if (decided.has(w.entry.id)) continue;
      const pairing = pass(w, open(w.entry), settings.feeToleranceMinor);
      if (!pairing) continue;
      found.set(w, pairing);
      claims.set(pairing.remittance.id, (claims.get(pairing.remittance.id) ?? 0) + 1);
    }
    for (const [w, pairing] of found) {
      const r = pairing.remittance;
      if ((claims.get(r.id) ?? 0) > 1) {
        w.notes.push(`${r.payer}|${r.paymentRef} fits this entry and another one`);
        continue;
      }
      take(w.entry, {
        status: 'reconciled', method: pairing.method, confidence: pairing.confidence, explanation: pairing.explanation, payer: r.payer,
        remittances: [{ remittanceId: r.id, amountMinor: r.totalMinor }], feeMinor: pairing.feeMinor,
      });
    }
  }

  // 4. several remittances of one payer (a deposit of cheques), or a nameless deposit of one item by its amount.
  for (const w of credits) {
    if (decided.has(w.entry.id)) continue;
    const decision = bySeveral(w, open(w.entry), settings.maxDepositItems);
    if (decision) take(w.entry, decision);
  }

  // 5. no remittance: the one open invoice of exactly that amount, else unapplied cash of the customer.
  for (const w of credits) {
    if (decided.has(w.entry.id)) continue;
    const decision = noRemittance(w, input.invoices, takenInvoices);
    if (decision.invoice) takenInvoices.add(decision.invoice.id);
    decided.set(w.entry.id, decision);
  }

  // 6. returns, after the credits they may take back were paired.
  for (const w of returns) decided.set(w.entry.id, byReturn(w, input.remittances, received, paidRefs));

  return todo.map((entry) => {
    const decision = decided.get(entry.id)!;
    return { entryId: entry.id, decision, unchanged: entry.decision !== undefined && sameDecision(entry.decision, decision) };
  });
}

function work(entry: EntryToReconcile, finder: PayerFinder): Work {
  return { entry, keys: entryRefKeys(entry), payer: finder.find(entry), notes: [] };
}

interface Pairing {
  remittance: RemittanceForCash;
  method: string;
  confidence: number;
  explanation: string;
  feeMinor: Minor;
}

const knownPayer = (w: Work): string | undefined => (w.payer && 'payer' in w.payer ? w.payer.payer : undefined);

/** A wire credited net: the bank kept `fee`, within the tolerance, and the file (or the channel) says so. */
function wireFee(entry: EntryToReconcile, r: RemittanceForCash, tolerance: Minor, strongOnly: boolean): Minor | undefined {
  const fee = r.totalMinor - entry.amountMinor;
  if (fee <= 0 || fee > tolerance) return undefined;
  if (entry.instructedMinor === r.totalMinor) return fee;
  if (entry.chargesMinor === fee) return fee;
  if (!strongOnly && entry.channel === 'wire') return fee;
  return undefined;
}

function byReference(w: Work, candidates: RemittanceForCash[], tolerance: Minor): Pairing | undefined {
  const payer = knownPayer(w);
  const named = candidates.filter((r) => {
    const key = refKey(r.paymentRef);
    return key !== undefined && w.keys.has(key) && (payer === undefined || payer === r.payer);
  });
  const fits: Pairing[] = [];
  for (const r of named) {
    const byName = payer ? ` and the debtor is ${r.payer}` : '';
    if (r.totalMinor === w.entry.amountMinor) {
      fits.push({ remittance: r, method: 'reference', confidence: payer ? 1 : 0.99, feeMinor: 0,
        explanation: `the entry carries payment reference ${r.paymentRef} of ${r.payer}, for the same ${displayMinor(r.totalMinor)}${byName}` });
      continue;
    }
    const fee = wireFee(w.entry, r, tolerance, false);
    if (fee !== undefined) {
      fits.push({ remittance: r, method: 'reference-wire-fee', confidence: payer ? 0.98 : 0.97, feeMinor: fee,
        explanation: `the entry carries payment reference ${r.paymentRef} of ${r.payer}: ${displayMinor(r.totalMinor)} paid, ${displayMinor(w.entry.amountMinor)} credited net of a bank fee of ${displayMinor(fee)}${byName}` });
      continue;
    }
    w.notes.push(`reference ${r.paymentRef} names ${r.payer}'s payment of ${displayMinor(r.totalMinor)}, but ${displayMinor(w.entry.amountMinor)} arrived`);
  }
  if (fits.length > 1) w.notes.push(`its references name ${fits.length} payments: ${fits.map((f) => `${f.remittance.payer}|${f.remittance.paymentRef}`).join(', ')}`);
  return fits.length === 1 ? fits[0] : undefined;
}

function byPayerAndAmount(w: Work, candidates: RemittanceForCash[], tolerance: Minor): Pairing | undefined {
  const payer = knownPayer(w);
  if (!payer || !w.payer || !('how' in w.payer)) return undefined;
  const how = w.payer.how;
  const fits: Pairing[] = [];
  for (const r of candidates) {
    if (r.payer !== payer) continue;
    if (r.totalMinor === w.entry.amountMinor) {
      fits.push({ remittance: r, method: 'payer-amount', confidence: 0.95, feeMinor: 0,
        explanation: `${how}, and its one payment ${r.paymentRef} dated ${r.paymentDate} is the same ${displayMinor(r.totalMinor)}` });
      continue;
    }
    const fee = wireFee(w.entry, r, tolerance, true);
    if (fee !== undefined) {
      fits.push({ remittance: r, method: 'payer-wire-fee', confidence: 0.93, feeMinor: fee,
        explanation: `${how}; the wire was sent for ${displayMinor(r.totalMinor)}, its payment ${r.paymentRef}, and credited net of a bank fee of ${displayMinor(fee)}` });
    }
  }
  if (fits.length > 1) w.notes.push(`${fits.length} payments of ${payer} fit by amount: ${fits.map((f) => f.remittance.paymentRef).join(', ')}`);
  return fits.length === 1 ? fits[0] : undefined;
}

function bySeveral(w: Work, candidates: RemittanceForCash[], maxItems: number): ReconciliationDecision | undefined {
  const { entry } = w;
  const payer = knownPayer(w);
  const nameless = !entry.debtorName && !entry.debtorAccount && !entry.debtorId;
  if (!payer && !nameless) return undefined;
  const items = entry.itemCount;
  if (!payer && (items === undefined || items === 1)) {
    const fits = candidates.filter((r) => r.totalMinor === entry.amountMinor);
    if (fits.length === 1) {
      const r = fits[0]!;
      return {
        status: 'reconciled', method: 'deposit-amount', confidence: 0.9, payer: r.payer, feeMinor: 0, remittances: [{ remittanceId: r.id, amountMinor: r.totalMinor }],
        explanation: `a deposit with no name${items === 1 ? ' of one item' : ''}: ${r.payer}'s payment ${r.paymentRef} dated ${r.paymentDate} is the only one of ${displayMinor(r.totalMinor)} in the window`,
      };
    }
    if (fits.length > 1) w.notes.push(`${fits.length} payments fit by amount: ${fits.map((r) => `${r.payer}|${r.paymentRef}`).join(', ')}`);
    if (items === 1) return undefined;
  }
  const sizes = items !== undefined && items >= 2 ? [items] : Array.from({ length: maxItems - 1 }, (_, i) => i + 2);
  if (sizes.some((n) => n > maxItems)) {
    w.notes.push(`a deposit of ${items} items: more than ${maxItems} are not paired by their sum`);
    return undefined;
  }
  const payers = payer ? [payer] : [...new Set(candidates.map((r) => r.payer))].sort();
  const solutions: RemittanceForCash[][] = [];
  for (const p of payers) {
    const pool = candidates.filter((r) => r.payer === p && r.totalMinor > 0 && r.totalMinor < entry.amountMinor);
    for (const size of sizes) {
      const found = subsetsOfSum(pool.map((r) => r.totalMinor), entry.amountMinor, size, 2);
      if (found === 'too-many') {
        w.notes.push(`too many sets of ${p}'s payments to search`);
        return undefined;
      }
      for (const set of found) solutions.push(set.map((i) => pool[i]!));
    }
  }
  if (solutions.length !== 1) {
    if (solutions.length > 1) w.notes.push(`${solutions.length} sets of payments add up to it`);
    return undefined;
  }
  const set = solutions[0]!;
  const p = set[0]!.payer;
  return {
    status: 'reconciled', method: 'several-remittances', confidence: 0.9, payer: p, feeMinor: 0,
    remittances: set.map((r) => ({ remittanceId: r.id, amountMinor: r.totalMinor })),
    explanation: `${items ? `a deposit of ${items} items` : 'one credit'} of ${displayMinor(entry.amountMinor)} is exactly ${p}'s ${set.length} payments ${set.map((r) => r.paymentRef).join(' + ')}, the only set in the window that adds up${payer ? ` (${w.payer && 'how' in w.payer ? w.payer.how : ''})` : ''}`,
  };
}

function noRemittance(w: Work, invoices: ReconcileInput['invoices'], taken: ReadonlySet<number>): ReconciliationDecision {
  const { entry } = w;
  const notes = w.notes.length ? ` (${w.notes.join('; ')})` : '';
  const payer = knownPayer(w);
  const base = { status: 'unidentified' as const, remittances: [], feeMinor: 0 };
  if (!payer) {
    const who = w.payer && 'ambiguous' in w.payer ? `debtor "${entry.debtorName}" is a name of several payers (${w.payer.ambiguous.join(', ')})`
      : entry.debtorName ? `debtor "${entry.debtorName}" is no payer's name (add it under payers.<ID>.bank_names)` : 'the entry names no debtor';
    return { ...base, method: 'no-payer', confidence: 0, explanation: `no remittance fits and ${who}${notes}` };
  }
  const fits: InvoiceForCash[] = (invoices.get(`${payer}|${entry.currency}`) ?? []).filter((i) => i.remainingMinor === entry.amountMinor && !taken.has(i.id));
  const how = w.payer && 'how' in w.payer ? w.payer.how : '';
  if (fits.length === 1) {
    const invoice = fits[0]!;
    return {
      status: 'reconciled', method: 'open-invoice', confidence: 0.9, payer, feeMinor: 0, remittances: [], invoice: { id: invoice.id, number: invoice.number },
      explanation: `no remittance came; ${how}, and ${invoice.number} is its only open invoice of exactly ${displayMinor(entry.amountMinor)}${notes}`,
    };
  }
  if (fits.length > 1) {
    return { ...base, payer, method: 'review', confidence: 0, explanation: `no remittance came; ${how}, and ${fits.length} open invoices are exactly ${displayMinor(entry.amountMinor)} (${fits.map((i) => i.number).join(', ')}): a person decides${notes}` };
  }
  return { ...base, payer, method: 'on-account', confidence: 0, explanation: `no remittance and no open invoice of ${displayMinor(entry.amountMinor)}; ${how}: unapplied cash of ${payer}${notes}` };
}

function byReturn(w: Work, remittances: readonly RemittanceForCash[], received: ReadonlyMap<number, number>, paidRefs: ReadonlyMap<number, string[]>): ReconciliationDecision {
  const { entry } = w;
  const amount = -entry.amountMinor;
  const text = [entry.text ?? '', ...(entry.remittanceText ?? [])].join(' ');
  const fits = remittances.filter((r) => {
    if ((received.get(r.id) ?? 0) <= 0 || r.currency !== entry.currency || r.totalMinor !== amount) return false;
    const byCredit = (paidRefs.get(r.id) ?? []).some((ref) => text.includes(ref));
    const key = refKey(r.paymentRef);
    return byCredit || (key !== undefined && w.keys.has(key));
  });
  if (fits.length === 1) {
    const r = fits[0]!;
    const credit = (paidRefs.get(r.id) ?? []).find((ref) => text.includes(ref));
    return {
      status: 'returned', method: 'return', confidence: 0.95, payer: r.payer, feeMinor: 0, remittances: [{ remittanceId: r.id, amountMinor: amount }],
      explanation: `${entry.kindExplanation}; it takes back ${displayMinor(amount)} of ${r.payer}'s payment ${r.paymentRef}${credit ? `, paid by entry ${credit}` : ''}: cash not received`,
    };
  }
  return {
    status: 'returned', method: 'return-unlinked', confidence: 0, remittances: [], feeMinor: 0,
    explanation: `${entry.kindExplanation}; ${fits.length > 1 ? `${fits.length} paid remittances fit` : 'no paid remittance of that amount is named by it'}: a person decides`,
  };
}

/** The same decision: writing it again would change nothing. */
export function sameDecision(a: ReconciliationDecision, b: ReconciliationDecision): boolean {
  const key = (d: ReconciliationDecision) =>
    JSON.stringify([d.status, d.method, d.explanation, d.payer ?? null, d.invoice?.id ?? null, d.feeMinor, d.remittances.map((r) => [r.remittanceId, r.amountMinor]).sort()]);
  return key(a) === key(b);
}
