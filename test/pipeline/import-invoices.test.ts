/** `remit invoices import` as a use case: a snapshot per file; invoices a newer one no longer lists are closed. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RemitError } from '../../src/core/errors.js';
import { importInvoices } from '../../src/pipeline/import-invoices.js';
import { DEMO_YAML, demoFiles, testWorkspace, type TestWorkspace } from '../support/pipeline.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

describe('importInvoices', () => {
  it('loads a snapshot, and a newer one that leaves an invoice out closes it', async () => {
    ws = await testWorkspace(DEMO_YAML);
    const { invoices } = demoFiles();
    const first = await importInvoices(ws.ctx, { file: invoices });
    const rows = readFileSync(invoices, 'utf8').trimEnd().split(/\r?\n/);
    expect(first).toMatchObject({ company: 'DEMO', rows: rows.length - 1, added: rows.length - 1, updated: 0, closed: 0, diagnostics: [] });
    const fewer = join(ws.root, 'aging-2.csv');
    writeFileSync(fewer, `${rows.slice(0, -2).join('\r\n')}\r\n`);
    const second = await importInvoices(ws.ctx, { file: fewer });
    expect(second).toMatchObject({ added: 0, updated: rows.length - 3, closed: 2 });
    expect(second.snapshotId).toBeGreaterThan(first.snapshotId);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM invoices WHERE in_latest_snapshot = 0 AND open_minor = 0').pluck().get()).toBe(2);
  });

  it('a file that is not there is one clear error', async () => {
    ws = await testWorkspace(DEMO_YAML);
    await expect(importInvoices(ws.ctx, { file: join(ws.root, 'nope.csv') })).rejects.toThrow(RemitError);
  });
});
