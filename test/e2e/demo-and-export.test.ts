/** `remit demo` end to end, then the journal it exported and the snapshot rules, on the demo data. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, newWorkspace, parseCsv, remit, removeDir, tempDir } from '../support/cli.js';
import { compareWithKey, readKey } from '../support/key.js';

let home: string;

function balanced(csv: string): { debit: number; credit: number; lines: number } {
  const rows = parseCsv(csv);
  const cents = (text: string | undefined) => (text ? Math.round(Number(text) * 100) : 0);
  return { debit: rows.reduce((s, r) => s + cents(r['debit']), 0), credit: rows.reduce((s, r) => s + cents(r['credit']), 0), lines: rows.length };
}

describe('remit demo', () => {
  beforeAll(() => {
    home = join(tempDir(), 'demo');
  });
  afterAll(() => removeDir(join(home, '..')));

  it('runs the whole flow and prints a summary a newcomer understands', () => {
    const result = remit(['demo', '--keep', home]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/files read\s+11 \(0 failed\)/);
    expect(result.stderr).toMatch(/payments\s+10 \(a re-sent copy was recognised/);
    expect(result.stderr).toMatch(/applied to invoices\s+\d+ lines/);
    expect(result.stderr).toMatch(/GL journal\s+.*journal-demo.csv \(generic\)/);
    expect(result.stderr).toMatch(/ERP \(netsuite-payment\) .*netsuite-demo.csv, .*netsuite-demo-journal.csv: import in NetSuite/);
    expect(result.stderr).toMatch(/held back\s+2 payment\(s\) with a line awaiting review/);
  }, 60_000);

  it('matches the demo answer key line by line', () => {
    const result = compareWithKey(home, readKey(DEMO));
    expect(result.mismatches).toEqual([]);
    expect(result.applied).toBe(result.expectedApplied);
  });

  it('exported a journal that balances to the cent and puts every applied amount on AR', () => {
    const journal = readFileSync(join(home, 'exports', 'journal-demo.csv'), 'utf8');
    const totals = balanced(journal);
    expect(totals.debit).toBe(totals.credit);
    expect(totals.lines).toBeGreaterThan(10);
    const applications = parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout);
    const generic = applications.filter((a) => a['journal_id'] === '2');
    const settled = applications.reduce((s, a) => s + Math.round((Number(a['cash']) + Number(a['discount']) + Number(a['deduction'])) * 100), 0);
    const ar = parseCsv(journal).filter((r) => r['account'] === '1200').reduce((s, r) => s + Math.round(Number(r['credit'] || 0) * 100) - Math.round(Number(r['debit'] || 0) * 100), 0);
    expect(ar).toBe(generic.reduce((s, a) => s + Math.round((Number(a['cash']) + Number(a['discount']) + Number(a['deduction'])) * 100), 0));
    // J1 is BIGMART's in NetSuite's format, J2 the others' generic journal; payments with a line awaiting review are held back.
    const held = new Set(parseCsv(remit(['report', 'exceptions', '--format', 'csv'], { home }).stdout).filter((e) => e['status'] === 'review').map((e) => e['payment_ref']));
    expect(held.size).toBe(2);
    for (const a of applications) expect(a['journal_id'] || `held ${held.has(a['payment_ref']!)}`).toBe(a['journal_id'] ? (a['payer'] === 'BIGMART' ? '1' : '2') : 'held true');
    expect(settled).toBeGreaterThan(0);
  });

  it('exports each application once; --reexport writes the same journal again', () => {
    const again = remit(['export-gl', '--out', join(home, 'second.csv')], { home });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/nothing else to export/);
    const out = join(home, 'again.csv');
    expect(remit(['export-gl', '--reexport', 'J2', '--out', out], { home }).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(home, 'exports', 'journal-demo.csv'), 'utf8'));
  });

  it('reports applications as CSV with the agreed columns, amounts in major units', () => {
    const csv = remit(['report', 'applications', '--format', 'csv'], { home }).stdout;
    expect(csv.split('\n')[0]).toMatch(/^payer,payment_ref,payment_date,line_no,line_ref,invoice_number,cash,discount,deduction,currency,method,confidence,status/);
    const rows = parseCsv(csv);
    expect(rows.every((r) => /^-?\d+\.\d{2}$/.test(r['cash']!) && ['applied', 'proposed'].includes(r['status']!))).toBe(true);
    const json = JSON.parse(remit(['report', 'applications', '--json'], { home }).stdout) as unknown[];
    expect(json).toHaveLength(rows.length);
  });
});

describe('open-invoice snapshots', () => {
  it('a newer snapshot replaces open amounts and closes what it no longer lists, keeping application history', () => {
    const ws = newWorkspace('DEMO');
    try {
      expect(remit(['invoices', 'import', join(DEMO, 'open_invoices.csv')], { home: ws }).code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; payer: string }> };
      const first = manifest.files.find((f) => f.payer === 'BIGMART')!;
      expect(remit(['import', '--payer', 'BIGMART', join(DEMO, first.file)], { home: ws }).code).toBe(0);
      expect(remit(['match'], { home: ws }).code).toBe(0);
      const before = remit(['report', 'applications', '--format', 'csv'], { home: ws }).stdout;
      expect(parseCsv(before).length).toBeGreaterThan(0);

      // Tomorrow's aging: only the first 10 invoices are still open.
      const lines = readFileSync(join(DEMO, 'open_invoices.csv'), 'utf8').trim().split('\r\n');
      const newer = join(ws, 'aging-tomorrow.csv');
      writeFileSync(newer, `${lines.slice(0, 11).join('\r\n')}\r\n`);
      const result = remit(['invoices', 'import', newer], { home: ws });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/10 open items.*\d+ no longer open/);
      expect(remit(['report', 'applications', '--format', 'csv'], { home: ws }).stdout).toBe(before);
    } finally {
      removeDir(ws);
    }
  }, 60_000);
});
