/**
 * `remit mail fetch` (and the mail step of `remit run`): each mailbox of remit.yaml read from
 * its cursor (UIDVALIDITY + last UID, so a fetch resumes where the last one stopped), every
 * new message taken once (takeMessage; the same Message-ID or bytes seen before is not taken
 * again), then moved to the processed folder (or flagged) when remit took it, flagged when it
 * was skipped, and left where it was when it failed or waits for a person. Each message is
 * recorded with the cursor in one transaction; a move is recorded before the server is asked
 * and finished by the next fetch after a crash. A refused login is one attempt: remembered,
 * and the mailbox is not tried again until its secret is replaced.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Mailbox as MailboxSettingsEntry } from '../../config/schema.js';
import { addDays, isoDay, resolveDayWord } from '../../core/dates.js';
import { RemitError, UsageError, errorMessage } from '../../core/errors.js';
import type { MailMessageRecord } from '../../ledger/index.js';
import { MailboxError } from '../../mail/imap/errors.js';
import { openMailbox, type Mailbox, type MailboxSettings } from '../../mail/imap/mailbox.js';
import { formPoster, type PostForm } from '../../mail/oauth/http.js';
import type { OpenInvoiceLookup } from '../../mail/payer.js';
import type { SecretStore } from '../../secrets/index.js';
import { companyOf, type PipelineContext } from '../context.js';
import { mailCredential, MailSecretRefused } from './credentials.js';
import { openInvoiceLookup } from './invoice-lookup.js';
import { knownSenders, mailLimits, takeMessage, type MessageOutcome } from './take-message.js';

export interface MailServices {
  secrets(): Promise<SecretStore>;
  /** The OAuth2 token endpoint's transport; tests and proxies replace it. */
  post?: PostForm;
}

export interface MailFetchRequest {
  /** Only what the server received on or after this day (a first run reads run.first_days back). */
  since?: string;
  mailbox?: string[];
  company?: string;
  /** Take again the messages that failed (after a change to remit.yaml or the open invoices). */
  retryFailed?: boolean;
}

export interface TakenMessage extends MessageOutcome {
  uid: number;
  /** What remit did to it in the folder: moved to X, flagged, left. */
  disposition: string;
}

export interface MailboxOutcome {
  mailbox: MailboxSettingsEntry;
  status: 'ok' | 'failed' | 'blocked';
  /** Why it failed or was not tried. */
  message: string | null;
  hint: string | null;
  messages: TakenMessage[];
}

export interface MailFetchOutcome {
  runId: string | undefined;
  mailboxes: MailboxOutcome[];
  /** A mailbox failed or was not tried, or a message failed. */
  failed: boolean;
}

/** What a person sees on a message remit took (when there is no processed folder) or skipped. */
const IMPORTED_FLAGS = ['\\Seen', '$RemitImported'];
const SKIPPED_FLAGS = ['$RemitSkipped'];

export async function fetchMail(ctx: PipelineContext, services: MailServices, request: MailFetchRequest = {}): Promise<MailFetchOutcome> {
  const { config } = ctx;
  const today = isoDay(ctx.clock.now());
  let since: string | undefined;
  if (request.since !== undefined) {
    const day = resolveDayWord(request.since, today);
    if (!day.ok) throw new UsageError(`--since: ${day.reason}`);
    since = day.iso;
  }
  const company = request.company ? companyOf(config, request.company) : undefined;
  for (const id of request.mailbox ?? []) {
    if (!config.mail.mailboxes.some((m) => m.id === id)) throw new UsageError(`no mailbox "${id}" in remit.yaml`, 'see remit mail list');
  }
  const boxes = config.mail.mailboxes.filter((m) => (!request.mailbox?.length || request.mailbox.includes(m.id)) && (!company || m.company === company));
  if (boxes.length === 0) return { runId: undefined, mailboxes: [], failed: false };

  const runId = `${ctx.clock.now().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(2).toString('hex')}`;
  const run: Run = {
    ctx, runId, today, since, retryFailed: Boolean(request.retryFailed), services, post: services.post ?? formPoster(),
    batches: new Map(), lookups: new Map(), senders: await knownSenders(ctx), scratchDir: join(ctx.paths.root, '.downloads', `mail-${runId}`),
  };
  const outcomes: MailboxOutcome[] = [];
  try {
    for (const mailbox of boxes) outcomes.push(await fetchMailbox(run, mailbox));
  } finally {
    for (const batch of run.batches.values()) await ctx.ledger.documents.closeBatch(await batch);
    rmSync(run.scratchDir, { recursive: true, force: true });
  }
  const failed = outcomes.some((o) => o.status !== 'ok' || o.messages.some((m) => m.status === 'failed'));
  return { runId, mailboxes: outcomes, failed };
}

interface Run {
  ctx: PipelineContext;
  runId: string;
  today: string;
  since: string | undefined;
  retryFailed: boolean;
  services: MailServices;
  post: PostForm;
  batches: Map<string, Promise<number>>;
  lookups: Map<string, Promise<OpenInvoiceLookup>>;
  senders: Record<string, string>;
  scratchDir: string;
}

