/** `remit status`: the last run, each portal's health, and what waits for a person. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextRun } from '../schedule/next-run.js';
import { readScheduleRecord } from '../schedule/record.js';
import type { PipelineContext } from './context.js';

export interface WorkspaceStatus {
  lastRun: { runId: string; startedAt: string; finishedAt: string | null; since: string; until: string } | null;
  lastRunExitCode: number | null;
  portals: Array<{ id: string; lastSuccess: string | null; consecutiveFailures: number; lastStatus: string }>;
  pendingExceptions: number;
  openDeductions: number;
  openDeductionsMinor: number;
  failedDocuments: number;
  /** Payments imported flagged for a person (a stated total the lines do not reach...). */
  flaggedPayments: number;
  nextScheduledRun: string | null;
}

export async function workspaceStatus(ctx: PipelineContext): Promise<WorkspaceStatus> {
  const { ledger } = ctx;
  const last = await ledger.fetches.lastRun();
  const health = new Map((await ledger.fetches.portalHealth()).map((p) => [p.accountId, p]));
  // Counts from indexed queries: status stays quick on a ledger holding years of lines.
  const deductionsOpen = await ledger.reports.openDeductions();
  return {
    lastRun: last ?? null,
    lastRunExitCode: latestSummary(ctx.paths.runs)?.exitCode ?? null,
    portals: ctx.config.portals.map((p) => ({
      id: p.id,
      lastSuccess: health.get(p.id)?.lastSuccess ?? null,
      consecutiveFailures: health.get(p.id)?.failuresSince ?? 0,
      lastStatus: health.get(p.id)?.lastStatus ?? 'never run',
    })),
    pendingExceptions: await ledger.reports.exceptionCount(),
    openDeductions: deductionsOpen.count,
    openDeductionsMinor: deductionsOpen.amountMinor,
    failedDocuments: await ledger.reports.failedDocumentCount(),
    flaggedPayments: await ledger.reports.flaggedPaymentCount(),
    nextScheduledRun: nextScheduled(ctx.paths.root, ctx.clock.now()),
  };
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
