/**
 * `remit report morning [--html FILE] [--open] [--format table|json]`: the morning report,
 * as a terminal summary, JSON, or one self-contained HTML page.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import { localTime } from '../../core/times.js';
import { morningPage } from '../../pages/morning-page.js';
import type { MorningReport } from '../../pages/morning-data.js';
import { morningReport } from '../../pipeline/morning-report.js';
import { writeFileAtomic } from '../../workspace/atomic-file.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { withWorkspace } from '../workspace.js';

export interface MorningOptions {
  html?: string;
  open?: boolean;
  format?: string;
  json?: boolean;
  company?: string;
}

export async function run(options: MorningOptions, ctx: Context): Promise<number> {
  const format = options.json ? 'json' : (options.format ?? 'table');
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format ${format}: the morning report is a table or JSON (or --html FILE)`);
  const report = await withWorkspace(ctx, (pipeline) => morningReport(pipeline, options.company ? { company: options.company } : {}));
  const say = sayFor(ctx);
  if (options.html) {
    const file = resolve(options.html);
    await writeFileAtomic(file, morningPage(report, { localTime: (iso) => localTime(iso) }), 0o644);
    say.ok(`morning report written to ${file}`);
    if (options.open) openInBrowser(file, ctx, say.warn);
  }
  if (format === 'json') ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (!options.html) ctx.stdout.write(summaryText(report));
  return 0;
}

/** The same figures as the page, for a terminal. */
export function summaryText(r: MorningReport): string {
  const pct = (part: number, whole: number): string => (whole === 0 ? '-' : `${Math.floor((part * 1000) / whole) / 10}%`);
  const money = (rows: Array<{ currency: string; amountMinor: number }>): string => rows.map((t) => `${displayMinor(t.amountMinor)} ${t.currency}`).join(', ') || '0.00';
  const lines = [
    `The morning of ${r.today}${r.company ? ` (${r.company})` : ''}; overnight since ${localTime(r.since)}`,
    `applied on its own  today ${pct(r.todayFigures.autoLines, r.todayFigures.lines)} of ${r.todayFigures.lines} lines, ${pct(r.todayFigures.autoPayments, r.todayFigures.payments)} of ${r.todayFigures.payments} payments; ` +
      `last 30 days ${pct(r.last30.autoLines, r.last30.lines)} of ${r.last30.lines} lines`,
    `need a person        ${r.status.pendingExceptions} line(s): ${r.queue.review} for review, ${r.queue.proposals} proposals; unapplied ${money(r.queue.unappliedTotals)}`,
    `open deductions      ${r.status.openDeductions} (${displayMinor(r.status.openDeductionsMinor)})${r.deductionTotals.length ? `: ${r.deductionTotals.slice(0, 5).map((t) => `${t.reasonCode} ${displayMinor(t.amountMinor)} ${t.currency}`).join(', ')}` : ''}`,
    `overnight            ${r.intake.reduce((n, i) => n + i.files, 0)} file(s), ${r.intake.reduce((n, i) => n + i.payments, 0)} payment(s), ${r.intake.reduce((n, i) => n + i.failed, 0)} failed`,
  ];
  for (const i of r.intake) lines.push(`  ${i.source}${i.payer ? ` ${i.payer}` : ''}: ${i.files} file(s), ${i.payments} payment(s) ${money(i.amounts)}${i.failed ? `, ${i.failed} failed` : ''}`);
  const failing = r.status.portals.filter((p) => p.consecutiveFailures > 0 || p.held);
  const portalState = (p: (typeof failing)[number]): string => (p.held ? `${p.id} (held: ${p.held.reason})` : `${p.id} (${p.consecutiveFailures} in a row)`);
  lines.push(`portals              ${r.status.portals.length - failing.length} of ${r.status.portals.length} fine${failing.length ? `; failing: ${failing.map(portalState).join(', ')}` : ''}`);
  const mailboxes = r.status.mailboxes ?? [];
  if (mailboxes.length) {
    const bad = mailboxes.filter((m) => m.loginRefused || m.consecutiveFailures > 0);
    const waiting = mailboxes.reduce((n, m) => n + m.waiting, 0);
    lines.push(`mailboxes            ${mailboxes.length - bad.length} of ${mailboxes.length} fine${bad.length ? `; failing: ${bad.map((m) => (m.loginRefused ? `${m.id} (login refused)` : `${m.id} (${m.consecutiveFailures} in a row)`)).join(', ')}` : ''}${waiting ? `; ${waiting} message(s) waiting for a person: remit mail waiting` : ''}`);
  }
  const cash = r.status.cash;
  if (cash && cash.entries + cash.inTransit + cash.notReceived > 0) {
    lines.push(`cash                 ${cash.reconciled} of ${cash.entries} bank entries reconciled, ${cash.unidentified} unidentified, ${cash.pending} not reconciled yet; ${cash.inTransit} remittance(s) in transit, ${cash.notReceived} not received: remit report cash`);
  }
  if (r.queue.lines.length) lines.push(`oldest waiting: ${r.queue.lines.slice(0, 3).map((l) => `line ${l.lineId} (${l.payer} ${l.paymentRef})`).join(', ')}: remit explain LINE, remit review`);
  lines.push('the page: remit report morning --html morning.html [--open]');
  return `${lines.join('\n')}\n`;
}

/** Open the page in the person's browser (only from a terminal; never in an unattended run). */
function openInBrowser(file: string, ctx: Context, warn: (text: string) => void): void {
  if (!ctx.stdout.isTTY) {
    warn('--open needs a terminal: the page is written, open it yourself');
    return;
  }
  const [command, args] = ctx.platform === 'win32' ? ['cmd', ['/c', 'start', '', file]] : ctx.platform === 'darwin' ? ['open', [file]] : ['xdg-open', [file]];
  spawn(command, args as string[], { detached: true, stdio: 'ignore' }).on('error', (err) => warn(`could not open a browser (${err.message}): open ${file} yourself`)).unref();
}