export function imapSettings(mailbox: MailboxSettingsEntry, root: string): MailboxSettings {
  const ca = mailbox.caFile ? readCa(mailbox.caFile, root) : undefined;
  return { host: mailbox.host, port: mailbox.port, tls: mailbox.tls, user: mailbox.user, ...(ca ? { tlsOptions: { ca } } : {}) };
}

function readCa(file: string, root: string): string {
  const path = /^([A-Za-z]:)?[\\/]/.test(file) ? file : join(root, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new RemitError('mail-ca', `cannot read the mailbox ca_file ${path}: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`);
  }
}

/** Log in once; a refused login (or a dead refresh token) is remembered and not retried. */
export async function loginTo(mailbox: MailboxSettingsEntry, ctx: PipelineContext, store: SecretStore, post: PostForm): Promise<Mailbox> {
  const { credential } = await mailCredential(mailbox, store, post);
  return openMailbox(imapSettings(mailbox, ctx.paths.root), credential);
}

async function fetchMailbox(run: Run, mailbox: MailboxSettingsEntry): Promise<MailboxOutcome> {
  const { ctx } = run;
  const log = (text: string): void => ctx.log(`  mail ${mailbox.id}: ${text}`);
  const outcome: MailboxOutcome = { mailbox, status: 'ok', message: null, hint: null, messages: [] };
  const state = await ctx.ledger.mail.state(mailbox.id);
  if (state?.authFailedAt) {
    outcome.status = 'blocked';
    outcome.message = `not tried: the server refused the login at ${state.authFailedAt} (${state.authMessage ?? 'no reason given'})`;
    outcome.hint = `replace the secret: remit mail password ${mailbox.id} --password-stdin (or --token-stdin); remit tries again after that`;
    log(outcome.message);
    return outcome;
  }
  let session: Mailbox | undefined;
  try {
    session = await loginTo(mailbox, ctx, await run.services.secrets(), run.post);
    await finishDispositions(run, mailbox, session, log);
    const listed = await session.listNew(mailbox.folder, state?.uidValidity ? { uidValidity: state.uidValidity, lastUid: state.lastUid } : undefined, {
      since: run.since ?? (state?.uidValidity ? undefined : addDays(run.today, -ctx.config.run.firstDays)),
    });
    if (listed.renumbered) log(`the server renumbered ${mailbox.folder} (UIDVALIDITY ${state?.uidValidity} -> ${listed.uidValidity}): every message is listed again, and none is taken twice`);
    log(`${listed.messages.length} new message(s) in ${mailbox.folder}`);
    const limit = mailLimits(ctx).maxMessageBytes;
    for (const item of listed.messages) {
      const name = `${mailbox.folder} UID ${item.uid}`;
      let taken: MessageOutcome;
      if (item.size > limit) {
        taken = tooLarge(item.size, limit, item.messageId);
      } else {
        const bytes = await session.fetchRaw(mailbox.folder, item.uid, limit);
        taken = await takeMessage(ctx, await messageRequest(run, mailbox, bytes, name));
      }
      outcome.messages.push(await settle(run, mailbox, session, listed.uidValidity, item.uid, taken, log));
    }
    for (const waiting of await ctx.ledger.mail.waiting(mailbox.id)) {
      if (waiting.uidValidity !== listed.uidValidity || waiting.uid === null || listed.messages.some((m) => m.uid === waiting.uid)) continue;
      if (waiting.status === 'failed' && !run.retryFailed) continue;
      outcome.messages.push(await retake(run, mailbox, session, waiting, log));
    }
    await ctx.ledger.mail.recordRun(mailbox.id, { status: 'ok', message: null });
  } catch (err) {
    const refused = err instanceof MailSecretRefused || (err instanceof MailboxError && err.kind === 'auth');
    outcome.status = 'failed';
    outcome.message = errorMessage(err);
    outcome.hint = err instanceof RemitError ? (err.hint ?? null) : null;
    log(`failed: ${outcome.message}`);
    await ctx.ledger.mail.recordRun(mailbox.id, { status: 'failed', message: outcome.message, authFailed: refused });
  } finally {
    await session?.close();
  }
  return outcome;
}

async function messageRequest(run: Run, mailbox: MailboxSettingsEntry, bytes: Uint8Array, name: string) {
  const { ctx } = run;
  let batch = run.batches.get(mailbox.company);
  if (!batch) {
    batch = ctx.ledger.documents.startBatch(mailbox.company, 'fetch', `mail fetch ${run.runId}`);
    run.batches.set(mailbox.company, batch);
  }
  const invoices = (): Promise<OpenInvoiceLookup> => {
    let lookup = run.lookups.get(mailbox.company);
    if (!lookup) run.lookups.set(mailbox.company, (lookup = openInvoiceLookup(ctx, mailbox.company)));
    return lookup;
  };
  return { bytes, company: mailbox.company, name, source: `mail:${mailbox.id}`, batchId: await batch, senders: run.senders, scratchDir: run.scratchDir, invoices };
}

