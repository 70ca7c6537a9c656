/**
 * The night's statements on a ledger with history: every statement a night runs (each
 * payer's import, the open-invoice snapshot, match, export-gl, `remit status`, the run's
 * notification summary, morning report and what it added) is checked with EXPLAIN QUERY
 * PLAN on a ledger seeded with history, and none may read a table of history (invoices,
 * applications, remittance lines, payments, deductions, documents...) start to end, even
 * once: a night must cost what is new, not what the ledger holds. And the long report
 * listings stream in their order instead of sorting every row before the first.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { morningReport } from '../../../src/pipeline/morning-report.js';
import { listing } from '../../../src/pipeline/reports.js';
import { workspaceStatus } from '../../../src/pipeline/status.js';
import { NIGHT_CLOCK, nightFiles, nightWorkspace, runNight } from '../../support/night.js';
import { aliasesOf, countStatements, oneLine, planOf, scannedTable } from '../../support/query-plans.js';
import type { TestWorkspace } from '../../support/pipeline.js';

const HISTORY_TABLES = ['documents', 'batches', 'remittances', 'remittance_lines', 'line_adjustments', 'invoices', 'applications', 'deductions', 'journal_lines'];

/**
 * Partial indexes that hold what is outstanding, not history: read start to end they read
 * the work of today (what waits for a person, what is not posted, not matched, not decided).
 */
const OUTSTANDING = new Map([
  ['lines_needing_person', 'lines a person must look at'],
  ['lines_new', 'lines not decided yet'],
  ['remittances_needing_review', 'payments flagged for a person'],
  ['remittances_unmatched', 'payments not matched yet'],
  ['batches_unfinished', 'batches not finished (an interrupted import)'],
  ['applications_unposted', 'applications no journal has posted'],
  ['deductions_unposted', 'deductions no journal has posted'],
  ['deductions_open', 'deductions not resolved'],
  ['documents_failed', 'documents that failed'],
  ['invoices_open', 'the open invoices'],
  ['remittance_lines_held', 'review lines whose cash a journal holds back (cleared when the line is posted)'],
]);

/**
 * Known reads of history, left to their owners and listed so they stay seen: the bank
 * figures of `remit status` (whether each payment of the ledger has its cash) judge every
 * payment, one subquery each.
 */
const KNOWN = [/^SELECT COUNT\(\*\) AS total, COALESCE\(SUM\(\(SELECT COALESCE\(SUM\(CASE c\.status WHEN 'reconciled'/];

/** What is wrong with one step of a plan, if anything: a read of history start to end. */
function historyRead(sql: string, detail: string): string | undefined {
  if (KNOWN.some((known) => known.test(sql.trim()))) return undefined;
  if (/AUTOMATIC/.test(detail)) return 'an index built for the statement';
  const index = /USING (?:COVERING )?INDEX (\w+)/.exec(detail)?.[1];
  const table = scannedTable(sql, detail);
  if (table && HISTORY_TABLES.includes(table) && !(index && OUTSTANDING.has(index))) return `reads ${table} start to end`;
  // A search on the company (and payer) alone is every row of the company or payer: history too.
  const searched = /^SEARCH (\w+)(?: AS \w+)? USING (?:COVERING )?INDEX (\w+) \((?:company|customer|payer)=\?(?: AND (?:company|customer|payer)=\?)*\)$/.exec(detail.trim());
  const searchedTable = searched ? (aliasesOf(sql).get(searched[1]!) ?? searched[1]!) : undefined;
  if (searched && searchedTable && HISTORY_TABLES.includes(searchedTable) && !OUTSTANDING.has(searched[2]!) && !/\bLIMIT 1\b/.test(sql)) {
    return `reads every ${searchedTable} row of the company or payer`;
  }
  return undefined;
}

let ws: TestWorkspace & { home: string };
let executions: Map<string, number>;
let listings: Map<string, number>;
let stop = (): void => undefined;

beforeAll(async () => {
  ws = await nightWorkspace(20_000);
  const night = nightFiles(ws.home, 600);
  const counter = countStatements();
  ({ executions, stop } = counter);
  const startedAt = NIGHT_CLOCK.now().toISOString();
  // What `remit run` counts around its steps.
  const mark = await ws.ctx.ledger.reports.mark();
  const outcome = await runNight(ws, night);
  expect((await ws.ctx.ledger.reports.addedAfter(mark)).lines).toBe(night.lines);
  expect(outcome.imported).toBe(night.payerFiles.length);
  expect(outcome.matched.tally.applied).toBeGreaterThan(night.payingLines * 0.9);
  expect(outcome.exported.kind).toBe('written');
  await workspaceStatus(ws.ctx);
  await ws.ctx.ledger.reports.since(startedAt);
  await morningReport(ws.ctx, { since: startedAt });
  stop();
  // Not the night's: a report reads its whole table by definition, but must not sort it first.
  const reports = countStatements();
  ({ executions: listings, stop } = reports);
  for (const kind of ['applications', 'deductions'] as const) {
    // The first page, as `remit report` prints it, then the count of the rest.
    const shown = listing(ws.ctx, kind, { limit: 1 });
    for await (const page of shown.pages) expect(page).toHaveLength(1);
    await shown.rest();
  }
  stop();
}, 120_000);

afterAll(async () => {
  stop();
  await ws?.close().catch(() => undefined);
});

describe('query plans of a night on a ledger with history', () => {
  it('no statement of the night reads a table of history start to end', () => {
    const db = new Database(ws.ctx.paths.ledger, { readonly: true });
    const scans: string[] = [];
    try {
      for (const [sql, count] of executions) {
        if (!/^\s*(WITH|SELECT|UPDATE|DELETE|INSERT)/i.test(sql)) continue;
        const plan = planOf(db, sql);
        if (process.env['SHOW_PLANS']) process.stdout.write(`\n${oneLine(sql)}\n${plan.map((step) => `  ${step.detail}`).join('\n')}\n`);
        for (const step of plan) {
          const wrong = historyRead(sql, step.detail);
          if (wrong) scans.push(`${wrong}: ${step.detail} (run ${count} times) in: ${oneLine(sql)}`);
        }
      }
    } finally {
      db.close();
    }
    expect(executions.size).toBeGreaterThan(20);
    expect(scans).toEqual([]);
  });

  it('the listings of applications and deductions print their first row without sorting the ledger first', () => {
    const db = new Database(ws.ctx.paths.ledger, { readonly: true });
    try {
      const ordered = [...listings.keys()].filter((sql) => /ORDER BY r\.payment_date, r\.id, l\.line_no, [ad]\.id$/.test(sql.trim()));
      expect(ordered).toHaveLength(2);
      for (const sql of ordered) expect(planOf(db, sql).map((step) => step.detail), oneLine(sql)).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    } finally {
      db.close();
    }
  });
});
