/** `remit import` as a use case: one batch, the originals kept, a file or payment seen before recognised. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { importFailed, importFiles } from '../../src/pipeline/import-files.js';
import { DEMO_YAML, demoFiles, testWorkspace, type TestWorkspace } from '../support/pipeline.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

describe('importFiles', () => {
  it('imports a payer\'s files into one batch and keeps every original in the inbox', async () => {
    ws = await testWorkspace(DEMO_YAML);
    const files = demoFiles().byPayer.get('SHOPCO')!;
    const outcome = await importFiles(ws.ctx, { files, payer: 'SHOPCO', newPayer: true });
    expect(outcome.files.map((f) => f.status)).toEqual(files.map(() => 'imported'));
    expect(importFailed(outcome.files)).toBe(false);
    const db = ws.inspect();
    expect(db.prepare('SELECT DISTINCT batch_id FROM documents').pluck().all()).toEqual([outcome.batchId]);
    expect(db.prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(files.length);
    const kept = readdirSync(join(ws.root, 'inbox'), { recursive: true }).map(String).filter((name) => name.endsWith('.xlsx'));
    expect(kept).toHaveLength(files.length);
  });

  it('the same file again is recognised, and the same payment from another file is not created twice', async () => {
    ws = await testWorkspace(DEMO_YAML);
    const bigmart = demoFiles().byPayer.get('BIGMART')!;
    const copy = bigmart.find((f) => f.endsWith(' (1).csv'))!;
    const original = bigmart.find((f) => f.endsWith(copy.replace(' (1).csv', '.csv').split('/').at(-1)!))!;
    await importFiles(ws.ctx, { files: [original], payer: 'BIGMART', newPayer: true });
    const again = await importFiles(ws.ctx, { files: [original, copy], payer: 'BIGMART', newPayer: true });
    expect(again.files.map((f) => f.status)).toEqual(['already-imported', 'duplicate']);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(1);
  });

  it('a missing file fails on its own line and the batch leaves nothing behind; a bad payer code is a usage error', async () => {
    ws = await testWorkspace(DEMO_YAML);
    const outcome = await importFiles(ws.ctx, { files: [join(ws.root, 'nope.csv')], payer: 'BIGMART', newPayer: true });
    expect(outcome.files).toEqual([{ file: join(ws.root, 'nope.csv'), status: 'failed', message: 'no such file' }]);
    expect(importFailed(outcome.files)).toBe(true);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM batches').pluck().get()).toBe(0);
    await expect(importFiles(ws.ctx, { files: ['x.csv'], payer: 'BIG MART' })).rejects.toBeInstanceOf(UsageError);
    await expect(importFiles(ws.ctx, { files: ['x.csv'], payer: 'BIGMARTT' })).rejects.toThrow(/no open-invoice file of DEMO and no payers.BIGMARTT/);
  });
});
