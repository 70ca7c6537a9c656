/** `remit status`: the last run, each portal's health, and what waits for a person. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayMinor } from '../../core/money.js';
import { nextRun } from '../../schedule/next-run.js';
import { readScheduleRecord } from '../../schedule/record.js';
import type { Context } from '../context.js';
import { render } from '../table.js';
import { openWorkspace } from '../workspace.js';

export async function run(options: { json?: boolean }, ctx: Context): Promise<number> {
  const { paths, config, ledger } = openWorkspace(ctx);
  try {
    const last = ledger.fetches.lastRun();
    const health = new Map(ledger.fetches.portalStatus().map((p) => [p.account_id, p]));
    // Counts from indexed queries: status stays quick on a ledger holding years of lines.
    const deductionsOpen = ledger.reports.openDeductions();
    const lastSummary = latestSummary(paths.runs);
    const status = {
      lastRun: last ? { runId: last.run_id, startedAt: last.started_at, finishedAt: last.finished_at, since: last.since, until: last.until } : null,
      lastRunExitCode: lastSummary?.exitCode ?? null,
      portals: config.portals.map((p) => ({
        id: p.id,
        lastSuccess: health.get(p.id)?.last_success ?? null,
        consecutiveFailures: health.get(p.id)?.failures_since ?? 0,
        lastStatus: health.get(p.id)?.last_status ?? 'never run',
      })),
      pendingExceptions: ledger.reports.exceptionCount(),
      openDeductions: deductionsOpen.count,
      openDeductionsMinor: deductionsOpen.amountMinor,
      failedDocuments: ledger.reports.failedDocumentCount(),
      nextScheduledRun: nextScheduled(paths.root, ctx.clock.now()),
    };
    if (options.json) {
      ctx.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `last run      ${status.lastRun ? `${status.lastRun.runId} (${status.lastRun.since} to ${status.lastRun.until})${status.lastRunExitCode ? `, exit ${status.lastRunExitCode}` : ''}` : 'never'}`,
      `need a person ${status.pendingExceptions} line(s) in remit report exceptions`,
      `deductions    ${status.openDeductions} open (${displayMinor(status.openDeductionsMinor)})`,
      `failed files  ${status.failedDocuments} (remit report documents)`,
      `next run      ${status.nextScheduledRun ?? 'not scheduled (remit schedule install)'}`,
      '',
    ];
    ctx.stdout.write(lines.join('\n'));
    ctx.stdout.write(render(status.portals.map((p) => ({ portal: p.id, last_status: p.lastStatus, last_success: p.lastSuccess ?? '', failures_in_a_row: p.consecutiveFailures })), ['portal', 'last_status', 'last_success', 'failures_in_a_row'], 'table', new Set(), ctx.stdout.isTTY));
    return 0;
  } finally {
    ledger.close();
  }
}

function nextScheduled(root: string, now: Date): string | null {
  const record = readScheduleRecord(root);
  const next = record ? nextRun(record, now) : undefined;
  return next ? next.toISOString() : null;
}

function latestSummary(runsDir: string): { exitCode?: number } | undefined {
  if (!existsSync(runsDir)) return undefined;
  const withSummary = readdirSync(runsDir).filter((name) => existsSync(join(runsDir, name, 'summary.json'))).sort();
  const latest = withSummary.at(-1);
  return latest ? (JSON.parse(readFileSync(join(runsDir, latest, 'summary.json'), 'utf8')) as { exitCode?: number }) : undefined;
}
