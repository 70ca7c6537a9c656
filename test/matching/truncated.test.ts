import { describe, expect, it } from 'vitest';
import { decide, expectManual, invoice, line } from './build.js';

const invoices = () => [invoice(1, 'INV-1042337', 125000), invoice(2, 'INV-2077815', 98050), invoice(3, 'KT36416', 4000)];

describe('truncated-reference pass', () => {
  it.each([
    ['2337', 1, 'last'],
    ['042337', 1, 'last'],
    ['10423', 1, 'first'],
    ['INV-1042', 1, 'first'],
  ])('applies %j, the kept characters of one invoice, when the amount agrees', (written, id, kept) => {
    const d = decide(line(written, 125000), invoices());
    expect(d).toMatchObject({ kind: 'apply', invoiceId: id, method: 'truncated-reference', confidence: 0.95, status: 'applied' });
    expect(d.explanation).toContain(`only its ${kept} characters kept`);
  });

  it('judges numbers with letters in front on their digits', () => {
    expect(decide(line('3641', 4000), invoices())).toMatchObject({ kind: 'apply', invoiceId: 3, method: 'truncated-reference', status: 'applied' });
  });

  it('proposes when the amount does not agree', () => {
    const d = decide(line('2337', 100000), invoices());
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'truncated-reference', status: 'proposed' });
    expectManual(d);
  });

  it('needs at least four characters', () => {
    const d = decide(line('337', 125000), invoices());
    expect(d.kind === 'apply' && d.method === 'truncated-reference').toBe(false);
  });

  it('leaves a truncation of a paid invoice as unapplied cash', () => {
    const d = decide(line('2337', 125000), [invoice(1, 'INV-1042337', 0, { open: false }), invoice(2, 'INV-5550000', 125000)]);
    expect(d).toMatchObject({ kind: 'unapplied' });
  });
});
