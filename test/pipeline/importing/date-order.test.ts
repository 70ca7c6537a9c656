/**
 * The order of day and month is never guessed: a file whose dates all read either way is
 * refused naming payers.<ID>.date_order, unless the payer's own earlier documents proved the
 * order (a day above 12), which the ledger remembers; then it is read so, with a warning. In
 * one import, a refused file is read again once a later file has proved the order.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/pipeline/import-files.js';
import { testWorkspace, type TestWorkspace } from '../../support/pipeline.js';

const HEADER = 'Invoice Number,Amount Paid,Payment Number,Payment Date\r\n';

let ws: TestWorkspace;
afterEach(async () => ws.close());

function csv(name: string, paymentRef: string, date: string): string {
  const file = join(ws.root, name);
  writeFileSync(file, `${HEADER}INV-1,10.00,${paymentRef},${date}\r\nINV-2,5.00,${paymentRef},${date}\r\n`);
  return file;
}

describe('the order of day and month', () => {
  it('an ambiguous file alone is refused with the setting to write, and nothing is stored', async () => {
    ws = await testWorkspace();
    const [outcome] = (await importFiles(ws.ctx, { files: [csv('a.csv', 'P1', '03/04/2024')], payer: 'ACME', newPayer: true })).files;
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringMatching(/payers\.ACME\.date_order/) });
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(0);
  });

  it('the payer\'s earlier file proves the order; a later ambiguous one is read so, with a warning naming it', async () => {
    ws = await testWorkspace();
    await importFiles(ws.ctx, { files: [csv('proof.csv', 'P1', '25/04/2024')], payer: 'ACME', newPayer: true });
    const [outcome] = (await importFiles(ws.ctx, { files: [csv('later.csv', 'P2', '03/04/2024')], payer: 'ACME', newPayer: true })).files;
    expect(outcome).toMatchObject({ status: 'imported', diagnostics: [expect.objectContaining({ level: 'warning', message: expect.stringMatching(/read dmy, as payer ACME's document 1 \(proof\.csv\)/) })] });
    expect(ws.inspect().prepare("SELECT payment_date FROM remittances WHERE payment_ref = 'P2'").pluck().get()).toBe('2024-04-03');
    // Another payer learns nothing from ACME.
    const [other] = (await importFiles(ws.ctx, { files: [csv('other.csv', 'P3', '03/04/2024')], payer: 'BETA', newPayer: true })).files;
    expect(other!.status).toBe('failed');
  });

  it('in one import, a file refused for its dates is read again once a later file of the payer proved the order', async () => {
    ws = await testWorkspace();
    const files = [csv('first.csv', 'P1', '04/03/2024'), csv('second.csv', 'P2', '04/25/2024')];
    const outcome = await importFiles(ws.ctx, { files, payer: 'ACME', newPayer: true });
    expect(outcome.files.map((f) => f.status)).toEqual(['imported', 'imported']);
    expect(ws.inspect().prepare('SELECT payment_ref, payment_date FROM remittances ORDER BY payment_ref').raw().all()).toEqual([['P1', '2024-04-03'], ['P2', '2024-04-25']]);
  });

  it('a setting in remit.yaml wins, and a date it cannot read fails the file', async () => {
    ws = await testWorkspace('companies:\n  MAIN:\n    name: Main\npayers:\n  ACME:\n    date_order: mdy\n');
    const [ok, wrong] = (await importFiles(ws.ctx, { files: [csv('a.csv', 'P1', '03/04/2024'), csv('b.csv', 'P2', '25/04/2024')], payer: 'ACME', newPayer: true })).files;
    expect(ok!.status).toBe('imported');
    expect(ws.inspect().prepare("SELECT payment_date FROM remittances WHERE payment_ref = 'P1'").pluck().get()).toBe('2024-03-04');
    expect(wrong).toMatchObject({ status: 'failed', message: expect.stringMatching(/25\/04\/2024/) });
  });
});
