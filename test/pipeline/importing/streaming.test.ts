/**
 * A large generated file imported by the streaming readers gives the ledger the whole-file
 * reader would give, row for row; a bad row at the very end of a streamed file still leaves
 * the ledger without any of that file's payments. Real SQLite files, the real importer.
 */
import { appendFileSync, copyFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInvoiceFile, parseRemittanceFile } from '../../../src/parsers/index.js';
import { CHUNK_BYTES } from '../../../src/parsers/stream.js';
import { importFiles } from '../../../src/pipeline/import-files.js';
import { importInvoices } from '../../../src/pipeline/import-invoices.js';
import { parseOptionsFor } from '../../../src/pipeline/importing/options.js';
import { writeScaleSet, type ScaleSet } from '../../../src/tools/samplegen/scale/set.js';
import { testWorkspace } from '../../support/pipeline.js';

const YAML = 'companies:\n  MAIN:\n    name: Main\npayers:\n  BENCH:\n    name: Bench Retail\n';

let dir: string;
let set: ScaleSet;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'remit-stream-'));
  set = writeScaleSet(join(dir, 'data'), 60_000, 11);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('streaming import of a large generated file', () => {
  for (const kind of ['csv', 'x12'] as const) {
    it(`${kind}: the ledger holds what the whole-file reader reads, payment for payment`, async () => {
      const file = kind === 'csv' ? set.remittanceCsv.path : set.x12.path;
      expect(statSync(file).size, 'the file spans many chunks').toBeGreaterThan(8 * CHUNK_BYTES);
      const ws = await testWorkspace(YAML);
      try {
        const { files } = await importFiles(ws.ctx, { files: [file], payer: 'BENCH' });
        const whole = await parseRemittanceFile(readFileSync(file), parseOptionsFor(ws.ctx.config, 'MAIN', 'BENCH', 'file', false));
        const outcome = files[0]!;
        expect(outcome.status).toBe('imported');
        expect(outcome).toMatchObject({ format: whole.format, payments: whole.remittances.length, lines: set.remittanceCsv.lines, diagnostics: whole.diagnostics });
        const db = ws.inspect();
        const stored = db.prepare('SELECT id, payment_ref, payment_date, currency, total_minor, stated_total_minor FROM remittances ORDER BY id').raw().all() as unknown[][];
        expect(stored.map((r) => r.slice(1))).toEqual(
          whole.remittances.map((r) => [r.paymentRef, r.paymentDate, r.currency, r.lines.reduce((s, l) => s + l.paidMinor, 0), r.statedTotalMinor ?? null]),
        );
        const lines = db.prepare('SELECT line_no, reference, reference_kind, po, invoice_date, gross_minor, discount_minor, paid_minor FROM remittance_lines ORDER BY id').raw().all();
        expect(lines).toEqual(whole.remittances.flatMap((r) => r.lines.map((l) => [l.lineNo, l.reference, l.referenceKind, l.po ?? null, l.invoiceDate ?? null, l.grossMinor ?? null, l.discountMinor, l.paidMinor])));
        // Each adjustment sits on its own line: the line ids of a many-row insert follow from the last.
        const adjustments = db.prepare('SELECT l.line_no, a.amount_minor, a.reason_raw, a.reason_code FROM line_adjustments a JOIN remittance_lines l ON l.id = a.line_id ORDER BY a.id').raw().all();
        const expected = whole.remittances.flatMap((r) => r.lines.flatMap((l) => l.adjustments.map((a) => [l.lineNo, a.amountMinor, a.reasonRaw, a.reasonCode])));
        expect(expected.length).toBeGreaterThan(100);
        expect(adjustments).toEqual(expected);
        const fits = db
          .prepare(
            `SELECT SUM(l.gross_minor - l.discount_minor - a.amount_minor = l.paid_minor) AS fit, COUNT(*) AS n
             FROM line_adjustments a JOIN remittance_lines l ON l.id = a.line_id WHERE l.paid_minor > 0 AND l.gross_minor > 0`,
          )
          .get() as { fit: number; n: number };
        expect(fits.n).toBeGreaterThan(100);
        expect(fits.fit).toBe(fits.n);
      } finally {
        await ws.close();
      }
    });
  }

  it('a bad row at the end of a streamed CSV leaves no payment of that file, and the original is kept', async () => {
    const file = join(dir, 'bad-end.csv');
    copyFileSync(set.remittanceCsv.path, file);
    appendFileSync(file, '"INV-1","06/01/2026","Invoice","10.00","0.00","0.00","","ten dollars","999","07/01/2026","USD"\n');
    const ws = await testWorkspace(YAML);
    try {
      const outcome = (await importFiles(ws.ctx, { files: [file], payer: 'BENCH' })).files[0]!;
      expect(outcome.status).toBe('failed');
      expect(outcome.status === 'failed' && outcome.message).toMatch(new RegExp(`^row ${set.remittanceCsv.lines + 2}, column "Amount Paid"`));
      const db = ws.inspect();
      expect(db.prepare('SELECT (SELECT COUNT(*) FROM remittances) AS r, (SELECT COUNT(*) FROM remittance_lines) AS l').get()).toEqual({ r: 0, l: 0 });
      expect(db.prepare('SELECT status FROM documents').pluck().all()).toEqual(['failed']);
      const inbox = readdirSync(join(ws.root, 'inbox'), { recursive: true }).map(String).filter((name) => name.endsWith('.csv'));
      expect(inbox).toHaveLength(1);
      expect(statSync(join(ws.root, 'inbox', inbox[0]!)).size).toBe(statSync(file).size);
    } finally {
      await ws.close();
    }
  });

  it('an open-invoice CSV streams into the snapshot the whole-file reader reads, and a repeated invoice is named once', async () => {
    const file = join(dir, 'open-invoices.csv');
    copyFileSync(set.openInvoices.path, file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    appendFileSync(file, `${lines[5]}\r\n`);
    const ws = await testWorkspace(YAML);
    try {
      const result = await importInvoices(ws.ctx, { file });
      expect(result.rows).toBe(set.openInvoices.rows);
      expect(result.diagnostics).toEqual([
        { level: 'error', location: `row ${lines.length + 1}`, message: expect.stringMatching(/^invoice INV-\d+ of \w+ is listed again; the first row is kept$/) },
      ]);
      const whole = parseInvoiceFile(readFileSync(set.openInvoices.path), parseOptionsFor(ws.ctx.config, 'MAIN', undefined, 'open-invoices.csv', false));
      const stored = ws.inspect()
        .prepare('SELECT customer, number, po, invoice_date, due_date, currency, original_minor, open_minor FROM invoices ORDER BY id')
        .raw()
        .all();
      expect(stored).toEqual(whole.invoices.map((i) => [i.customer, i.number, i.po ?? null, i.invoiceDate ?? null, i.dueDate ?? null, i.currency, i.originalMinor, i.openMinor]));
    } finally {
      await ws.close();
    }
  });
});
