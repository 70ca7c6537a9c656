import { describe, expect, it } from 'vitest';
import { findSubsets } from '../../src/matching/subset.js';
import { Random } from '../../src/tools/samplegen/random.js';
import { decide, expectManual, invoice, line } from './build.js';

const bounds = { maxWork: 1 << 18, maxSize: 6 };

describe('findSubsets', () => {
  it('finds the one set, and knows it is the only one', () => {
    const search = findSubsets([1000, 2000, 4000, 8000], 9000, bounds);
    expect(search).toMatchObject({ solutions: [[0, 3]], count: 1, complete: true });
  });

  it('counts every set that fits', () => {
    const search = findSubsets([1000, 2000, 3000, 4000], 5000, bounds);
    expect(search.count).toBe(2);
    expect(search.solutions).toEqual([[0, 3], [1, 2]]);
  });

  it('measures how crowded sums are near the amount', () => {
    expect(findSubsets([100_00, 200_00, 400_00], 300_00, bounds).crowding).toBeLessThan(0.001);
    const many = Array.from({ length: 24 }, (_, k) => 1000_00 + k * 37);
    expect(findSubsets(many, many[0]! + many[1]! + many[2]!, bounds).crowding).toBeGreaterThan(0.001);
  });

  it('searches a pool too large for the work bound only as far as the bound, and never calls it complete', () => {
    const pool = Array.from({ length: 60 }, (_, k) => 1000 + k * 1013);
    const search = findSubsets(pool, pool[3]! + pool[50]!, bounds);
    expect(search.complete).toBe(false);
    expect(search.solutions.length).toBeGreaterThan(0);
  });

  it('stops at the work bound', () => {
    const pool = Array.from({ length: 200 }, (_, k) => 100_000 + k * 7);
    const search = findSubsets(pool, 1, { maxWork: 1000, maxSize: 6 });
    expect(search).toMatchObject({ solutions: [], complete: false });
  });
});

describe('subset-sum pass', () => {
  // A small customer: few open invoices, amounts spread out.
  const invoices = () => [
    invoice(1, 'INV-5001', 312050, { invoiceDate: '2026-03-10' }),
    invoice(2, 'INV-5002', 87519, { invoiceDate: '2026-03-21' }),
    invoice(3, 'INV-5003', 1450000, { invoiceDate: '2026-04-02' }),
    invoice(4, 'INV-5004', 66002, { invoiceDate: '2026-04-15' }),
    invoice(5, 'INV-5005', 990017, { invoiceDate: '2026-04-20' }),
  ];

  it('splits a payment with no lines across the one set of open invoices adding up to it', () => {
    const d = decide(line('', 312050 + 66002 + 990017), invoices());
    expect(d).toMatchObject({ kind: 'split', method: 'subset-sum', confidence: 0.95, status: 'applied' });
    if (d.kind === 'split') expect(d.parts.map((p) => p.invoiceNumber)).toEqual(['INV-5001', 'INV-5004', 'INV-5005']);
    expect(d.explanation).toMatch(/the only set that does among the 4 open invoices below that amount/);
  });

  it('proposes without dates', () => {
    const d = decide(line('', 312050 + 66002, { paymentDate: undefined }), invoices().map((inv) => ({ ...inv, invoiceDate: undefined })));
    expect(d).toMatchObject({ kind: 'split', status: 'proposed', confidence: 0.9 });
    expectManual(d);
  });

  it('proposes a set larger than the configured size', () => {
    const d = decide(line('', 312050 + 66002 + 990017), invoices(), { maxSubsetSize: 2 });
    expect(d).toMatchObject({ kind: 'split', status: 'proposed' });
  });

  it('proposes when sets crowd around the amount', () => {
    const crowd = Array.from({ length: 22 }, (_, k) => invoice(k + 1, `INV-${6000 + k}`, 1000_00 + k * 41, { invoiceDate: '2026-04-10' }));
    const d = decide(line('', crowd[0]!.remainingMinor + crowd[5]!.remainingMinor + crowd[9]!.remainingMinor), crowd);
    expect(d.kind === 'split' || d.kind === 'review').toBe(true);
    expectManual(d);
  });

  it('leaves invoices outside the date window out of the search', () => {
    const d = decide(line('', 312050 + 66002), invoices(), { dateWindowDays: 30 });
    expect(d.kind).toBe('unapplied');
  });

  it('does not search for lines that name a document', () => {
    const d = decide(line('DOC-77123', 312050 + 66002), invoices());
    expect(d.kind).toBe('unapplied');
  });
});

describe('findSubsets against brute force', () => {
  it('counts exactly the sets a full enumeration finds, on random small pools', () => {
    const random = new Random(99);
    for (let round = 0; round < 300; round += 1) {
      const n = random.int(1, 12);
      const amounts = Array.from({ length: n }, () => random.int(1, 40) * (random.chance(0.5) ? 100 : 1));
      const target = random.chance(0.7) ? amounts.filter(() => random.chance(0.5)).reduce((s, a) => s + a, 0) || amounts[0]! : random.int(1, 800);
      let count = 0;
      for (let mask = 1; mask < 1 << n; mask += 1) {
        let sum = 0;
        for (let k = 0; k < n; k += 1) if (mask & (1 << k)) sum += amounts[k]!;
        if (sum === target) count += 1;
      }
      const search = findSubsets(amounts, target, bounds);
      expect(search.complete).toBe(true);
      expect(search.count).toBe(count);
      for (const set of search.solutions) expect(set.reduce((s, k) => s + amounts[k]!, 0)).toBe(target);
    }
  });
});
