/** `remit status`: the last run, each portal's health, and what waits for a person. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextRun } from '../schedule/next-run.js';
import { readScheduleRecord } from '../schedule/record.js';
import { cashReport } from './cash-report.js';
import type { PipelineContext } from './context.js';
import type { PortalHold } from '../ledger/index.js';
import { holdReason } from './portal-holds.js';

export interface WorkspaceStatus {
  lastRun: { runId: string; startedAt: string; finishedAt: string | null; since: string; until: string } | null;
  lastRunExitCode: number | null;
  portals: Array<{
    id: string;
    lastSuccess: string | null;
    consecutiveFailures: number;
    lastStatus: string;
    /** Set when runs skip the account because the portal refused its credentials. */
    held: { kind: string; since: string; message: string; reason: string } | null;
  }>;
  /** Each mailbox: its last run, a refused login (not tried again until the secret is replaced), messages waiting. */
  mailboxes: Array<{ id: string; lastSuccess: string | null; consecutiveFailures: number; lastStatus: string; loginRefused: string | null; waiting: number }>;
  pendingExceptions: number;
  openDeductions: number;
  openDeductionsMinor: number;
  /** Of the open deductions, those with no invoice (the payer's own debit memos); the rest reduce an invoice. */
  standaloneDeductions: number;
  failedDocuments: number;
  /** Payments imported flagged for a person (a stated total the lines do not reach...). */
  flaggedPayments: number;
  nextScheduledRun: string | null;
  /** The cash side: bank entries by where they stand, remittances still waiting for their cash. */
  cash: CashStatus;
}

export interface CashStatus {
  entries: number;
  reconciled: number;
  unidentified: number;
  unidentifiedMinor: number;
  ignored: number;
  returned: number;
  /** Entries read but not reconciled yet (remit reconcile). */
  pending: number;
  inTransit: number;
  notReceived: number;
}

export async function workspaceStatus(ctx: PipelineContext): Promise<WorkspaceStatus> {
  const { ledger } = ctx;
  const fetchRun = await ledger.fetches.lastRun();
  const nightly = latestSummary(ctx.paths.runs);
  // The last `remit run` (its summary), or a `remit fetch` after it: whichever started last.
  const last =
    nightly && (!fetchRun || nightly.startedAt >= fetchRun.startedAt)
      ? { runId: nightly.runId, startedAt: nightly.startedAt, finishedAt: nightly.finishedAt ?? null, since: nightly.since ?? fetchRun?.since ?? '', until: nightly.until ?? fetchRun?.until ?? '' }
      : fetchRun;
  const health = new Map((await ledger.fetches.portalHealth()).map((p) => [p.accountId, p]));
  const holds = new Map((await ledger.fetches.holds()).map((h) => [h.accountId, h]));
  // Counts from indexed queries: status stays quick on a ledger holding years of lines.
  const deductionsOpen = await ledger.reports.openDeductions();
  return {
    lastRun: last ?? null,
    lastRunExitCode: nightly && last?.runId === nightly.runId ? (nightly.exitCode ?? null) : null,
    portals: ctx.config.portals.map((p) => ({
      id: p.id,
      lastSuccess: health.get(p.id)?.lastSuccess ?? null,
      consecutiveFailures: health.get(p.id)?.failuresSince ?? 0,
      lastStatus: holds.has(p.id) ? 'held' : (health.get(p.id)?.lastStatus ?? 'never run'),
      held: heldOf(holds.get(p.id)),
    })),
    mailboxes: await mailboxStatus(ctx),
    pendingExceptions: await ledger.reports.exceptionCount(),
    openDeductions: deductionsOpen.count,
    openDeductionsMinor: deductionsOpen.amountMinor,
    standaloneDeductions: deductionsOpen.standalone,
    failedDocuments: await ledger.reports.failedDocumentCount(),
    flaggedPayments: await ledger.reports.flaggedPaymentCount(),
    nextScheduledRun: nextScheduled(ctx.paths.root, ctx.clock.now()),
    cash: await cashStatus(ctx),
  };
}

async function cashStatus(ctx: PipelineContext): Promise<CashStatus> {
  const counts = await ctx.ledger.bank.counts();
  const waiting = counts.entries === 0 ? [] : (await cashReport(ctx)).filter((r) => r.kind === 'remittance');
  return {
    entries: counts.entries, reconciled: counts.reconciled, unidentified: counts.unidentified, unidentifiedMinor: counts.unidentifiedMinor,
    ignored: counts.ignored, returned: counts.returned, pending: counts.pending,
    inTransit: waiting.filter((r) => r.status === 'in-transit').length, notReceived: waiting.filter((r) => r.status === 'not-received').length,
  };
}

async function mailboxStatus(ctx: PipelineContext): Promise<WorkspaceStatus['mailboxes']> {
  const states = new Map((await ctx.ledger.mail.states()).map((s) => [s.mailboxId, s]));
  const waiting = await ctx.ledger.mail.waiting();
  return ctx.config.mail.mailboxes.map((m) => {
    const state = states.get(m.id);
    return {
      id: m.id,
      lastSuccess: state?.lastSuccess ?? null,
      consecutiveFailures: state?.failuresSince ?? 0,
      lastStatus: state?.lastStatus ?? 'never run',
      loginRefused: state?.authFailedAt ? `${state.authFailedAt}: ${state.authMessage ?? ''}`.trim() : null,
      waiting: waiting.filter((w) => w.mailboxId === m.id).length,
    };
  });
}

function heldOf(hold: PortalHold | undefined): WorkspaceStatus['portals'][number]['held'] {
  if (!hold) return null;
  return { kind: hold.errorKind, since: hold.heldAt, message: hold.message, reason: holdReason(hold) };
}

function nextScheduled(root: string, now: Date): string | null {
  const record = readScheduleRecord(root);
  const next = record ? nextRun(record, now) : undefined;
  return next ? next.toISOString() : null;
}

interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt?: string;
  since?: string;
  until?: string;
  exitCode?: number;
}

/** The newest runs/<id>/summary.json a `remit run` wrote (run ids sort by time). */
function latestSummary(runsDir: string): RunSummary | undefined {
  if (!existsSync(runsDir)) return undefined;
  const withSummary = readdirSync(runsDir).filter((name) => existsSync(join(runsDir, name, 'summary.json'))).sort();
  const latest = withSummary.at(-1);
  if (!latest) return undefined;
  const summary = JSON.parse(readFileSync(join(runsDir, latest, 'summary.json'), 'utf8')) as RunSummary & { portals?: Array<{ since?: string }> };
  const since = summary.portals?.map((p) => p.since).filter((d): d is string => Boolean(d)).sort()[0];
  return { ...summary, ...(since ? { since } : {}) };
}
