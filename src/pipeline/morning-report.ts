/**
 * `remit report morning` (and the page `remit run` leaves in runs/<id>/morning.html): what
 * an AR lead wants to see at the start of the day, as plain data. What arrived overnight
 * per source and payer, how much remit applied on its own (today and the last 30 days),
 * the work queue with the ids to act on, deductions by reason and age, portal health.
 * The page (src/pages) and the terminal summary are both drawn from this one value, so the
 * numbers on them are the CLI's numbers.
 */
import { addDays, isoDay } from '../core/dates.js';
import type { AgeBucket, DailyApplication, DeductionAging, ExceptionRow } from '../ledger/index.js';
import type { MorningReport } from '../pages/morning-data.js';
import { companyOf, type PipelineContext } from './context.js';
import { workspaceStatus } from './status.js';

/** Days the application-rate chart covers. */
export const RATE_DAYS = 30;
/** Lines of the work queue listed by name, oldest first; the rest are counted. */
export const QUEUE_LINES = 25;

export type { MorningReport };

export async function morningReport(ctx: PipelineContext, options: { company?: string; since?: string } = {}): Promise<MorningReport> {
  const company = options.company ? companyOf(ctx.config, options.company) : undefined;
  const now = ctx.clock.now();
  const today = isoDay(now);
  const status = await workspaceStatus(ctx);
  // Overnight: since the last run started, when it was within a day and a half; else the last 24 hours.
  const lastRun = status.lastRun?.startedAt;
  const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const since = options.since ?? (lastRun && now.getTime() - Date.parse(lastRun) < 36 * 3600_000 ? lastRun : dayAgo);
  const from = addDays(today, -(RATE_DAYS - 1));
  const { ledger } = ctx;
  const daily = await ledger.reports.dailyApplication(from, company);
  const days: DailyApplication[] = [];
  for (let day = from; day <= today; day = addDays(day, 1)) days.push(daily.find((d) => d.day === day) ?? { day, lines: 0, autoLines: 0, payments: 0, autoPayments: 0 });
  const queue = await ledger.reports.workQueue(today, company);
  const lines: ExceptionRow[] = [];
  for await (const page of ledger.reports.listing('exceptions', company)) {
    for (const row of page) if (row.lineId !== null && lines.length < QUEUE_LINES) lines.push(row);
    if (lines.length >= QUEUE_LINES) break;
  }
  const waiting = await ledger.reports.exceptionCount(company);
  const deductions = await ledger.reports.deductionAging(today, company);
  return {
    generatedAt: now.toISOString(),
    company: company ?? null,
    today,
    since,
    intake: await ledger.reports.intake(since, company),
    days,
    todayFigures: days.at(-1)!,
    last30: sum(days),
    queue: { ...queue, lines, moreLines: Math.max(0, waiting - lines.length), unappliedTotals: totals(queue.unapplied) },
    deductions,
    deductionTotals: byReason(deductions),
    status,
  };
}

function sum(days: DailyApplication[]): MorningReport['last30'] {
  return days.reduce((t, d) => ({ lines: t.lines + d.lines, autoLines: t.autoLines + d.autoLines, payments: t.payments + d.payments, autoPayments: t.autoPayments + d.autoPayments }), { lines: 0, autoLines: 0, payments: 0, autoPayments: 0 });
}

function totals(buckets: AgeBucket[]): Array<{ currency: string; count: number; amountMinor: number }> {
  const out = new Map<string, { currency: string; count: number; amountMinor: number }>();
  for (const b of buckets) {
    const t = out.get(b.currency) ?? { currency: b.currency, count: 0, amountMinor: 0 };
    t.count += b.count;
    t.amountMinor += b.amountMinor;
    out.set(b.currency, t);
  }
  return [...out.values()];
}

function byReason(rows: DeductionAging[]): MorningReport['deductionTotals'] {
  const out = new Map<string, { reasonCode: string; currency: string; count: number; amountMinor: number }>();
  for (const r of rows) {
    const key = `${r.reasonCode}\u0000${r.currency}`;
    const t = out.get(key) ?? { reasonCode: r.reasonCode, currency: r.currency, count: 0, amountMinor: 0 };
    t.count += r.count;
    t.amountMinor += r.amountMinor;
    out.set(key, t);
  }
  return [...out.values()].sort((a, b) => b.amountMinor - a.amountMinor);
}
