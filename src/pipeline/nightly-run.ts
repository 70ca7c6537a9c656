/**
 * `remit run`: the nightly pipeline on one open ledger: fetch every portal (each from its
 * last good day, less an overlap, so missed nights are caught up and a failed night is
 * retried), read every mailbox from where it stopped, import, match, optionally export the journal, notify; a JSON summary under
 * runs/<run-id>/. Each step's outcome is handed to `onStep` as soon as it is known.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortalAccount } from '../config/schema.js';
import { addDays, daysBetween } from '../core/dates.js';
import type { ChannelResult } from '../notify/index.js';
import { exportJournal, type ExportOutcome } from './export-journal.js';
import { companyOf, type PipelineContext } from './context.js';
import { fetchPortals, type FetchOutcome, type FetchServices } from './fetch-portals.js';
import { match, type MatchOutcome } from './match.js';
import { bankInboxStep, type BankInboxOutcome } from './bank-inbox.js';
import { cashNotice } from './cash-report.js';
import { notifyRun, runReport } from './notify-run.js';
import { morningReport } from './morning-report.js';
import { backupLedger, type BackupOutcome } from './backup.js';
import { errorMessage } from '../core/errors.js';
import { morningPage } from '../pages/morning-page.js';
import { localTime } from '../core/times.js';
import type { MailFetchOutcome } from './mail/fetch-mail.js';

export interface NightlyRequest {
  since?: string;
  until?: string;
  company?: string;
  exportGl?: boolean;
}

export type NightlyStep =
  | { kind: 'backup'; outcome: BackupOutcome | null; error: string | null }
  | { kind: 'fetch'; outcome: FetchOutcome }
  | { kind: 'bank'; outcome: BankInboxOutcome }
  | { kind: 'mail'; outcome: MailFetchOutcome }
  | { kind: 'match'; outcome: MatchOutcome }
  | { kind: 'export'; outcome: ExportOutcome }
  | { kind: 'notify'; results: ChannelResult[] };

export interface NightlyOutcome {
  runId: string;
  exitCode: number;
  /** What the run added: documents, payments, lines applied... */
  added: Record<string, number>;
  exceptions: number;
  /** Days the furthest-behind portal was caught up, when more than one. */
  caughtUpDays: number;
  summaryFile: string;
  /** runs/<id>/morning.html */
  morningFile: string;
}

