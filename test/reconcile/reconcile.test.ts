/** The pure pairing of src/reconcile with hand-built entries and remittances: each pass, and every case where it must not guess. */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/reconcile.js';
import { subsetsOfSum } from '../../src/reconcile/subsets.js';
import { DEFAULT_RECONCILE_SETTINGS, type EntryToReconcile, type InvoiceForCash, type ReconcileInput, type RemittanceForCash } from '../../src/reconcile/types.js';

let nextId = 1;
const entry = (amountMinor: number, extra: Partial<EntryToReconcile> = {}): EntryToReconcile => ({
  id: nextId++, position: 1, location: 'line 1', amountMinor, currency: 'USD', valueDate: '2024-10-02', kind: amountMinor > 0 ? 'customer-receipt' : 'vendor-payment',
  kindExplanation: 'BAI2 type code 165 on a credit', bookingStatus: 'booked', refs: [], bankRef: `B${nextId}`, ...extra,
});
const remittance = (id: number, payer: string, paymentRef: string, totalMinor: number, paymentDate = '2024-10-01'): RemittanceForCash => ({
  id, payer, paymentRef, paymentDate, currency: 'USD', totalMinor, paidBy: [],
});
const PAYERS = [{ payer: 'AMZ', names: ['Amazon.com Services LLC'], accounts: [] }, { payer: 'TGT', names: ['Target Corporation'], accounts: [] }];
const run = (entries: EntryToReconcile[], remittances: RemittanceForCash[], invoices: InvoiceForCash[] = []) => {
  const byPayer = new Map<string, InvoiceForCash[]>();
  for (const i of invoices) byPayer.set(`${i.payer}|${i.currency}`, [...(byPayer.get(`${i.payer}|${i.currency}`) ?? []), i]);
  const input: ReconcileInput = { entries, remittances, payers: PAYERS, invoices: byPayer, settings: DEFAULT_RECONCILE_SETTINGS };
  return new Map(reconcile(input).map((d) => [d.entryId, d]));
};

