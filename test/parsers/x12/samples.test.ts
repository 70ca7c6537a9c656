/**
 * The WMT sample 820s against the answer key: every payment's total and line count, and
 * every line's reference, amounts and reason (see /work/shared/samples/README.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseX12_820 } from '../../../src/parsers/x12/index.js';
import { parseOptions } from '../../support/parse-options.js';

const samples = new URL('../../../../shared/samples/', import.meta.url);

function readCsv(name: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(fileURLToPath(new URL(name, samples)), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data;
}

// Read at collection time on purpose: a missing samples folder fails this file, never skips it.
if (!existsSync(fileURLToPath(samples))) throw new Error(`samples folder missing: ${fileURLToPath(samples)}`);
const payments = readCsv('payments.csv').filter((row) => row.payer === 'WMT');
const key = readCsv('key.csv').filter((row) => row.payer === 'WMT');

describe('X12 820 WMT samples', () => {
  it('has WMT payments to check', () => {
    expect(payments.length).toBeGreaterThan(0);
  });

  for (const payment of payments) {
    const file = payment.files!;
    it(`${file}: payment ${payment.payment_ref}`, () => {
      const input = readFileSync(fileURLToPath(new URL(file, samples)));
      const result = parseX12_820(input, parseOptions(file, { payerIds: { 'WALMART INC.': 'WMT' } }));
      expect(result.format).toBe('x12-820');
      expect(result.diagnostics).toEqual([]);
      expect(result.remittances).toHaveLength(1);
      const remittance = result.remittances[0]!;
      expect(remittance.payer).toBe('WMT');
      expect(remittance.paymentRef).toBe(payment.payment_ref);
      expect(remittance.paymentDate).toBe(payment.payment_date);
      expect(remittance.currency).toBe(payment.currency);
      expect(remittance.statedTotalMinor).toBe(Number(payment.total_minor));

      const expectedLines = key
        .filter((row) => row.file === file && row.payment_ref === payment.payment_ref)
        .sort((a, b) => Number(a.line_no) - Number(b.line_no));
      expect(remittance.lines).toHaveLength(expectedLines.length);
      const paidTotal = remittance.lines.reduce((sum, line) => sum + line.paidMinor, 0);
      expect(paidTotal).toBe(Number(payment.total_minor));

      for (const row of expectedLines) {
        const line = remittance.lines[Number(row.line_no) - 1]!;
        const label = `line ${row.line_no} (${row.line_ref})`;
        expect(line.lineNo, label).toBe(Number(row.line_no));
        expect(line.reference, label).toBe(row.line_ref);
        expect(line.paidMinor, label).toBe(Number(row.line_amount_minor));
        expect(line.discountMinor, label).toBe(Number(row.discount_minor));
        const kept = line.adjustments.reduce((sum, adj) => sum + adj.amountMinor, 0);
        expect(kept, label).toBe(Number(row.deduction_minor));
        if (row.reason_code) {
          expect(line.adjustments.map((adj) => adj.reasonCode), label).toContain(row.reason_code);
          expect(new Set(line.adjustments.map((adj) => adj.reasonCode)).size, label).toBe(1);
        }
        if (row.reason_raw) expect(line.adjustments.map((adj) => adj.reasonRaw), label).toContain(row.reason_raw);
        if (row.case === 'po') expect(line.referenceKind, label).toBe('po');
        if (row.case === 'deduction-only') expect(line.referenceKind, label).toBe('other');
      }
    });
  }
});
