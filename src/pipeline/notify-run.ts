/** After `remit run`: what the run did as a RunReport, sent where remit.yaml says. */
import type { Config } from '../config/schema.js';
import type { RunFacts } from '../ledger/index.js';
import { sendNotifications, type ChannelResult, type RunReport } from '../notify/index.js';
import type { SecretStore } from '../secrets/index.js';
import type { Clock } from '../core/clock.js';
import type { AccountOutcome } from './fetch-portals.js';

/** The keychain account that holds the SMTP password (kind `smtp`). */
export const NOTIFY_ACCOUNT = 'notify';

export function runReport(runId: string, startedAt: string, finishedAt: string, outcomes: readonly AccountOutcome[], facts: RunFacts, exceptions: number): RunReport {
  return {
    runId,
    startedAt,
    finishedAt,
    portals: outcomes.map((o) => ({
      id: o.account.id, payer: o.account.payer, company: o.account.company, status: o.record.status, files: o.record.files, payments: o.record.payments,
      // A held account is reported by what the portal refused, with the way out of the hold.
      ...(o.held ? { errorKind: o.held.errorKind } : o.record.errorKind ? { errorKind: o.record.errorKind } : {}),
      ...(o.record.message ? { message: o.record.message } : {}),
      ...(o.held ? { hint: `store a new secret with remit portal password ${o.account.id} --password-stdin, or clear the hold with remit portal resume ${o.account.id}; until then remit does not try this account` } : {}),
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

/** Send the run's report on every channel remit.yaml names; none named, nothing sent. */
export async function notifyRun(report: RunReport, config: Config, secrets: () => Promise<SecretStore>, clock: Clock, log: (line: string) => void): Promise<ChannelResult[]> {
  if (!config.notify.email && !config.notify.webhook) return [];
  return sendNotifications(report, config.notify, {
    getSmtpPassword: async () => (await secrets()).get(NOTIFY_ACCOUNT, 'smtp'),
    log,
    clock,
  });
}

/** `remit notify password`: the SMTP password, kept in the keychain only. */
export async function storeSmtpPassword(secrets: SecretStore, password: string): Promise<void> {
  await secrets.set(NOTIFY_ACCOUNT, 'smtp', password);
}
