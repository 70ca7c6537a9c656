/**
 * Every statement the ledger runs per line or per invoice must use an index: the flow of
 * the shared samples (invoices, four payers' remittances, match, journal, reports) runs
 * against a real SQLite file, each statement's executions are counted, and every one is
 * checked with EXPLAIN QUERY PLAN: a full scan of a ledger table inside a join or subquery,
 * or in a statement run per row, fails.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { matchPayer } from '../../src/matching/match.js';
import { parseInvoiceFile, parseRemittanceFile } from '../../src/parsers/index.js';
import { buildJournal, journalEntry } from '../../src/gl/journal.js';
import { parseConfig } from '../../src/config/parse.js';
import { SAMPLES, parseCsv } from '../support/cli.js';
import { parseOptions } from '../support/parse-options.js';

const LEDGER_TABLES = ['documents', 'remittances', 'remittance_lines', 'line_adjustments', 'invoices', 'applications', 'deductions', 'journal_lines', 'portal_downloads', 'portal_runs'];
const executions = new Map<string, number>();

// Count how often each SQL text is executed, whatever statement object runs it.
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function counted(this: Database.Database, source: string) {
  const statement = prepare.call(this, source) as Database.Statement;
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      executions.set(source, (executions.get(source) ?? 0) + 1);
      return original(...args);
    };
  }
  return statement;
} as typeof Database.prototype.prepare;

/** alias -> table for every `FROM table alias` / `JOIN table alias` in a statement. */
function aliasesOf(sql: string): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const [, table, alias] = match;
    if (alias && !/^(WHERE|ON|JOIN|LEFT|INNER|GROUP|ORDER|LIMIT|USING)$/i.test(alias)) aliases.set(alias, table!);
    aliases.set(table!, table!);
  }
  return aliases;
}

const dir = mkdtempSync(join(tmpdir(), 'remit-plans-'));
afterAll(() => {
  Database.prototype.prepare = prepare;
  rmSync(dir, { recursive: true, force: true });
});

describe('query plans', () => {
  it('no statement run per line or per invoice scans a whole ledger table', async () => {
    const { config } = parseConfig({ companies: { NWF: { currency: 'USD' } } });
    const ledger = Ledger.open(join(dir, 'ledger.db'), { now: () => new Date('2026-11-22T05:30:00Z') }, { create: true });
    const invoices = parseInvoiceFile(readFileSync(join(SAMPLES, 'open_invoices.csv')), parseOptions('open_invoices.csv'));
    ledger.transaction(() => ledger.invoices.importSnapshot('NWF', invoices.invoices, 'open_invoices.csv', 'sha'));
    const batch = ledger.documents.startBatch('NWF', 'import', null);
    for (const row of parseCsv(readFileSync(join(SAMPLES, 'manifest.csv'), 'utf8'))) {
      const bytes = readFileSync(join(SAMPLES, row['file']!));
      const parsed = await parseRemittanceFile(bytes, parseOptions(row['file']!, { payer: row['payer']! }));
      ledger.transaction(() => {
        const sha = `${row['file']}`;
        const documentId = ledger.documents.record({
          sha256: sha, originalName: sha, source: 'import', format: parsed.format, status: 'imported', error: null, diagnostics: [], sizeBytes: bytes.length,
          inboxPath: sha, company: 'NWF', payer: row['payer']!, batchId: batch, remittanceCount: 0, duplicateCount: 0,
        });
        for (const remittance of parsed.remittances) ledger.remittances.insert(remittance, { documentId, batchId: batch, company: 'NWF', payer: row['payer']! });
      });
    }
    // As `remit match` does it: payer by payer, in one transaction.
    ledger.transaction(() => {
      for (const { company, payer } of ledger.matching.payersWithWork()) {
        const work = ledger.matching.pendingFor(company, payer);
        ledger.matching.write(matchPayer(work.lines, ledger.matching.invoicesForPayer(company, payer), config!.matching), 'test', work);
      }
      ledger.matching.markMatched();
    });
    for (const work of ledger.matching.pendingWork()) ledger.matching.save(matchPayer(work.lines, ledger.matching.invoicesForPayer(work.company, work.payer), config!.matching), 'test');
    buildJournal(ledger.journals.unexported('NWF'), config!.companies['NWF']!.gl);
    // As `remit export-gl` does it: one payment at a time, recorded as it is written.
    ledger.transaction(() => {
      const id = ledger.journals.nextId();
      ledger.journals.start(id, 'NWF', 'generic', 'journal.csv', ledger.invoices.latestSnapshotId('NWF'));
      let lines = 0;
      for (const header of ledger.journals.postableHeaders('NWF')) {
        const remittance = ledger.journals.postable(header);
        const entry = journalEntry(remittance, config!.companies['NWF']!.gl, lines + 1);
        ledger.journals.post(id, entry, remittance);
        lines += entry.length;
      }
      ledger.journals.finish(id, lines, 0, 0);
      expect([...ledger.journals.linesOf(id)]).toHaveLength(lines);
    });
    for (const report of ['applications', 'exceptions', 'deductions', 'documents', 'batches'] as const) {
      ledger.reports[report]();
      ledger.reports.count(report);
    }
    // What `remit status`, `remit match` and the nightly run count.
    ledger.reports.counts();
    ledger.reports.counts('NWF');
    ledger.reports.exceptionCount();
    ledger.reports.exceptionCount('NWF');
    ledger.reports.openDeductions();
    ledger.reports.failedDocumentCount();
    ledger.close();

    const db = new Database(join(dir, 'ledger.db'), { readonly: true });
    expect([...executions.values()].filter((count) => count >= 10).length).toBeGreaterThan(5);
    const scans: string[] = [];
    for (const [sql, count] of executions) {
      if (!/^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(sql)) continue;
      const parameters = (sql.match(/\?/g) ?? []).map(() => null);
      const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
      const named = names.length > 0 ? Object.fromEntries(names.map((name) => [name, name === 'since' ? '' : null])) : undefined;
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(named ? [named] : parameters)) as Array<{ detail: string }>;
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
    expect(scans).toEqual([]);
  });
});
