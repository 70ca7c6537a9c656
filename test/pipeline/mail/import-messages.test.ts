/**
 * `remit import x.eml` as a use case (importFiles -> takeMessage) on a real ledger: a body
 * remittance imported as a document that is the message, the same message never taken twice,
 * junk skipped with its reason, the payer from `payers.<ID>.senders`, and a message whose
 * payer nothing tells failing with the reason and what to set.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFailed, importFiles } from '../../../src/pipeline/import-files.js';
import { SAMPLES } from '../../support/cli.js';
import { testWorkspace, type TestWorkspace } from '../../support/pipeline.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

const YAML = 'companies:\n  NWF:\n    name: Northwind\n';
const mail = (name: string) => join(SAMPLES, 'mail', name);
const HD_BODY = mail('20240927_123045_4b9a.eml');
const AMZ_TEXT = mail('20241001_101349_9a0b.eml');
const OUT_OF_OFFICE = mail('20240925_054247_eac4.eml');

describe('importing saved e-mail', () => {
  it('reads a body remittance as one document that is the message, and takes the message once', async () => {
    ws = await testWorkspace(YAML);
    const first = await importFiles(ws.ctx, { files: [HD_BODY], payer: 'HD', newPayer: true });
    expect(first.files).toMatchObject([{ file: '20240927_123045_4b9a.eml', status: 'imported', format: 'email', payments: 1, lines: 5 }]);
    const db = ws.inspect();
    expect(db.prepare('SELECT source, format, payer FROM documents').all()).toEqual([
      { source: expect.stringMatching(/^import <[^>]+>$/), format: 'email', payer: 'HD' },
    ]);
    expect(db.prepare('SELECT payment_ref, total_minor FROM remittances').all()).toEqual([{ payment_ref: '2000413898', total_minor: 4012399 }]);
    expect(db.prepare("SELECT mailbox_id, status FROM mail_messages").all()).toEqual([{ mailbox_id: 'import', status: 'imported' }]);

    const again = await importFiles(ws.ctx, { files: [HD_BODY], payer: 'HD', newPayer: true });
    expect(again.files).toMatchObject([{ status: 'skipped', message: expect.stringMatching(/taken before/) }]);
    expect(importFailed(again.files)).toBe(false);
    expect(db.prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(1);
  });

  it('skips an automatic reply with its reason and imports nothing', async () => {
    ws = await testWorkspace(YAML);
    const outcome = await importFiles(ws.ctx, { files: [OUT_OF_OFFICE] });
    expect(outcome.files).toMatchObject([{ status: 'skipped', message: expect.stringMatching(/automatic reply/) }]);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(0);
  });

  it('takes the payer from payers.<ID>.senders', async () => {
    ws = await testWorkspace(`${YAML}payers:\n  AMZ:\n    senders: ["@remittance.amazon.example"]\n`);
    const outcome = await importFiles(ws.ctx, { files: [AMZ_TEXT] });
    expect(outcome.files).toMatchObject([{ status: 'imported', format: 'email', payments: 1 }]);
    expect(ws.inspect().prepare('SELECT payer, payment_ref FROM remittances').all()).toEqual([{ payer: 'AMZ', payment_ref: '43167605' }]);
  });

  it('a message nothing tells the payer of fails with the reason and what to set; nothing is imported', async () => {
    ws = await testWorkspace(YAML);
    const outcome = await importFiles(ws.ctx, { files: [AMZ_TEXT] });
    expect(outcome.files).toMatchObject([{ status: 'failed', message: expect.stringMatching(/who paid is not certain: .*payers\.<ID>\.senders.*--payer/) }]);
    expect(importFailed(outcome.files)).toBe(true);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(0);
    // The original is kept all the same.
    expect(ws.inspect().prepare("SELECT status, inbox_path FROM mail_messages").get()).toMatchObject({ status: 'needs-payer', inbox_path: expect.stringMatching(/^inbox\//) });
  });
});
