/** `remit export-gl` as a use case: a balanced journal of what no journal holds yet, written again unchanged. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { exportJournal, reexportJournal } from '../../src/pipeline/export-journal.js';
import { match } from '../../src/pipeline/match.js';
import type { TestWorkspace } from '../support/pipeline.js';
import { demoLedger } from './demo-ledger.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

describe('exportJournal', () => {
  it('writes a balanced journal once; the next export has nothing; a re-export is the same file', async () => {
    ws = await demoLedger();
    await match(ws.ctx);
    const out = join(ws.root, 'exports', 'j.csv');
    const written = await exportJournal(ws.ctx, { out });
    if (written.kind !== 'written') throw new Error('nothing was exported');
    expect(written.totals.debitMinor).toBe(written.totals.creditMinor);
    const text = readFileSync(out, 'utf8');
    expect(text.trimEnd().split('\r\n')).toHaveLength(written.totals.lines + 1);
    expect(await exportJournal(ws.ctx, { out: join(ws.root, 'exports', 'again.csv') })).toMatchObject({ kind: 'nothing', recovered: [] });
    const again = await reexportJournal(ws.ctx, { id: `J${written.journalId}`, out: join(ws.root, 'exports', 'copy.csv') });
    expect(readFileSync(again.file, 'utf8')).toBe(text);
    expect(again.journal).toMatchObject({ id: written.journalId, lineCount: written.totals.lines, debitMinor: written.totals.debitMinor });
  });

  it('an unknown format or journal, or a folder that does not exist, is a usage error', async () => {
    ws = await demoLedger();
    await expect(exportJournal(ws.ctx, { format: 'netsuite' })).rejects.toThrow(/--format netsuite: the formats are generic, netsuite-journal, netsuite-payment, qbo-journal, xero-journal, bc-cash-receipt, intacct-journal, sap-lockbox/);
    await expect(reexportJournal(ws.ctx, { id: '99' })).rejects.toBeInstanceOf(UsageError);
    await match(ws.ctx);
    await expect(exportJournal(ws.ctx, { out: join(ws.root, 'no', 'such', 'j.csv') })).rejects.toThrow(/does not exist/);
  });
});
