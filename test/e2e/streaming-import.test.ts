/**
 * A large generated file imported by the streaming readers gives the same ledger, row for
 * row, as the whole-file readers; a bad row at the very end of a streamed file still leaves
 * the ledger without any of that file's payments. Real SQLite files, the real importer (the
 * built one: whole-file reads run in a worker thread, which loads dist/).
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../dist/src/config/load.js';
import { importFiles } from '../../dist/src/importing/import-files.js';
import { importInvoices } from '../../dist/src/importing/import-invoices.js';
import { parseInvoiceFile } from '../../dist/src/parsers/index.js';
import { parseOptionsFor } from '../../dist/src/importing/options.js';
import { Ledger } from '../../dist/src/ledger/index.js';
import { writeScaleSet, type ScaleSet } from '../../dist/src/tools/samplegen/scale/set.js';
import { CHUNK_BYTES } from '../../dist/src/parsers/stream.js';

const CLOCK = { now: () => new Date('2026-11-02T06:00:00Z') };
const CONFIG = parseConfigText('companies:\n  MAIN:\n    name: Main\npayers:\n  BENCH:\n    name: Bench Retail\n', 'remit.yaml');
const TABLES = ['documents', 'batches', 'remittances', 'remittance_lines', 'line_adjustments'];

let dir: string;
let set: ScaleSet;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'remit-stream-'));
  set = writeScaleSet(join(dir, 'data'), 60_000, 11);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importInto(name: string, file: string, streaming: boolean): Promise<{ ledger: Ledger; outcome: Awaited<ReturnType<typeof importFiles>>[number]; root: string }> {
  const root = join(dir, name);
  mkdirSync(root);
  const ledger = Ledger.open(join(root, 'ledger.db'), CLOCK, { create: true });
  const batchId = ledger.documents.startBatch('MAIN', 'import', null);
  const [outcome] = await importFiles({ files: [file], company: 'MAIN', payer: 'BENCH', strict: false, source: 'import', batchId, streaming }, CONFIG, ledger, root);
  return { ledger, outcome: outcome!, root };
}

function dump(ledger: Ledger): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, ledger.db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().all()]));
}

describe('streaming import of a large generated file', () => {
  for (const kind of ['csv', 'x12'] as const) {
    it(`${kind}: the same ledger as the whole-file path`, async () => {
      const file = kind === 'csv' ? set.remittanceCsv.path : set.x12.path;
      expect(statSync(file).size, 'the file spans many chunks').toBeGreaterThan(8 * CHUNK_BYTES);
      const streamed = await importInto(`${kind}-stream`, file, true);
      const whole = await importInto(`${kind}-whole`, file, false);
      try {
        expect(streamed.outcome.status).toBe('imported');
        expect(streamed.outcome).toEqual(whole.outcome);
        const a = dump(streamed.ledger);
        const b = dump(whole.ledger);
        expect(a['remittance_lines']!.length).toBe(set.remittanceCsv.lines);
        expect(a['line_adjustments']!.length).toBeGreaterThan(100);
        for (const table of TABLES) expect(a[table], table).toEqual(b[table]);
        // Each deduction sits on its own line: gross less discount less what was kept is what was paid.
        const fits = streamed.ledger.db
          .prepare(
            `SELECT SUM(l.gross_minor - l.discount_minor - a.amount_minor = l.paid_minor) AS fit, COUNT(*) AS n
             FROM line_adjustments a JOIN remittance_lines l ON l.id = a.line_id WHERE l.paid_minor > 0 AND l.gross_minor > 0`,
          )
          .get() as { fit: number; n: number };
        expect(fits.n).toBeGreaterThan(100);
        expect(fits.fit).toBe(fits.n);
      } finally {
        streamed.ledger.close();
        whole.ledger.close();
      }
    });
  }

  it('a bad row at the end of a streamed CSV leaves no payment of that file, and the original is kept', async () => {
    const file = join(dir, 'bad-end.csv');
    copyFileSync(set.remittanceCsv.path, file);
    appendFileSync(file, '"INV-1","06/01/2026","Invoice","10.00","0.00","0.00","","ten dollars","999","07/01/2026","USD"\n');
    const { ledger, outcome, root } = await importInto('bad-end', file, true);
    try {
      expect(outcome.status).toBe('failed');
      expect(outcome.status === 'failed' && outcome.message).toMatch(new RegExp(`^row ${set.remittanceCsv.lines + 2}, column "Amount Paid"`));
      const counts = ledger.db.prepare('SELECT (SELECT COUNT(*) FROM remittances) AS r, (SELECT COUNT(*) FROM remittance_lines) AS l').get();
      expect(counts).toEqual({ r: 0, l: 0 });
      expect(ledger.db.prepare('SELECT status FROM documents').pluck().all()).toEqual(['failed']);
      const inbox = readdirSync(join(root, 'inbox'), { recursive: true }).map(String).filter((name) => name.endsWith('.csv'));
      expect(inbox).toHaveLength(1);
      expect(statSync(join(root, 'inbox', inbox[0]!)).size).toBe(statSync(file).size);
    } finally {
      ledger.close();
    }
  });

  it('an open-invoice CSV streams into the snapshot the whole-file reader reads, and a repeated invoice is named once', () => {
    const file = join(dir, 'open-invoices.csv');
    copyFileSync(set.openInvoices.path, file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    appendFileSync(file, `${lines[5]}\r\n`);
    const root = join(dir, 'invoices');
    mkdirSync(root);
    const ledger = Ledger.open(join(root, 'ledger.db'), CLOCK, { create: true });
    try {
      const result = importInvoices(file, 'MAIN', CONFIG, ledger, root);
      expect(result.rows).toBe(set.openInvoices.rows);
      expect(result.diagnostics).toEqual([
        { level: 'error', location: `row ${lines.length + 1}`, message: expect.stringMatching(/^invoice INV-\d+ of \w+ is listed again; the first row is kept$/) },
      ]);
      const whole = parseInvoiceFile(readFileSync(set.openInvoices.path), parseOptionsFor(CONFIG, 'MAIN', undefined, 'open-invoices.csv', false));
      const stored = ledger.db
        .prepare('SELECT customer, number, po, invoice_date, due_date, currency, original_minor, open_minor FROM invoices ORDER BY id')
        .raw()
        .all();
      expect(stored).toEqual(
        whole.invoices.map((i: Record<string, unknown>) => [i['customer'], i['number'], i['po'] ?? null, i['invoiceDate'] ?? null, i['dueDate'] ?? null, i['currency'], i['originalMinor'], i['openMinor']]),
      );
    } finally {
      ledger.close();
    }
  });
});
