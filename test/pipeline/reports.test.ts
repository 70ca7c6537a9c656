/** `remit report` and `remit status` as use cases: listings page by page, cut at a limit, counted. */
import { afterEach, describe, expect, it } from 'vitest';
import { match } from '../../src/pipeline/match.js';
import { LISTING_KINDS, listing } from '../../src/pipeline/reports.js';
import { workspaceStatus } from '../../src/pipeline/status.js';
import type { TestWorkspace } from '../support/pipeline.js';
import { demoLedger } from './demo-ledger.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

async function rowsOf(pages: AsyncIterable<ReadonlyArray<unknown>>): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

describe('listings', () => {
  it('every listing reads whole with no limit, and a limit says how many more there are', async () => {
    ws = await demoLedger();
    await match(ws.ctx);
    const db = ws.inspect();
    const applications = db.prepare('SELECT COUNT(*) FROM applications').pluck().get() as number;
    for (const kind of LISTING_KINDS) {
      const all = listing(ws.ctx, kind, { limit: 0 });
      const rows = await rowsOf(all.pages);
      expect(rows.length, kind).toBeGreaterThan(0);
      expect(await all.rest()).toEqual({ more: false, total: rows.length });
    }
    const cut = listing(ws.ctx, 'applications', { limit: 3 });
    expect(await rowsOf(cut.pages)).toHaveLength(3);
    expect(await cut.rest()).toEqual({ more: true, total: applications });
    const [first] = (await rowsOf(listing(ws.ctx, 'applications', { limit: 1 }).pages)) as Array<Record<string, unknown>>;
    expect(Object.keys(first!)).toEqual(expect.arrayContaining(['applicationId', 'paymentRef', 'cashMinor', 'invoiceNumber', 'journalId']));
  });

  it('status counts what waits for a person', async () => {
    ws = await demoLedger();
    await match(ws.ctx);
    const status = await workspaceStatus(ws.ctx);
    const db = ws.inspect();
    expect(status).toMatchObject({
      lastRun: null,
      pendingExceptions: db.prepare(`SELECT COUNT(*) FROM remittance_lines WHERE status IN ('unapplied', 'review') OR unapplied_minor <> 0`).pluck().get(),
      openDeductions: db.prepare(`SELECT COUNT(*) FROM deductions WHERE status = 'open'`).pluck().get(),
      failedDocuments: 0,
      nextScheduledRun: null,
    });
  });
});
