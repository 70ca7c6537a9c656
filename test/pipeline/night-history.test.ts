/**
 * History does not change the night: the same night's files (each payer's remittances and
 * the morning's open-invoice snapshot) run on a ledger holding history and on an empty
 * one give the same decisions for the night's lines and the same applications, invoice by
 * invoice and cent by cent. And a line naming a paid invoice of history is still told so,
 * though match reads only the open invoices and the closed ones the lines name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/pipeline/import-files.js';
import { match } from '../../src/pipeline/match.js';
import { remittanceCsv } from '../../src/tools/samplegen/writers/csv.js';
import { nightFiles, nightWorkspace, runNight, type NightOutcome } from '../support/night.js';
import type { TestWorkspace } from '../support/pipeline.js';

/** The night's payments are numbered from 700,000,000 (samplegen/scale/night.ts); history's below. */
const NIGHT_PAYMENTS = 'CAST(r.payment_ref AS INTEGER) >= 700000000';

let withHistory: TestWorkspace & { home: string };
let without: TestWorkspace & { home: string };
let outcomes: NightOutcome[] = [];

beforeAll(async () => {
  withHistory = await nightWorkspace(20_000);
  without = await nightWorkspace(0);
  const night = nightFiles(withHistory.home, 600);
  outcomes = [await runNight(withHistory, night), await runNight(without, night)];
}, 120_000);

afterAll(async () => {
  await withHistory?.close().catch(() => undefined);
  await without?.close().catch(() => undefined);
});

function applications(db: Database.Database): unknown[] {
  return db
    .prepare(
      `SELECT r.payer, r.payment_ref, l.line_no, i.number, a.cash_minor, a.discount_minor, a.deduction_minor, a.write_off_minor, a.method, a.confidence, a.status
       FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id JOIN invoices i ON i.id = a.invoice_id
       WHERE ${NIGHT_PAYMENTS} ORDER BY r.payer, r.payment_ref, l.line_no, i.number`,
    )
    .raw()
    .all();
}

function decisions(db: Database.Database): unknown[] {
  return db
    .prepare(`SELECT r.payer, r.payment_ref, l.line_no, l.status, l.unapplied_minor, l.note FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
              WHERE ${NIGHT_PAYMENTS} ORDER BY r.payer, r.payment_ref, l.line_no`)
    .raw()
    .all();
}

describe('a night on a ledger with history', () => {
  it('gives the same applications and decisions as the same night on an empty ledger', () => {
    const [old, fresh] = [withHistory.inspect(), without.inspect()];
    expect((old.prepare('SELECT COUNT(*) FROM remittance_lines').pluck().get() as number)).toBeGreaterThan(20_000);
    const found = applications(fresh);
    expect(found.length).toBeGreaterThan(500);
    expect(applications(old)).toEqual(found);
    expect(decisions(old)).toEqual(decisions(fresh));
    expect(outcomes[0]!.exported.kind).toBe('written');
  });

  it('still tells a line that names a paid invoice of history that it is not open', async () => {
    const db = withHistory.inspect();
    const paid = db.prepare(`SELECT customer, number, original_minor AS amount FROM invoices WHERE in_latest_snapshot = 0 AND number LIKE 'INV-%' ORDER BY id LIMIT 1`).get() as
      { customer: string; number: string; amount: number };
    // Paid again, written by its digits alone: found through its normalised number.
    const reference = paid.number.replace(/^INV-/, '');
    const file = join(withHistory.home, 'paid-again.csv');
    writeFileSync(file, remittanceCsv({
      payer: paid.customer, paymentRef: '990000001', paymentDate: '2027-04-09', currency: 'USD', totalMinor: paid.amount,
      lines: [{ lineNo: 1, reference, po: '', invoiceDate: '', grossMinor: paid.amount, discountMinor: 0, deductionMinor: 0, reasonRaw: '', reasonCode: '',
        paidMinor: paid.amount, case: 'not-open', expectedInvoice: '', cashMinor: 0, unappliedMinor: paid.amount }],
    }));
    await importFiles(withHistory.ctx, { files: [file], payer: paid.customer });
    const outcome = await match(withHistory.ctx);
    expect(outcome.tally.unapplied).toBeGreaterThanOrEqual(1);
    const line = db.prepare(`SELECT l.status, l.note FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE r.payment_ref = '990000001'`).get() as
      { status: string; note: string };
    expect(line.status).toBe('unapplied');
    expect(line.note).toContain(`${paid.number} is not open`);
  });
});
