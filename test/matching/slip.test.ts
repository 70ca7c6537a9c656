import { describe, expect, it } from 'vitest';
import { InvoiceBook } from '../../src/matching/book.js';
import { describeSlip, foldOcr, oneEditVariants, slipKey, withinOneEdit } from '../../src/matching/near.js';
import { resolveSettings } from '../../src/matching/settings.js';
import { Random } from '../../src/tools/samplegen/random.js';
import { SETTINGS, decide, expectManual, invoice, line as anyLine } from './build.js';

const prefixes = SETTINGS.invoicePrefixes;
const line = (reference: string, paidMinor = 125000) => anyLine(reference, paidMinor);
// Scattered numbers, as most ERPs hand out to one customer: no two one slip apart.
const invoices = () => [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-207781', 98050), invoice(3, 'INV-350912', 4000)];

describe('reference-slip pass', () => {
  it.each([
    ['104238', 'one character different'],
    ['10423', 'one character missing'],
    ['1042333', 'one character extra'],
    ['INV-102433', 'two neighbouring characters swapped'],
    ['INV-1O4233', 'an OCR confusion'],
    ['I04Z33', 'one character different after OCR letters read as digits'],
  ])('applies %j to INV-104233 when the amount agrees (%s)', (written, how) => {
    const d = decide(line(written), invoices());
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'reference-slip', confidence: 0.95, status: 'applied', cashMinor: 125000 });
    expect(d.explanation).toContain(how);
  });

  it('reads OCR letters in any number of places', () => {
    expect(foldOcr('IOS8B')).toBe('10588');
    expect(slipKey('INV-IO4233', prefixes)).toBe('104233');
    expect(decide(line('IOB5SO', 7000), [invoice(1, 'INV-108550', 7000)])).toMatchObject({ kind: 'apply', method: 'reference-slip', status: 'applied' });
  });

  it('proposes, not applies, when the amount does not agree', () => {
    const d = decide(line('104238', 100000), invoices());
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'reference-slip', status: 'proposed', confidence: 0.7 });
    expectManual(d);
  });

  it('does not judge references shorter than four characters', () => {
    const d = decide(line('123', 4000), [invoice(1, 'INV-1234', 4000)]);
    expect(d.kind === 'apply' && d.method === 'reference-slip').toBe(false);
    expectManual(d);
  });

  it('lists every key one edit away, and the key itself', () => {
    const variants = oneEditVariants('123', '0123456789');
    for (const v of ['123', '12', '213', '1234', '023', '124']) expect(variants.has(v)).toBe(true);
    expect(variants.has('321')).toBe(false);
  });

  it('takes an OCR-only reading in a dense run when no number a further slip away agrees with the amount', () => {
    const run = [invoice(1, 'INV-101040', 5000), invoice(2, 'INV-101041', 6000), invoice(3, 'INV-101140', 7000), invoice(4, 'INV-101042', 8000)];
    const d = decide(line('INV-1O1O4O', 5000), run);
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'reference-slip', status: 'applied' });
    expect(d.explanation).toMatch(/OCR confusion.*none of the 3 numbers a further slip away does/);
  });

  it('leaves an OCR-only reading for review when a number a further slip away agrees with the amount too', () => {
    const run = [invoice(1, 'INV-101040', 5000), invoice(2, 'INV-101041', 5000)];
    expectManual(decide(line('INV-1O1O4O', 5000), run));
  });

  it('never moves a slip of a paid invoice onto another one', () => {
    const d = decide(line('104238'), [invoice(1, 'INV-104233', 0, { open: false }), invoice(2, 'INV-500000', 125000)]);
    expect(d).toMatchObject({ kind: 'unapplied' });
    expect(d.explanation).toMatch(/INV-104233.*not open/);
  });

  it('keeps a line whose exact reference is another real invoice for review when a slip away one agrees (a typo onto a real number)', () => {
    const d = decide(line('INV-104234', 125000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-104234', 80000)]);
    expect(d.kind).toBe('review');
    expect(d.explanation).toMatch(/INV-104234.*does not agree.*INV-104233.*a typo\?/);
    expectManual(d);
  });

  it('still applies a partial payment by its exact reference when no neighbour agrees', () => {
    expect(decide(line('INV-104234', 30000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-104234', 80000)])).toMatchObject({
      kind: 'apply', invoiceId: 2, method: 'exact-reference', status: 'applied', cashMinor: 30000,
    });
  });

  it('describes the slip for the explanation', () => {
    expect(describeSlip('102433', 'INV-104233', prefixes)).toBe('two neighbouring characters swapped');
    expect(describeSlip('1O4233', 'INV-104233', prefixes)).toMatch(/OCR/);
  });
});


describe('slip neighbours against brute force', () => {
  it('finds exactly the invoices one edit away, on random ledgers', () => {
    const random = new Random(7);
    const digits = (count: number) => Array.from({ length: count }, () => String(random.int(1, 4))).join('');
    for (let round = 0; round < 50; round += 1) {
      const invoices = Array.from({ length: 60 }, (_, k) => invoice(k + 1, `INV-${digits(random.int(4, 6))}`, 100));
      const book = new InvoiceBook(invoices, resolveSettings(SETTINGS));
      for (let q = 0; q < 20; q += 1) {
        const reference = digits(random.int(4, 6));
        const found = book.slipNeighbours(reference).map((inv) => inv.id).sort((a, b) => a - b);
        const brute = invoices.filter((inv) => withinOneEdit(slipKey(reference, prefixes), slipKey(inv.number, prefixes))).map((inv) => inv.id);
        expect(found).toEqual(brute);
      }
    }
  });
});
