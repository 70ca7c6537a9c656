/** `remit status`: the last run, each portal's health, and what waits for a person. */
import { displayMinor } from '../../core/money.js';
import { workspaceStatus } from '../../pipeline/status.js';
import type { Context } from '../context.js';
import { render } from '../table.js';
import { withWorkspace } from '../workspace.js';
import { localTime } from '../../core/times.js';

export async function run(options: { json?: boolean }, ctx: Context): Promise<number> {
  const status = await withWorkspace(ctx, (pipeline) => workspaceStatus(pipeline));
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `last run      ${status.lastRun ? `${status.lastRun.runId}, started ${localTime(status.lastRun.startedAt)}${status.lastRun.since ? ` (${status.lastRun.since} to ${status.lastRun.until})` : ''}${status.lastRunExitCode ? `, exit ${status.lastRunExitCode}` : ''}` : 'never'}`,
    `need a person ${status.pendingExceptions} line(s) in remit report exceptions`,
    `deductions    ${status.openDeductions} open (${displayMinor(status.openDeductionsMinor)}): ${status.openDeductions - status.standaloneDeductions} on invoices, ${status.standaloneDeductions} on their own (remit report deductions)`,
    `failed files  ${status.failedDocuments} (remit report documents)`,
    `flagged       ${status.flaggedPayments} payment(s) whose file disagrees with itself (payment-review in remit report exceptions)`,
    status.cash.entries === 0
      ? 'cash          no bank statement imported (remit bank import FILE...)'
      : `cash          ${status.cash.reconciled} bank entries reconciled, ${status.cash.unidentified} unidentified (${displayMinor(status.cash.unidentifiedMinor)}), ${status.cash.returned} returned, ${status.cash.ignored} not receipts${status.cash.pending ? `, ${status.cash.pending} not reconciled yet (remit reconcile)` : ''}; remittances: ${status.cash.inTransit} in transit, ${status.cash.notReceived} cash not received (remit report cash)`,
    `next run      ${status.nextScheduledRun ?? 'not scheduled (remit schedule install)'}`,
    '',
  ];
  ctx.stdout.write(lines.join('\n'));
  for (const m of status.mailboxes) {
    const state = m.loginRefused ? `LOGIN REFUSED ${m.loginRefused} (not tried again until: remit mail password ${m.id})` : `${m.lastStatus}${m.lastSuccess ? `, last success ${localTime(m.lastSuccess)}` : ''}${m.consecutiveFailures ? `, ${m.consecutiveFailures} failure(s) in a row` : ''}`;
    ctx.stdout.write(`mailbox       ${m.id}: ${state}${m.waiting ? `; ${m.waiting} message(s) wait (remit mail fetch --retry-failed after fixing)` : ''}\n`);
  }
  if (status.portals.length === 0) {
    ctx.stdout.write('portals       none (remit portal add)\n');
    return 0;
  }
  ctx.stdout.write(render(status.portals.map((p) => ({ portal: p.id, last_status: p.lastStatus, last_success: p.lastSuccess ?? '', failures_in_a_row: p.consecutiveFailures })), ['portal', 'last_status', 'last_success', 'failures_in_a_row'], 'table', new Set(), ctx.stdout));
  // Held accounts are not tried at all: say why and how to end it, one line each.
  for (const p of status.portals) if (p.held) ctx.stdout.write(`${p.id}: ${p.held.reason}\n`);
  return 0;
}
