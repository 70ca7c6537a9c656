/**
 * Every payer layout family (fixtures/payers, fixtures/payers-pdf, fixtures/payers-edi)
 * imported and matched by the real binary with no payers.<ID> configuration at all: only
 * the payer code on the command line and an open-invoice file that holds the invoices the
 * remittance pays. Each line that names one of those invoices must be applied to exactly
 * it, with the cash the payer paid; nothing else may be applied.
 *
 * The open items are written from each file's golden (its expected reading): invoice
 * number = the line's reference, open amount = the gross the line settles.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, newWorkspace, parseCsv, remit, removeDir } from '../support/cli.js';

interface GoldenLine { reference: string; referenceKind: string; grossMinor?: number; paidMinor: number; discountMinor?: number; adjustments?: Array<{ amountMinor: number }> }

/** What the line settles: its gross, else what was paid plus what was taken off. */
const settles = (line: GoldenLine): number =>
  line.grossMinor ?? line.paidMinor + (line.discountMinor ?? 0) + (line.adjustments ?? []).reduce((sum, a) => sum + a.amountMinor, 0);
interface GoldenRemittance { paymentRef: string; currency: string; lines: GoldenLine[] }

interface Family { file: string; payer: string; remittances: GoldenRemittance[] }

function families(): Family[] {
  const found: string[] = [];
  const tabular = join(ROOT, 'fixtures', 'payers');
  for (const dir of readdirSync(tabular, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'ambiguous') continue;
    for (const name of readdirSync(join(tabular, dir.name))) if (/\.(csv|xlsx)$/i.test(name)) found.push(join(tabular, dir.name, name));
  }
  const pdf = join(ROOT, 'fixtures', 'payers-pdf');
  for (const name of readdirSync(pdf)) if (name.endsWith('.pdf')) found.push(join(pdf, name));
  for (const standard of ['x12', 'edifact']) {
    const dir = join(ROOT, 'fixtures', 'payers-edi', standard);
    for (const name of readdirSync(dir)) if (name.endsWith('.edi') && !name.startsWith('refused-')) found.push(join(dir, name));
  }
  return found.sort().map((file, index) => {
    const beside = `${file}.expected.json`;
    const path = existsSync(beside) ? beside : `${file.replace(/\.[a-z]+$/i, '')}.expected.json`;
    const golden = JSON.parse(readFileSync(path, 'utf8')) as { remittances: GoldenRemittance[] };
    return { file, payer: `FAM${String(index + 1).padStart(2, '0')}`, remittances: golden.remittances };
  });
}

const major = (minor: number): string => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

describe('payer layout families: imported and matched with no configuration', () => {
  const all = families();
  let home = '';
  let applications: Array<Record<string, string>> = [];
  const expected = new Map<string, { invoice: string; cash: string }>();

  beforeAll(() => {
    home = newWorkspace('FAM');
    const rows = ['Customer ID,Customer Name,Invoice No,Invoice Date,Due Date,PO No,Currency,Original Amount,Open Amount'];
    const seen = new Set<string>();
    const payerOf = new Map<string, string>();
    for (const family of all) {
      // A second file of the same invoices (one layout printed in two fonts) is the same payer.
      const earlier = family.remittances.flatMap((r) => r.lines).map((line) => payerOf.get(line.reference)).find(Boolean);
      if (earlier) family.payer = earlier;
      for (const remittance of family.remittances) {
        for (const line of remittance.lines) {
          if (line.referenceKind !== 'invoice' || settles(line) <= 0 || seen.has(line.reference)) continue;
          seen.add(line.reference);
          payerOf.set(line.reference, family.payer);
          rows.push(`${family.payer},Family ${family.payer},${line.reference},2024-08-01,2024-09-01,,${remittance.currency},${major(settles(line))},${major(settles(line))}`);
          expected.set(`${family.payer}|${remittance.paymentRef}|${line.reference}`, { invoice: line.reference, cash: major(line.paidMinor) });
        }
      }
    }
    writeFileSync(join(home, 'open-items.csv'), `${rows.join('\n')}\n`);
    const invoices = remit(['invoices', 'import', join(home, 'open-items.csv')], { home });
    if (invoices.code !== 0) throw new Error(invoices.stderr);
    for (const family of all) {
      const imported = remit(['import', family.file, '--payer', family.payer], { home });
      if (imported.code > 1 || !/ 0 failed/.test(imported.stderr + imported.stdout)) throw new Error(`${family.file}: ${imported.stderr}`);
    }
    const matched = remit(['match'], { home });
    if (matched.code !== 0) throw new Error(matched.stderr);
    applications = parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout);
  }, 300_000);

  afterAll(() => removeDir(home));

  it('covers at least 12 families, each with a golden', () => {
    console.log(`${all.length} files of ${new Set(all.map((f) => f.payer)).size} payers, ${expected.size} invoice lines, ${applications.length} applications`);
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const family of all) expect(existsSync(family.file)).toBe(true);
  });

  it('applies every line that names an open invoice to exactly that invoice, with the cash paid, on its own', () => {
    const got = new Map(applications.filter((row) => row.status === 'applied').map((row) => [`${row.payer}|${row.payment_ref}|${row.line_ref}`, row]));
    const missing: string[] = [];
    for (const [key, want] of expected) {
      const row = got.get(key);
      if (!row) missing.push(key);
      else {
        expect(row.invoice_number, key).toBe(want.invoice);
        expect(row.cash, key).toBe(want.cash);
      }
    }
    expect(missing).toEqual([]);
  });

  it('applies nothing to an invoice the line does not name', () => {
    const wrong = applications.filter((row) => row.status === 'applied' && !expected.has(`${row.payer}|${row.payment_ref}|${row.line_ref}`));
    expect(wrong.map((row) => `${row.payer} ${row.payment_ref} ${row.line_ref} -> ${row.invoice_number}`)).toEqual([]);
  });
});