export async function nightlyRun(ctx: PipelineContext, services: FetchServices, request: NightlyRequest, onStep: (step: NightlyStep) => void = () => undefined): Promise<NightlyOutcome> {
  const { ledger, config } = ctx;
  const startedAt = ctx.clock.now().toISOString();
  // Where the ledger ends now, and what waits: each a look-up, never a count of every table
  // (at years of data a count of the ledger is seconds, twice a night).
  // A checked copy of the ledger before the night writes into it (backups.before_run); a
  // backup that fails is said and makes the run exit 1, but the night goes on: a missed
  // night of remittances helps nobody, and the ledger itself is untouched by the failure.
  let backup: { file: string | null; error: string | null } | null = null;
  if (config.backups.beforeRun) {
    try {
      const taken = await backupLedger(ctx);
      backup = { file: taken.file, error: null };
      onStep({ kind: 'backup', outcome: taken, error: null });
    } catch (err) {
      backup = { file: null, error: errorMessage(err) };
      onStep({ kind: 'backup', outcome: null, error: backup.error });
    }
  }
  const mark = await ledger.reports.mark();
  const waitingBefore = { exceptions: await ledger.reports.exceptionCount(), failedDocuments: await ledger.reports.failedDocumentCount() };

  // Each portal catches up from its own last good day; an explicit --since wins for all.
  const lastGood = new Map<string, string | undefined>();
  for (const account of config.portals) lastGood.set(account.id, await ledger.fetches.lastGoodDay(account.id));
  const sinceFor = request.since
    ? undefined
    : (account: PortalAccount, today: string): string => {
        const last = lastGood.get(account.id);
        const floor = addDays(today, -config.run.maxCatchUpDays);
        if (!last) return addDays(today, -config.run.firstDays);
        const from = addDays(last, -config.run.overlapDays);
        return from < floor ? floor : from;
      };
  const fetched = await fetchPortals(ctx, services, {
    ...(request.since ? { since: request.since } : {}), until: request.until ?? 'today', ...(request.company ? { company: request.company } : {}),
    ...(sinceFor ? { sinceFor } : {}),
  });
  onStep({ kind: 'fetch', outcome: fetched });
  // The IMAP client is loaded only when there is a mailbox to read.
  const mailed: MailFetchOutcome = config.mail.mailboxes.length
    ? await (await import('./mail/fetch-mail.js')).fetchMail(ctx, { secrets: services.secrets }, request.company ? { company: request.company } : {})
    : { runId: undefined, mailboxes: [], failed: false };
  if (mailed.runId !== undefined) onStep({ kind: 'mail', outcome: mailed });
  // Statements from bank.inbox, reconciled before match (matching.require_cash needs the night's cash).
  const bank = await bankInboxStep(ctx, request.company);
  if (bank) onStep({ kind: 'bank', outcome: bank });
  const matched = await match(ctx, { ...(request.company ? { company: request.company } : {}) });
  onStep({ kind: 'match', outcome: matched });
  const runId = fetched.runId ?? startedAt.replace(/[-:]/g, '').replace(/\..*/, '');
  let journal: string | undefined;
  if (request.exportGl ?? config.run.exportGl) {
    const runDay = startedAt.slice(0, 10);
    journal = join(ctx.paths.exports, `journal-${runDay}-${fetched.runId ?? 'run'}${config.companies[companyOf(config, request.company)]?.posting.exportFormat === 'sap-lockbox' ? '.txt' : '.csv'}`);
    onStep({ kind: 'export', outcome: await exportJournal(ctx, { out: journal, ...(request.company ? { company: request.company } : {}) }) });
  }
  const after = { exceptions: await ledger.reports.exceptionCount(), failedDocuments: await ledger.reports.failedDocumentCount() };
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const added: Record<string, number> = {
    ...(await ledger.reports.addedAfter(mark)),
    exceptions: after.exceptions - waitingBefore.exceptions,
    failedDocuments: after.failedDocuments - waitingBefore.failedDocuments,
  };
  const summary = {
    runId,
    startedAt,
    finishedAt: ctx.clock.now().toISOString(),
    portals: fetched.accounts.map((o) => ({
      id: o.account.id, status: o.record.status, errorKind: o.record.errorKind ?? null, message: o.record.message ?? null,
      files: o.record.files, payments: o.record.payments, fileErrors: o.record.fileErrors, attempts: o.record.attempts,
      alreadyDownloaded: o.alreadyDownloaded, rowsSeen: o.record.rowsSeen,
      since: sinceFor ? sinceFor(o.account, today) : request.since, evidence: o.record.artifacts ?? null,
      held: o.held ? { kind: o.held.errorKind, since: o.held.heldAt, message: o.held.message } : null,
    })),
    mailboxes: mailed.mailboxes.map((o) => ({
      id: o.mailbox.id, status: o.status, message: o.message, messages: o.messages.length,
      imported: o.messages.filter((m) => m.status === 'imported').length, failed: o.messages.filter((m) => m.status === 'failed').length,
      waiting: o.messages.filter((m) => m.status === 'needs-payer').length,
    })),
    new: added,
    // What waits for a person after the run; the counts of the whole ledger are `remit status` and `remit report`'s.
    totals: after,
    journal: journal ?? null,
    bank: bank ? { folder: bank.folder, files: bank.files.map((f) => ({ file: f.file, status: f.status })), reconciled: bank.reconciled?.tally ?? null, message: bank.message ?? null } : null,
    backup,
    exitCode: fetched.failed || mailed.failed || bank?.failed || backup?.error ? 1 : 0,
  };
  const facts = await ledger.reports.since(startedAt);
  const runDir = join(ctx.paths.runs, runId);
  mkdirSync(runDir, { recursive: true });
  // The morning report of this run: linked from the notification and the summary.
  const morningFile = join(runDir, 'morning.html');
  const morning = morningPage(await morningReport(ctx, { since: startedAt, ...(request.company ? { company: request.company } : {}) }), { localTime: (iso) => localTime(iso) });
  writeFileSync(morningFile, morning);
  const cash = (await ledger.bank.companies()).length ? { cash: await cashNotice(ctx, request.company) } : {};
  const report = { ...runReport(runId, startedAt, summary.finishedAt, fetched.accounts, facts, after.exceptions), ...cash, morningPage: { path: morningFile, html: morning } };
  const sent = await notifyRun(report, config, services.secrets, ctx.clock, (line) => ctx.log(`notify: ${line}`));
  onStep({ kind: 'notify', results: sent });
  const notifications = sent.map((r) => ({ channel: r.channel, ok: r.ok, message: r.message }));
  if (sent.some((r) => !r.ok)) summary.exitCode = Math.max(summary.exitCode, 1);
  const summaryFile = join(runDir, 'summary.json');
  writeFileSync(summaryFile, `${JSON.stringify({ ...summary, morningReport: morningFile, notifications }, null, 2)}\n`);
  const lag = [...lastGood.values()].filter((day): day is string => Boolean(day)).map((day) => daysBetween(day, today));
  return { runId, exitCode: summary.exitCode, added, exceptions: after.exceptions, caughtUpDays: lag.length ? Math.max(...lag) : 0, summaryFile, morningFile };
}
