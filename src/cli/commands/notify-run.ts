/** After `remit run`: turn what the run did into a RunReport and send it where remit.yaml says. */
import type { Config } from '../../config/schema.js';
import type { AccountOutcome } from '../../fetch/accounts.js';
import type { RunFacts } from '../../ledger/run-facts.js';
import { sendNotifications, type ChannelResult, type RunReport } from '../../notify/index.js';
import { openSecretStore } from '../../secrets/index.js';
import type { Context } from '../context.js';

/** The keychain account that holds the SMTP password (kind `smtp`). */
export const NOTIFY_ACCOUNT = 'notify';

export function runReport(runId: string, startedAt: string, finishedAt: string, outcomes: AccountOutcome[], facts: RunFacts, exceptions: number): RunReport {
  return {
    runId,
    startedAt,
    finishedAt,
    portals: outcomes.map((o) => ({
      id: o.account.id, payer: o.account.payer, company: o.account.company, status: o.record.status, files: o.record.files, payments: o.record.payments,
      ...(o.record.errorKind ? { errorKind: o.record.errorKind } : {}), ...(o.record.message ? { message: o.record.message } : {}),
    })),
    documents: { imported: facts.documentsImported, failed: facts.failedDocuments },
    payments: { count: facts.payments.reduce((s, p) => s + p.count, 0), totals: facts.payments.map((p) => ({ currency: p.currency, amountMinor: p.amountMinor })) },
    applied: { lines: facts.applied.reduce((s, a) => s + a.lines, 0), totals: facts.applied.map((a) => ({ currency: a.currency, amountMinor: a.amountMinor })) },
    exceptions,
    deductions: facts.deductions.map((d) => ({ payer: d.payer, paymentRef: d.paymentRef, amountMinor: d.amountMinor, reasonCode: d.reasonCode, currency: d.currency, ...(d.invoice ? { invoice: d.invoice } : {}) })),
    unapplied: facts.unapplied,
    unbalancedRemittances: facts.unbalanced,
    shortPays: facts.shortPays,
  };
}

export async function notifyRun(report: RunReport, config: Config, workspace: string, ctx: Context, log: (line: string) => void): Promise<ChannelResult[]> {
  if (!config.notify.email && !config.notify.webhook) return [];
  return sendNotifications(report, config.notify, {
    getSmtpPassword: async () => (await openSecretStore(config.secrets, { workspace, env: ctx.env, platform: ctx.platform })).get(NOTIFY_ACCOUNT, 'smtp'),
    log,
    clock: ctx.clock,
  });
}
