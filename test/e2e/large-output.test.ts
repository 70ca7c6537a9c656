/**
 * Commands that write a year of data without holding it: the journal is written a payment at
 * a time yet stays balanced-or-nothing; a report table shows its first rows and says how many
 * more there are, while CSV gives every row; status counts with SQL.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, parseCsv, remit, removeDir } from '../support/cli.js';

let home: string;
const INVOICES = 30;

describe('large output', () => {
  beforeAll(() => {
    home = newWorkspace('NWF');
    // These generated files' dates all read either way: the payer's order is a setting, as an operator would write it.
    writeFileSync(join(home, 'remit.yaml'), readFileSync(join(home, 'remit.yaml'), 'utf8').replace('payers: {}', 'payers:\n  AMZ:\n    date_order: mdy'));
    const aging = ['Customer ID,Invoice No,Invoice Date,Currency,Original Amount,Open Amount'];
    const first = ['Invoice Number,Amount Paid,Payment Number,Payment Date'];
    const second = ['Invoice Number,Amount Paid,Payment Number,Payment Date'];
    for (let k = 1; k <= INVOICES; k += 1) {
      aging.push(`AMZ,INV-7000${String(k).padStart(2, '0')},09/01/2026,USD,${k}.00,${k}.00`);
      // Half paid in the first payment; the rest (and a line for nothing of ours) in a later one.
      (k <= INVOICES / 2 ? first : second).push(`INV-7000${String(k).padStart(2, '0')},${k}.00,${k <= INVOICES / 2 ? 'P-1,10/01/2026' : 'P-2,10/02/2026'}`);
    }
    for (let k = 1; k <= 5; k += 1) second.push(`NOT-OURS-${k},${k}.50,P-2,10/02/2026`);
    writeFileSync(join(home, 'aging.csv'), aging.join('\n'));
    writeFileSync(join(home, 'first.csv'), first.join('\n'));
    writeFileSync(join(home, 'second.csv'), second.join('\n'));
    expect(remit(['invoices', 'import', join(home, 'aging.csv')], { home }).code).toBe(0);
    expect(remit(['import', '--payer', 'AMZ', join(home, 'first.csv'), join(home, 'second.csv')], { home }).code).toBe(0);
    expect(remit(['match'], { home }).code).toBe(0);
  });
  afterAll(() => removeDir(home));

  it('writes nothing and records nothing when a payment late in the journal does not balance', () => {
    const db = new Database(join(home, 'ledger.db'));
    const damaged = db.prepare(`SELECT a.id FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id
                                WHERE r.payment_ref = 'P-2' ORDER BY a.id DESC LIMIT 1`).get() as { id: number };
    db.prepare('UPDATE applications SET cash_minor = cash_minor - 1 WHERE id = ?').run(damaged.id);
    db.close();

    const out = join(home, 'exports', 'journal.csv');
    const result = remit(['export-gl', '--out', out], { home });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/P-2 \(AMZ\) does not balance/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(home, 'exports'))).toEqual([]);
    const after = new Database(join(home, 'ledger.db'), { readonly: true });
    expect(after.prepare('SELECT COUNT(*) AS n FROM journals').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT COUNT(*) AS n FROM journal_lines').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT COUNT(*) AS n FROM applications WHERE journal_id IS NOT NULL').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT COUNT(*) AS n FROM remittances WHERE journal_id IS NOT NULL').get()).toEqual({ n: 0 });
    after.close();

    const repair = new Database(join(home, 'ledger.db'));
    repair.prepare('UPDATE applications SET cash_minor = cash_minor + 1 WHERE id = ?').run(damaged.id);
    repair.close();
    expect(remit(['export-gl', '--out', out], { home }).code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    const cents = (t: string | undefined) => (t ? Math.round(Number(t) * 100) : 0);
    expect(rows.map((r) => Number(r['line_no']))).toEqual(rows.map((_, k) => k + 1));
    expect(rows.reduce((s, r) => s + cents(r['debit']), 0)).toBe(rows.reduce((s, r) => s + cents(r['credit']), 0));
    expect(new Set(rows.map((r) => r['payment_ref']))).toEqual(new Set(['P-1', 'P-2']));
    const again = join(home, 'again.csv');
    expect(remit(['export-gl', '--reexport', 'J1', '--out', again], { home }).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('shows the first rows of a long table and says how many more there are; CSV has them all', () => {
    const table = remit(['report', 'applications', '--limit', '10'], { home });
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split('\n')).toHaveLength(2 + 10);
    expect(table.stderr).toMatch(/10 of 30 rows shown; --limit 0 shows them all/);
    const all = remit(['report', 'applications', '--limit', '0'], { home });
    expect(all.stdout.trim().split('\n')).toHaveLength(2 + INVOICES);
    expect(all.stderr).toBe('');
    expect(parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout)).toHaveLength(INVOICES);
    const json = JSON.parse(remit(['report', 'applications', '--json', '--limit', '3'], { home }).stdout) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(3);
    expect(json[0]).toMatchObject({ invoice_number: 'INV-700001', cash: '1.00', cash_minor: 100 });
    expect(JSON.parse(remit(['report', 'deductions', '--json'], { home }).stdout)).toEqual([]);
    expect(remit(['report', 'applications', '--limit', 'many'], { home }).code).toBe(2);
  });

  it('status counts what needs a person from the ledger', () => {
    const status = JSON.parse(remit(['status', '--json'], { home }).stdout) as Record<string, unknown>;
    const exceptions = parseCsv(remit(['report', 'exceptions', '--format', 'csv'], { home }).stdout).filter((e) => e['line_id']);
    expect(status).toMatchObject({ pendingExceptions: exceptions.length, openDeductions: 0, openDeductionsMinor: 0, failedDocuments: 0 });
    expect(exceptions.length).toBe(5);
  });
});
