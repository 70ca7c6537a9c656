import { describe, expect, it } from 'vitest';
import { matchPayer } from '../../src/matching/match.js';
import { SETTINGS, decide, expectManual, invoice, line } from './build.js';

const invoices = () => [invoice(1, 'INV-104233', 125000, { invoiceDate: '2026-04-02' }), invoice(2, 'INV-207781', 98050), invoice(3, 'INV-350912', 4000)];

describe('amount-match pass', () => {
  it.each(['', 'PAYMENT', 'ACH CREDIT', 'N/A'])('applies a line with no usable reference (%j) to the one open invoice for its amount', (written) => {
    const d = decide(line(written, 125000), invoices());
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'amount-match', confidence: 0.95, status: 'applied' });
    expect(d.explanation).toMatch(/no usable reference; INV-104233 is the one open invoice of this payer for 1,250.00, dated 2026-04-02, within 120 days/);
  });

  it('counts the discount and deductions the line took', () => {
    expect(decide(line('', 122500, { discountMinor: 2500 }), invoices())).toMatchObject({ kind: 'apply', invoiceId: 1, discountMinor: 2500, status: 'applied' });
  });

  it('proposes without dates: the window cannot be checked', () => {
    const d = decide(line('', 125000, { paymentDate: undefined }), invoices());
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, status: 'proposed', confidence: 0.9 });
    expectManual(d);
  });

  it('proposes when the invoice is older than the window', () => {
    const d = decide(line('', 125000), invoices(), { dateWindowDays: 10 });
    expect(d).toMatchObject({ kind: 'apply', status: 'proposed', confidence: 0.7 });
  });

  it('proposes when the line names a document we do not know', () => {
    const d = decide(line('DOC-99812', 125000), invoices());
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, status: 'proposed', confidence: 0.85 });
  });

  it('leaves two lines after the same invoice for review', () => {
    const [a, b] = matchPayer([line('', 125000), line('PAYMENT', 125000)], invoices(), SETTINGS);
    expect(a!.kind).toBe('review');
    expect(b!.kind).toBe('review');
    expect(a!.explanation).toMatch(/another line of this payer fits INV-104233/);
  });

  it('only proposes an invoice a stronger pass applied another line to in this run', () => {
    const [first, rest] = matchPayer([line('INV-104233', 100000), line('', 25000)], invoices(), SETTINGS);
    expect(first).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'exact-reference', status: 'applied' });
    expect(rest).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'amount-match', status: 'proposed', cashMinor: 25000 });
  });
});
