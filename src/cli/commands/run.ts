/**
 * `remit run`: the nightly pipeline from remit.yaml: fetch every portal (each from its last
 * good day, less an overlap, so missed nights are caught up and a failed night is retried),
 * import, match, optionally export the journal; a JSON summary under runs/<run-id>/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, daysBetween } from '../../core/dates.js';
import { Ledger } from '../../ledger/index.js';
import { loadConfig } from '../../config/load.js';
import { workspacePaths } from '../../workspace/resolve.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { workspaceRoot } from '../workspace.js';
import { runFetch } from './fetch.js';
import { run as match } from './match.js';
import { run as exportGl } from './export-gl.js';
import { notifyRun, runReport } from './notify-run.js';

export interface RunOptions {
  since?: string;
  until?: string;
  company?: string;
  exportGl?: boolean;
}

export async function run(options: RunOptions, ctx: Context): Promise<number> {
  const paths = workspacePaths(workspaceRoot(ctx));
  const config = loadConfig(paths.config);
  const say = sayFor(ctx);
  const startedAt = ctx.clock.now().toISOString();
  const before = withLedger(paths.ledger, ctx, (ledger) => ledger.reports.counts());

  // Each portal catches up from its own last good day; an explicit --since wins for all.
  const lastGood = withLedger(paths.ledger, ctx, (ledger) => new Map(config.portals.map((account) => [account.id, ledger.fetches.lastGoodDay(account.id)])));
  const sinceFor = options.since
    ? undefined
    : (account: { id: string }, today: string): string => {
        const last = lastGood.get(account.id);
        const floor = addDays(today, -config.run.maxCatchUpDays);
        if (!last) return addDays(today, -config.run.firstDays);
        const from = addDays(last, -config.run.overlapDays);
        return from < floor ? floor : from;
      };
  const fetched = await runFetch({ ...(options.since ? { since: options.since } : {}), until: options.until ?? 'today', ...(options.company ? { company: options.company } : {}) }, ctx, sinceFor);
  const matchCode = await match({ ...(options.company ? { company: options.company } : {}) }, ctx);
  let journal: string | undefined;
  if (options.exportGl ?? config.run.exportGl) {
    const runDay = ctx.clock.now().toISOString().slice(0, 10);
    journal = join(paths.exports, `journal-${runDay}-${fetched.runId ?? 'run'}.csv`);
    await exportGl({ out: journal, ...(options.company ? { company: options.company } : {}) }, ctx);
  }
  const after = withLedger(paths.ledger, ctx, (ledger) => ledger.reports.counts());
  const runId = fetched.runId ?? startedAt.replace(/[-:]/g, '').replace(/\..*/, '');
  const summary = {
    runId,
    startedAt,
    finishedAt: ctx.clock.now().toISOString(),
    portals: fetched.outcomes.map((o) => ({
      id: o.account.id, status: o.record.status, errorKind: o.record.errorKind ?? null, message: o.record.message ?? null,
      files: o.record.files, payments: o.record.payments, fileErrors: o.record.fileErrors, attempts: o.record.attempts,
      since: sinceFor ? sinceFor(o.account, ctx.clock.now().toISOString().slice(0, 10)) : options.since, evidence: o.record.artifacts ?? null,
    })),
    new: Object.fromEntries(Object.entries(after).map(([key, value]) => [key, value - (before[key] ?? 0)])),
    totals: after,
    journal: journal ?? null,
    exitCode: Math.max(fetched.code, matchCode),
  };
  const facts = withLedger(paths.ledger, ctx, (ledger) => ledger.reports.since(startedAt));
  const report = runReport(runId, startedAt, summary.finishedAt, fetched.outcomes, facts, after['exceptions'] ?? 0);
  const sent = await notifyRun(report, config, paths.root, ctx, (line) => say.info(`notify: ${line}`));
  for (const result of sent) (result.ok ? say.info : say.warn)(`notify ${result.channel}: ${result.message}`);
  const notifications = sent.map((r) => ({ channel: r.channel, ok: r.ok, message: r.message }));
  if (sent.some((r) => !r.ok)) summary.exitCode = Math.max(summary.exitCode, 1);
  const runDir = join(paths.runs, runId);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'summary.json'), `${JSON.stringify({ ...summary, notifications }, null, 2)}\n`);
  const lag = [...lastGood.values()].filter(Boolean).map((day) => daysBetween(day!, ctx.clock.now().toISOString().slice(0, 10)));
  say.info(
    `run ${runId}: ${summary.new['documents'] ?? 0} new file(s), ${summary.new['payments'] ?? 0} payment(s), ${summary.new['applied'] ?? 0} line(s) applied; ` +
      `${after['exceptions'] ?? 0} line(s) need a person${lag.length && Math.max(...lag) > 1 ? `; caught up ${Math.max(...lag)} day(s)` : ''}`,
  );
  return summary.exitCode;
}

/** Open the ledger for one look; the steps of the run (fetch, match, export) open their own. */
function withLedger<T>(ledgerFile: string, ctx: Context, read: (ledger: Ledger) => T): T {
  const ledger = Ledger.open(ledgerFile, ctx.clock);
  try {
    return read(ledger);
  } finally {
    ledger.close();
  }
}
