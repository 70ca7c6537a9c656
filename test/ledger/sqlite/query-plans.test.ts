/**
 * Every statement the ledger runs per line or per invoice must use an index: the flow of
 * the shared samples (invoices, four payers' remittances, match, journal, reports) runs
 * against a real SQLite file, each statement's executions are counted, and every one is
 * checked with EXPLAIN QUERY PLAN: a full scan of a ledger table inside a join or subquery,
 * or in a statement run per row, fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { exportJournal } from '../../../src/pipeline/export-journal.js';
import { importFiles } from '../../../src/pipeline/import-files.js';
import { importInvoices } from '../../../src/pipeline/import-invoices.js';
import { match } from '../../../src/pipeline/match.js';
import { LISTING_KINDS, listing } from '../../../src/pipeline/reports.js';
import { workspaceStatus } from '../../../src/pipeline/status.js';
import { SAMPLES, parseCsv } from '../../support/cli.js';
import { aliasesOf, countStatements, planOf } from '../../support/query-plans.js';
import { testWorkspace } from '../../support/pipeline.js';

const LEDGER_TABLES = ['documents', 'remittances', 'remittance_lines', 'line_adjustments', 'invoices', 'applications', 'deductions', 'journal_lines', 'portal_downloads', 'portal_runs'];
const { executions, stop } = countStatements();

afterAll(stop);

describe('query plans', () => {
  it('no statement run per line or per invoice scans a whole ledger table', async () => {
    // The flow of the shared samples through the pipeline's own use cases, as the commands run it.
    const ws = await testWorkspace('companies:\n  NWF:\n    currency: USD\n', { clock: { now: () => new Date('2026-11-22T05:30:00Z') } });
    const { ctx } = ws;
    await importInvoices(ctx, { file: join(SAMPLES, 'open_invoices.csv') });
    for (const row of parseCsv(readFileSync(join(SAMPLES, 'manifest.csv'), 'utf8'))) {
      await importFiles(ctx, { files: [join(SAMPLES, row['file']!)], payer: row['payer']! });
    }
    const matched = await match(ctx);
    expect(matched.tally.applied).toBeGreaterThan(400);
    const exported = await exportJournal(ctx, { out: join(ws.root, 'exports', 'journal.csv') });
    expect(exported.kind).toBe('written');
    for (const kind of LISTING_KINDS) {
      const rows = listing(ctx, kind, { limit: 0 });
      for await (const page of rows.pages) expect(page.length).toBeGreaterThan(0);
      await listing(ctx, kind, { limit: 1 }).rest();
    }
    // What `remit status`, `remit match` and the nightly run count.
    await workspaceStatus(ctx);
    await ctx.ledger.reports.counts();
    await ctx.ledger.reports.counts('NWF');
    await ctx.ledger.reports.exceptionCount('NWF');
    await ctx.ledger.reports.since('2026-11-01');
    const file = ctx.paths.ledger;
    await ctx.ledger.close();

    const db = new Database(file, { readonly: true });
    expect([...executions.values()].filter((count) => count >= 10).length).toBeGreaterThan(5);
    const scans: string[] = [];
    for (const [sql, count] of executions) {
      if (!/^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(sql)) continue;
      const plan = planOf(db, sql);
      plan.forEach((step, index) => {
        // SQLite builds a throw-away index when none fits: the index that should exist is missing.
        if (/AUTOMATIC/.test(step.detail)) scans.push(`${step.detail} (run ${count} times) in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
        const scan = /^SCAN (\w+)(?: AS \w+)?$/.exec(step.detail.trim());
        // SQLite names a table by its alias in the plan (SCAN a): resolve it from the SQL.
        const table = scan ? (aliasesOf(sql).get(scan[1]!) ?? scan[1]!) : undefined;
        if (!table || !LEDGER_TABLES.includes(table)) return;
        // A listing (a report, the lines waiting for match) may read its own table once, start
        // to end; a scan inside a join or subquery, or in a statement run per row, is per-row work.
        if (index === 0 && count < 10) return;
        scans.push(`${step.detail} (run ${count} times) in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      });
    }
    db.close();
    await ws.close().catch(() => undefined);
    expect(scans).toEqual([]);
  });
});
