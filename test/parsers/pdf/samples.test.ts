/**
 * Every Home Depot remittance advice PDF in the shared samples, checked line by line
 * against key.csv and payments.csv. The samples are required: a missing folder fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../src/parsers/pdf/index.js';
import { parseOptions } from '../../support/parse-options.js';

const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);

type Row = Record<string, string>;

function readCsv(name: string): Row[] {
  const parsed = Papa.parse<Row>(readFileSync(new URL(name, SAMPLES), 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${name}: ${parsed.errors[0]!.message}`);
  return parsed.data;
}

const files = readdirSync(new URL('remittances/', SAMPLES))
  .filter((name) => /^HomeDepot_RemittanceAdvice_.*\.pdf$/.test(name))
  .sort();
const keyRows = readCsv('key.csv');
const payments = readCsv('payments.csv');

/** The order the payer's earlier advices proved, as the importer remembers it (files read in name order). */
let usual: 'dmy' | 'mdy' | undefined;

describe('Home Depot sample PDFs', () => {
  it('finds the samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of files) {
    it(name, async () => {
      const file = `remittances/${name}`;
      const bytes = new Uint8Array(readFileSync(new URL(file, SAMPLES)));
      const alone = await parsePdf(bytes, parseOptions(name, { payer: 'HD' })).catch((err: unknown) => err as Error);
      // Dates that all read either way are never guessed: the file alone is refused, and read
      // with the order the payer's earlier advices proved.
      const result = alone instanceof Error ? await parsePdf(bytes, parseOptions(name, { payer: 'HD', ...(usual ? { usualDateOrder: { order: usual, source: 'an earlier HD advice' } } : {}) })) : alone;
      if (alone instanceof Error) expect(alone.message).toMatch(/payers\.HD\.date_order/);
      else usual = alone.dateOrder ?? usual;
      expect(result.format).toBe('pdf');
      expect(result.diagnostics.filter((d) => !/as an earlier HD advice showed/.test(d.message))).toEqual([]);
      expect(result.remittances).toHaveLength(1);
      const remittance = result.remittances[0]!;

      const payment = payments.find((p) => p.files!.split('|').includes(file));
      expect(payment, `${file} in payments.csv`).toBeDefined();
      expect(remittance.paymentRef).toBe(payment!.payment_ref);
      expect(remittance.paymentDate).toBe(payment!.payment_date);
      expect(remittance.currency).toBe(payment!.currency);
      expect(remittance.statedTotalMinor).toBe(Number(payment!.total_minor));
      expect(remittance.payerName).toBe('HOME DEPOT U.S.A., INC.');
      expect(remittance.method).toBe('ACH');

      const expected = keyRows.filter((row) => row.file === file).sort((a, b) => Number(a.line_no) - Number(b.line_no));
      expect(remittance.lines.map((line) => line.lineNo)).toEqual(expected.map((row) => Number(row.line_no)));
      remittance.lines.forEach((line, i) => {
        const row = expected[i]!;
        const where = `${name} line ${line.lineNo}`;
        expect(line.reference, where).toBe(row.line_ref);
        expect(line.paidMinor, where).toBe(Number(row.line_amount_minor));
        expect(line.discountMinor, where).toBe(Number(row.discount_minor));
        expect(line.adjustments.reduce((sum, a) => sum + a.amountMinor, 0), where).toBe(Number(row.deduction_minor));
        if (row.reason_code) expect(line.adjustments.map((a) => a.reasonCode), where).toEqual([row.reason_code]);
        if (row.reason_raw) expect(line.adjustments.map((a) => a.reasonRaw), where).toEqual([row.reason_raw]);
        if (row.case === 'po') expect(line.referenceKind, where).toBe('po');
        if (row.case === 'deduction-only') expect(line.referenceKind, where).toBe('other');
      });
      expect(remittance.lines.reduce((sum, line) => sum + line.paidMinor, 0)).toBe(Number(payment!.total_minor));
    });
  }
});