describe('reconcile', () => {
  it('pairs by reference (leading zeros aside) and by payer name and amount', () => {
    const byRef = entry(1000_00, { refs: ['0012345'], debtorName: 'TARGET CORP' });
    const byName = entry(250_00, { debtorName: 'Amazon.com Services LLC SEATTLE US' });
    const out = run([byRef, byName], [remittance(1, 'TGT', '12345', 1000_00), remittance(2, 'AMZ', '999', 250_00)]);
    expect(out.get(byRef.id)!.decision).toMatchObject({ status: 'reconciled', method: 'reference', payer: 'TGT', remittances: [{ remittanceId: 1 }] });
    expect(out.get(byName.id)!.decision).toMatchObject({ status: 'reconciled', method: 'payer-amount', payer: 'AMZ', remittances: [{ remittanceId: 2 }] });
  });

  it('never guesses: two remittances of the amount, or two credits for one remittance, go to a person', () => {
    const one = entry(250_00, { debtorName: 'Amazon.com Services LLC' });
    const twoFits = run([one], [remittance(1, 'AMZ', 'A', 250_00), remittance(2, 'AMZ', 'B', 250_00, '2024-09-30')]);
    expect(twoFits.get(one.id)!.decision).toMatchObject({ status: 'unidentified', remittances: [] });
    expect(twoFits.get(one.id)!.decision.explanation).toMatch(/2 payments of AMZ fit by amount: A, B/);
    const a = entry(300_00, { refs: ['REF0001'], debtorName: 'Target Corporation' });
    const b = entry(300_00, { refs: ['REF0001'], debtorName: 'Target Corporation' });
    const twoCredits = run([a, b], [remittance(3, 'TGT', 'REF0001', 300_00)]);
    expect(twoCredits.get(a.id)!.decision.status).toBe('unidentified');
    expect(twoCredits.get(b.id)!.decision.status).toBe('unidentified');
  });

  it('a wire net of a bank fee within the tolerance records the fee; beyond it, nothing', () => {
    const wire = entry(999_75, { refs: ['WIRE0001'], instructedMinor: 1000_00, chargesMinor: 25, channel: 'wire' });
    const far = entry(900_00, { refs: ['WIRE0002'], channel: 'wire' });
    const out = run([wire, far], [remittance(1, 'AMZ', 'WIRE0001', 1000_00), remittance(2, 'AMZ', 'WIRE0002', 1000_00)]);
    expect(out.get(wire.id)!.decision).toMatchObject({ status: 'reconciled', method: 'reference-wire-fee', feeMinor: 25 });
    expect(out.get(far.id)!.decision.status).toBe('unidentified');
    expect(out.get(far.id)!.decision.explanation).toMatch(/reference WIRE0002 names AMZ's payment of 1,000.00, but 900.00 arrived/);
  });

  it('a deposit of cheques pairs with the one set of a payer\'s remittances that adds up; two sets go to a person', () => {
    const deposit = entry(600_00, { itemCount: 2 });
    const out = run([deposit], [remittance(1, 'TGT', 'C1', 100_00), remittance(2, 'TGT', 'C2', 500_00), remittance(3, 'TGT', 'C3', 250_00)]);
    expect(out.get(deposit.id)!.decision).toMatchObject({ status: 'reconciled', method: 'several-remittances', payer: 'TGT' });
    expect(out.get(deposit.id)!.decision.remittances.map((r) => r.remittanceId).sort()).toEqual([1, 2]);
    const ambiguous = entry(600_00, { itemCount: 2 });
    const two = run([ambiguous], [remittance(1, 'TGT', 'C1', 100_00), remittance(2, 'TGT', 'C2', 500_00), remittance(3, 'TGT', 'C3', 200_00), remittance(4, 'TGT', 'C4', 400_00)]);
    expect(two.get(ambiguous.id)!.decision.status).toBe('unidentified');
  });

  it('a credit with no remittance: the one open invoice of its amount, two fits to a person, none unapplied cash of the payer', () => {
    const invoices = (n: number): InvoiceForCash[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, number: `INV-${i + 1}`, payer: 'TGT', currency: 'USD', remainingMinor: 77_00 }));
    const credit = () => entry(77_00, { debtorName: 'Target Corporation' });
    const one = credit();
    expect(run([one], [], invoices(1)).get(one.id)!.decision).toMatchObject({ status: 'reconciled', method: 'open-invoice', invoice: { number: 'INV-1' } });
    const two = credit();
    expect(run([two], [], invoices(2)).get(two.id)!.decision).toMatchObject({ status: 'unidentified', method: 'review', payer: 'TGT' });
    const none = credit();
    expect(run([none], [], []).get(none.id)!.decision).toMatchObject({ status: 'unidentified', method: 'on-account', payer: 'TGT' });
    const stranger = entry(77_00, { debtorName: 'GREENLEAF DISTRIBUTORS' });
    expect(run([stranger], [], invoices(1)).get(stranger.id)!.decision).toMatchObject({ status: 'unidentified', method: 'no-payer' });
  });

  it('a returned cheque takes back the remittance its credit paid; non-receipts are ignored; a rerun is unchanged', () => {
    const credit = entry(388_00, { bankRef: 'RD1', itemCount: 1 });
    const back = entry(-388_00, { kind: 'returned-item', text: 'DEPOSITED ITEM RETURNED NSF CHECK 5339025 DEP RD1', refs: ['005339025'], valueDate: '2024-10-05' });
    const fee = entry(-15_00, { kind: 'bank-fee', kindExplanation: 'BAI2 type code 698 on a debit' });
    const r = remittance(1, 'TGT', '005339025', 388_00);
    const out = run([credit, back, fee], [r]);
    expect(out.get(credit.id)!.decision).toMatchObject({ status: 'reconciled', remittances: [{ remittanceId: 1 }] });
    expect(out.get(back.id)!.decision).toMatchObject({ status: 'returned', method: 'return', remittances: [{ remittanceId: 1, amountMinor: 388_00 }] });
    expect(out.get(fee.id)!.decision).toMatchObject({ status: 'ignored', method: 'not-a-receipt' });
    const stranger = entry(50_00, { debtorName: 'NOBODY' });
    const first = run([stranger], []).get(stranger.id)!;
    const again = run([{ ...stranger, decision: first.decision }], []).get(stranger.id)!;
    expect(again.unchanged).toBe(true);
  });

  it('subsetsOfSum finds every set of a size, and stops past its work bound', () => {
    expect(subsetsOfSum([5, 1, 4, 2, 3], 6, 2, 10)).toEqual([[0, 1], [2, 3]]);
    expect(subsetsOfSum(Array.from({ length: 60 }, () => 1), 4, 4, 100_000, 1000)).toBe('too-many');
  });
});