/** Refused before its bytes are fetched (RFC822.SIZE): recorded under its size, as no content was read. */
function tooLarge(size: number, limit: number, messageId: string | undefined): MessageOutcome {
  return {
    status: 'failed', reason: `the message: ${Math.round(size / 1048576)} MB is over the limit of ${Math.round(limit / 1048576)} MB (limits.max_file_mb)`,
    sha256: `size-${size}-${messageId ?? 'no-id'}`, messageId, subject: undefined, sender: undefined, inboxPath: '', payer: undefined, payerMethod: undefined, files: [], skipped: [],
  };
}

/** Record the message and the cursor together, then move or flag it as its outcome says. */
async function settle(run: Run, mailbox: MailboxSettingsEntry, session: Mailbox, uidValidity: string, uid: number, taken: MessageOutcome, log: (text: string) => void): Promise<TakenMessage> {
  const { ctx } = run;
  const action = dispositionFor(mailbox, taken);
  const documentIds = taken.files.flatMap((f) => ('documentId' in f && f.documentId !== undefined ? [f.documentId] : []));
  const id = await ctx.ledger.transaction(async (tx) => {
    const recorded = await tx.mail.recordMessage({
      mailboxId: mailbox.id, folder: mailbox.folder, uidValidity, uid, messageId: taken.messageId ?? null, sha256: taken.sha256, subject: taken.subject ?? null,
      sender: taken.sender ?? null, company: mailbox.company, payer: taken.payer ?? null, payerMethod: taken.payerMethod ?? null, status: taken.status,
      reason: taken.reason, inboxPath: taken.inboxPath || null, documentIds, disposition: action,
    });
    await tx.mail.advanceCursor(mailbox.id, uidValidity, uid);
    return recorded;
  });
  log(`UID ${uid}: ${taken.status}${taken.reason ? ` (${taken.reason})` : ''}`);
  const disposition = await dispose(ctx, mailbox, session, id, uid, action, taken.status, log);
  return { ...taken, uid, disposition };
}

function dispositionFor(mailbox: MailboxSettingsEntry, taken: MessageOutcome): 'to-move' | 'to-flag' | 'left' {
  if (taken.status === 'imported' || taken.status === 'duplicate') return mailbox.processedFolder ? 'to-move' : 'to-flag';
  if (taken.status === 'skipped') return 'to-flag';
  return 'left';
}

async function dispose(ctx: PipelineContext, mailbox: MailboxSettingsEntry, session: Mailbox, id: number, uid: number, action: 'to-move' | 'to-flag' | 'left', status: string, log: (text: string) => void): Promise<string> {
  if (action === 'left') return `left in ${mailbox.folder}`;
  try {
    if (action === 'to-move') {
      await session.move(mailbox.folder, uid, mailbox.processedFolder!);
      await ctx.ledger.mail.setDisposition(id, 'moved');
      return `moved to ${mailbox.processedFolder}`;
    }
    await session.flag(mailbox.folder, uid, status === 'skipped' ? SKIPPED_FLAGS : IMPORTED_FLAGS);
    await ctx.ledger.mail.setDisposition(id, 'flagged');
    return `flagged in ${mailbox.folder}`;
  } catch (err) {
    // The message is taken and recorded; a message a person moved away meanwhile is simply not there.
    if (err instanceof MailboxError && err.kind === 'folder') {
      await ctx.ledger.mail.setDisposition(id, 'left');
      log(`UID ${uid}: ${errorMessage(err)}`);
      return `left in ${mailbox.folder} (${errorMessage(err)})`;
    }
    throw err;
  }
}

/** Moves and flags recorded by a fetch that stopped before the server confirmed them. */
async function finishDispositions(run: Run, mailbox: MailboxSettingsEntry, session: Mailbox, log: (text: string) => void): Promise<void> {
  for (const record of await run.ctx.ledger.mail.unfinishedDispositions(mailbox.id)) {
    if (record.uid === null || (record.disposition !== 'to-move' && record.disposition !== 'to-flag')) continue;
    await dispose(run.ctx, mailbox, session, record.id, record.uid, record.disposition, record.status, log);
  }
}

/** A message that failed or waited for a person, taken again from its inbox copy (remit.yaml or the open invoices may have changed). */
async function retake(run: Run, mailbox: MailboxSettingsEntry, session: Mailbox, waiting: MailMessageRecord, log: (text: string) => void): Promise<TakenMessage> {
  const { ctx } = run;
  if (!waiting.inboxPath) {
    const bytes = await session.fetchRaw(mailbox.folder, waiting.uid!, mailLimits(ctx).maxMessageBytes);
    return settle(run, mailbox, session, waiting.uidValidity!, waiting.uid!, await takeMessage(ctx, await messageRequest(run, mailbox, bytes, `${mailbox.folder} UID ${waiting.uid}`)), log);
  }
  const bytes = readFileSync(join(ctx.paths.root, waiting.inboxPath));
  const taken = await takeMessage(ctx, await messageRequest(run, mailbox, bytes, `${mailbox.folder} UID ${waiting.uid}`));
  return settle(run, mailbox, session, waiting.uidValidity!, waiting.uid!, taken, log);
}
