/**
 * An adjustment whose reason says it is a cash discount is the line's discount: the matcher
 * settles the invoice with it exactly as with a discount column, and the journal posts it
 * to discounts allowed, not to a deduction account.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCashDiscountWording, reasonCodeFor } from '../../../src/core/reasons.js';
import { buildJournal } from '../../../src/gl/journal.js';
import { matchPayer } from '../../../src/matching/match.js';
import type { InvoiceCandidate, LineDecision, LineToMatch } from '../../../src/matching/types.js';
import { parseRemittanceFile } from '../../../src/parsers/index.js';
import type { ParseOptions, Remittance } from '../../../src/parsers/types.js';
import { parseOptions } from '../../support/parse-options.js';

const read = async (text: string, extra: Partial<ParseOptions> = {}) =>
  (await parseRemittanceFile(new TextEncoder().encode(text), parseOptions('t.csv', { payer: 'ACME', ...extra }))).remittances;

describe('cash-discount wording', () => {
  it.each([
    'Early payment discount', 'early pay disc', 'Prompt pay discount', 'Cash discount', 'CASH DISC', 'Terms discount', 'Discount taken',
    'Discount', '2% 10', '2%/10 net 30', '2/10 net 30', '1/10 n/30', 'Settlement discount', 'CD - Cash Discount',
    'Skonto', 'Skonto 2 %', 'Skontoabzug', 'Escompte', 'Escompte pour paiement anticipé', 'Remise', 'Descuento pronto pago',
    'Dto. pronto pago', 'Descuento financiero',
  ])('"%s" is a discount', (text) => {
    expect(isCashDiscountWording(text)).toBe(true);
    expect(reasonCodeFor(text)).toBe('discount');
  });

  it.each([
    ['Promo discount', 'co-op'], ['Pricing discount', 'pricing'], ['Unearned discount', 'unearned-discount'], ['Discount disallowed', 'unearned-discount'],
    ['Damage allowance 5% 30 days', 'damaged'], ['Volume discount', 'other'], ['Remise commerciale', 'other'], ['Shortage', 'shortage'],
  ])('"%s" is not a cash discount (%s)', (text, code) => {
    expect(isCashDiscountWording(text)).toBe(false);
    expect(reasonCodeFor(text)).toBe(code);
  });

  it("the payer's reason_codes can map its own wording to discount", () => {
    expect(reasonCodeFor('EPD', { EPD: 'discount' })).toBe('discount');
  });
});

describe('the tabular reader records a cash discount as the line discount', () => {
  const header = 'Invoice Number,Invoice Amount,Adj Amount,Adj Reason,Amount Paid,Payment Number,Payment Date';
  it('by wording: no deduction is left on the line', async () => {
    const [payment] = await read(`${header}\nINV-1,"1,000.00",20.00,2% 10 net 30,980.00,P1,2024-09-16\n`);
    expect(payment!.lines[0]).toMatchObject({ grossMinor: 100000, discountMinor: 2000, paidMinor: 98000, adjustments: [] });
  });

  it('by the payer mapping its code to discount', async () => {
    const text = `${header}\nINV-1,"1,000.00",-20.00,EPD,980.00,P1,2024-09-16\nINV-2,500.00,-10.00,SH,490.00,P1,2024-09-16\n`;
    const [payment] = await read(text, { reasonCodes: { EPD: 'discount' } });
    expect(payment!.lines.map((l) => [l.discountMinor, l.adjustments])).toEqual([
      [2000, []],
      [0, [{ amountMinor: 1000, reasonRaw: 'SH', reasonCode: 'shortage' }]],
    ]);
  });

  it('a discount column and a discount adjustment on one line add up', async () => {
    const text = 'Invoice Number,Gross,Discount,Adjustment,Reason,Net,Check No,Check Date\nINV-1,"1,000.00",10.00,10.00,Skonto,980.00,C1,2024-09-16\n';
    const [payment] = await read(text);
    expect(payment!.lines[0]).toMatchObject({ discountMinor: 2000, adjustments: [] });
  });
});

function toMatch(remittance: Remittance): LineToMatch[] {
  return remittance.lines.map((line, k) => ({
    id: k + 1,
    lineNo: line.lineNo,
    paymentRef: remittance.paymentRef,
    reference: line.reference,
    referenceKind: line.referenceKind,
    po: line.po,
    currency: remittance.currency,
    grossMinor: line.grossMinor,
    discountMinor: line.discountMinor,
    paidMinor: line.paidMinor,
    adjustments: line.adjustments,
    payer: 'ACME',
    paymentDate: remittance.paymentDate,
    invoiceDate: line.invoiceDate,
  }));
}

const invoice = (id: number, number: string, minor: number, invoiceDate: string): InvoiceCandidate => ({
  id, number, currency: 'USD', originalMinor: minor, remainingMinor: minor, open: true, invoiceDate, discountPercent: 2, discountDays: 10,
});

function applied(decision: LineDecision) {
  if (decision.kind !== 'apply') throw new Error(`expected an application, got ${decision.kind}: ${decision.explanation}`);
  return decision;
}

describe('through the matcher and the journal', () => {
  const settings = { autoApplyConfidence: 0.95, invoicePrefixes: [] };

  it('a discount worded in a comment (J.P. Morgan SUA family) closes the invoice as a discount column does', async () => {
    const bytes = readFileSync(new URL('../../../fixtures/payers/jpmorgan-sua-remittance/sua_remittance_export_20240925.csv', import.meta.url));
    const [payment] = (await parseRemittanceFile(bytes, parseOptions('sua.csv', { payer: 'ACME' }))).remittances;
    const invoices = [invoice(1, 'LP-205200', 200000, '2024-09-17'), invoice(2, 'LP-205214', 150000, '2024-09-18'), invoice(3, 'LP-205219', 64000, '2024-09-19')];
    const [byWording, shortPaid] = matchPayer(toMatch(payment!), invoices, settings);
    expect(applied(byWording!)).toMatchObject({ invoiceNumber: 'LP-205200', cashMinor: 196000, discountMinor: 4000, deductionMinor: 0, deductions: [], status: 'applied' });
    expect(byWording!.explanation).toMatch(/discount 40\.00 taken.*closes it/);
    expect(applied(shortPaid!)).toMatchObject({ invoiceNumber: 'LP-205214', cashMinor: 147500, discountMinor: 0, deductionMinor: 2500, deductions: [{ reasonCode: 'shortage' }] });

    // The same invoice paid with the discount in a column: the same decision.
    const [column] = await read('Invoice Number,Invoice Amount,Discount Amount,Amount Paid,Payment ID,Payment Date\nLP-205200,"2,000.00",40.00,"1,960.00",SUA-7730145,09/24/2024\n');
    const [byColumn] = matchPayer(toMatch(column!), [invoices[0]!], settings);
    expect({ ...applied(byColumn!), lineId: 0 }).toEqual({ ...applied(byWording!), lineId: 0 });

    // The journal: 40.00 to discounts allowed, nothing to a deduction account for it.
    const decision = applied(byWording!);
    const journal = buildJournal(
      [{
        id: 1, payer: 'ACME', paymentRef: payment!.paymentRef, paymentDate: payment!.paymentDate, currency: 'USD', totalMinor: decision.cashMinor,
        lines: [],
        applications: [{ id: 1, lineNo: 1, invoiceNumber: decision.invoiceNumber, cashMinor: decision.cashMinor, discountMinor: decision.discountMinor, deductionMinor: decision.deductionMinor, writeOffMinor: 0 }],
        deductions: [],
      }],
      { bankClearing: '1090', accountsReceivable: '1200', discountsAllowed: '4910', unappliedCash: '2410', writeOff: '6990', deductions: { default: '1290' } },
    );
    expect(journal.filter((l) => l.account === '4910')).toMatchObject([{ debitMinor: 4000, creditMinor: 0, invoice: 'LP-205200' }]);
    expect(journal.filter((l) => l.account === '1290')).toEqual([]);
    expect(journal.filter((l) => l.account === '1200')).toMatchObject([{ creditMinor: 200000 }]);
  });

  it('a German Skonto worded as an Abzug, and a Kroger "CD - Cash Discount", settle as discounts', async () => {
    const german = readFileSync(new URL('../../../fixtures/payers/sap-zahlungsavis/Zahlungsavis_1500004711.csv', import.meta.url));
    const [de] = (await parseRemittanceFile(german, parseOptions('z.csv', { payer: 'ACME' }))).remittances;
    const deInvoices = [invoice(1, 'LP-204900', 500000, '2024-08-30'), invoice(2, 'LP-204915', 425000, '2024-08-30'), invoice(3, 'LP-204931', 318245, '2024-08-30')];
    const deDecisions = matchPayer(toMatch(de!).map((l) => ({ ...l, currency: 'USD' })), deInvoices, settings);
    expect(deDecisions.map((d) => [applied(d).invoiceNumber, applied(d).discountMinor, applied(d).deductionMinor])).toEqual([
      ['LP-204900', 10000, 0],
      ['LP-204915', 8500, 0],
      ['LP-204931', 0, 6500],
    ]);
    const kroger = readFileSync(new URL('../../../fixtures/payers/kroger-paired-adjustments/kroger_payment_detail_3390211.csv', import.meta.url));
    const [kr] = (await parseRemittanceFile(kroger, parseOptions('k.csv', { payer: 'ACME' }))).remittances;
    const krInvoices = [invoice(1, 'LP-205401', 410000, '2024-09-15'), invoice(2, 'LP-205418', 225000, '2024-09-15'), invoice(3, 'LP-205422', 137550, '2024-09-15')];
    const krDecisions = matchPayer(toMatch(kr!), krInvoices, settings);
    expect(krDecisions.map((d) => [applied(d).discountMinor, applied(d).deductions.map((x) => x.reasonCode)])).toEqual([
      [8200, ['shortage']],
      [4500, []],
      [2751, ['pricing']],
    ]);
  });
});
