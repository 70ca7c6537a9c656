/**
 * The matcher against the demo model's answer key (the cases of every day: exact and
 * reformatted references, POs, discounts, short pays, partials, overpayments, deductions,
 * references to invoices no longer open): the new passes must not change any of them.
 */
import { describe, expect, it } from 'vitest';
import { matchPayer } from '../../src/matching/match.js';
import type { InvoiceCandidate, LineToMatch } from '../../src/matching/types.js';
import { buildModel, type PayerProfile } from '../../src/tools/samplegen/demo-model.js';

const PAYERS: PayerProfile[] = [
  { code: 'BIGMART', name: 'BigMart', deductionPrefix: 'DED', paymentDigits: 8, poStyle: 'alnum8', reasons: [{ raw: 'Shortage Claim', code: 'shortage' }, { raw: 'Price Claim', code: 'pricing' }] },
  { code: 'SHOPCO', name: 'ShopCo', deductionPrefix: 'D', paymentDigits: 9, poStyle: 'digits7', reasons: [{ raw: 'Shortage', code: 'shortage' }, { raw: 'Damaged', code: 'damaged' }] },
  { code: 'MEGA', name: 'Mega', deductionPrefix: 'CB', paymentDigits: 10, poStyle: 'digits10', reasons: [{ raw: 'Pricing', code: 'pricing' }] },
];
const settings = { autoApplyConfidence: 0.95, invoicePrefixes: ['INV', 'INVOICE', 'IN', 'INVNO', 'NO'], writeOffToleranceMinor: 0 };

describe.each([20261122, 1, 2, 3])('demo model, seed %i', (seed) => {
  const model = buildModel({ seed, payers: PAYERS, invoicesPerPayer: 80, paymentsPerPayer: 8, linesPerPayment: [3, 12], firstInvoiceNumber: 200101, startDate: '2026-08-01' });

  it.each([false, true])('decides every line as the key says (dates given: %s)', (dated) => {
    let id = 0;
    for (const payer of PAYERS) {
      const invoices: InvoiceCandidate[] = model.invoices
        .filter((inv) => inv.customer === payer.code)
        .map((inv) => ({
          id: ++id, number: inv.number, po: inv.po, currency: inv.currency, originalMinor: inv.originalMinor,
          remainingMinor: inv.listed ? inv.openMinor : 0, open: inv.listed, ...(dated ? { invoiceDate: inv.invoiceDate, dueDate: inv.dueDate } : {}),
        }));
      const expected = new Map<number, (typeof model.payments)[number]['lines'][number]>();
      const lines: LineToMatch[] = model.payments
        .filter((p) => p.payer === payer.code)
        .flatMap((payment) => payment.lines.map((l) => {
          const line: LineToMatch = {
            id: ++id, lineNo: l.lineNo, paymentRef: payment.paymentRef, reference: l.reference, referenceKind: 'invoice', po: l.po || undefined,
            currency: payment.currency, discountMinor: l.discountMinor, paidMinor: l.paidMinor, payer: payer.code,
            adjustments: l.deductionMinor ? [{ amountMinor: l.deductionMinor, reasonRaw: l.reasonRaw, reasonCode: l.reasonCode }] : [],
            ...(dated ? { paymentDate: payment.paymentDate } : {}),
          };
          expected.set(line.id, l);
          return line;
        }));
      for (const decision of matchPayer(lines, invoices, settings)) {
        const want = expected.get(decision.lineId)!;
        const where = `${payer.code} ${want.case} ${want.reference}`;
        if (want.expectedInvoice) {
          expect(decision, where).toMatchObject({ kind: 'apply', invoiceNumber: want.expectedInvoice, cashMinor: want.cashMinor, unappliedMinor: want.unappliedMinor, status: 'applied' });
        } else if (want.case === 'deduction-only') {
          expect(decision.kind, where).toBe('deduction');
        } else {
          expect(decision, where).toMatchObject({ kind: 'unapplied', unappliedMinor: want.unappliedMinor });
        }
      }
    }
  });
});
