/**
 * `remit mail add | list | test | remove | password`: mailboxes. Settings go to remit.yaml;
 * the password or OAuth2 refresh token only to the keychain (or the vault), under the
 * account `mail:<id>`. Replacing a secret lifts a refused login, so the next fetch tries again.
 */
import { readFileSync } from 'node:fs';
import { addMailboxEntry, removeMailboxEntry } from '../../config/edit-mail.js';
import type { Mailbox as MailboxEntry } from '../../config/schema.js';
import { UsageError, errorMessage, RemitError } from '../../core/errors.js';
import type { MailboxState } from '../../ledger/index.js';
import { MailboxError } from '../../mail/imap/errors.js';
import { formPoster, type PostForm } from '../../mail/oauth/http.js';
import { finishDeviceSignIn, startDeviceSignIn } from '../../mail/oauth/sign-in.js';
import type { DeviceCode } from '../../mail/oauth/token-requests.js';
import type { SecretStore } from '../../secrets/index.js';
import { writeFileAtomic } from '../../workspace/atomic-file.js';
import type { PipelineContext } from '../context.js';
import { mailSecretAccount, MailSecretRefused, oauthProviderOf } from './credentials.js';
import { loginTo } from './fetch-mail.js';

export type MailSecret = { kind: 'password' | 'oauth'; value: string };

/** Add (or with `replace`, change) a mailbox: the secret is stored first, then remit.yaml is written. */
export async function addMailbox(ctx: PipelineContext, secrets: () => Promise<SecretStore>, mailbox: MailboxEntry, secret: MailSecret, options: { replace?: boolean } = {}): Promise<string> {
  checkSecretKind(mailbox, secret);
  const text = addMailboxEntry(readFileSync(ctx.paths.config, 'utf8'), mailbox, ctx.paths.config, options);
  const store = await secrets();
  const account = mailSecretAccount(mailbox.id);
  await store.deleteAll(account);
  await store.set(account, secret.kind, secret.value);
  await ctx.ledger.mail.clearAuthFailure(mailbox.id);
  await writeFileAtomic(ctx.paths.config, text, 0o644);
  return store.kind;
}

/** Replace a mailbox's password or refresh token; a refused login is forgotten. Returns whether one was. */
export async function replaceMailSecret(ctx: PipelineContext, secrets: () => Promise<SecretStore>, id: string, secret: MailSecret): Promise<boolean> {
  const mailbox = mailboxOf(ctx, id);
  checkSecretKind(mailbox, secret);
  const store = await secrets();
  await store.set(mailSecretAccount(id), secret.kind, secret.value);
  return ctx.ledger.mail.clearAuthFailure(id);
}

export interface MailboxListing {
  mailbox: MailboxEntry;
  secretStored: boolean;
  state: MailboxState | undefined;
  /** Messages that failed or wait for a person. */
  waiting: number;
}

export async function listMailboxes(ctx: PipelineContext, secrets: () => Promise<SecretStore>): Promise<MailboxListing[]> {
  const store = ctx.config.mail.mailboxes.length ? await secrets() : undefined;
  const rows: MailboxListing[] = [];
  for (const mailbox of ctx.config.mail.mailboxes) {
    rows.push({
      mailbox,
      secretStored: Boolean(await store?.get(mailSecretAccount(mailbox.id), mailbox.auth === 'password' ? 'password' : 'oauth')),
      state: await ctx.ledger.mail.state(mailbox.id),
      waiting: (await ctx.ledger.mail.waiting(mailbox.id)).length,
    });
  }
  return rows;
}

export async function removeMailbox(ctx: PipelineContext, secrets: () => Promise<SecretStore>, id: string): Promise<number> {
  const text = removeMailboxEntry(readFileSync(ctx.paths.config, 'utf8'), id, ctx.paths.config);
  const removed = await (await secrets()).deleteAll(mailSecretAccount(id));
  await writeFileAtomic(ctx.paths.config, text, 0o644);
  return removed;
}

export interface MailboxTest {
  ok: boolean;
  message: string;
  hint?: string;
  /** Messages in the folder past the cursor (what the next fetch reads, before --since). */
  newMessages?: number;
  capabilities?: string[];
}

/**
 * Log in once (a person asked: even a mailbox whose login was refused before) and look at the
 * folder. A refused login is remembered as a fetch's is; a good one lifts an earlier refusal.
 */
export async function testMailbox(ctx: PipelineContext, secrets: () => Promise<SecretStore>, id: string, post: PostForm = formPoster()): Promise<MailboxTest> {
  const mailbox = mailboxOf(ctx, id);
  const state = await ctx.ledger.mail.state(id);
  let session;
  try {
    session = await loginTo(mailbox, ctx, await secrets(), post);
    const listed = await session.listNew(mailbox.folder, state?.uidValidity ? { uidValidity: state.uidValidity, lastUid: state.lastUid } : undefined);
    if (mailbox.processedFolder) await session.ensureFolder(mailbox.processedFolder);
    await ctx.ledger.mail.clearAuthFailure(id);
    return {
      ok: true, newMessages: listed.messages.length, capabilities: session.capabilities,
      message: `logged in to ${mailbox.host}:${mailbox.port} as ${mailbox.user}; ${mailbox.folder} has ${listed.messages.length} message(s) past the cursor${mailbox.processedFolder ? `; processed mail goes to ${mailbox.processedFolder}` : ''}`,
    };
  } catch (err) {
    const refused = err instanceof MailSecretRefused || (err instanceof MailboxError && err.kind === 'auth');
    if (refused) await ctx.ledger.mail.recordRun(id, { status: 'failed', message: errorMessage(err), authFailed: true });
    const hint = err instanceof RemitError ? err.hint : undefined;
    return { ok: false, message: errorMessage(err), ...(hint ? { hint } : {}) };
  } finally {
    await session?.close();
  }
}

/**
 * The OAuth2 device-code sign-in for a mailbox (RFC 8628): `show` tells the person the code
 * and the page; resolves with the refresh token once they have signed in.
 */
export async function signInMailbox(mailbox: MailboxEntry, show: (code: DeviceCode) => void, deps: { post?: PostForm; sleep?: (ms: number) => Promise<void>; now: () => number }): Promise<string> {
  const provider = oauthProviderOf(mailbox);
  const client = { clientId: mailbox.oauth?.clientId ?? '' };
  const post = deps.post ?? formPoster();
  const code = await startDeviceSignIn(provider, client, { post });
  show(code);
  const tokens = await finishDeviceSignIn(provider, client, code, { post, now: deps.now, sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))) });
  return tokens.refreshToken!;
}

function mailboxOf(ctx: PipelineContext, id: string): MailboxEntry {
  const mailbox = ctx.config.mail.mailboxes.find((m) => m.id === id);
  if (!mailbox) throw new UsageError(`no mailbox "${id}" in remit.yaml`, 'see remit mail list');
  return mailbox;
}

function checkSecretKind(mailbox: MailboxEntry, secret: MailSecret): void {
  if (mailbox.auth === 'password' && secret.kind !== 'password') throw new UsageError(`mailbox ${mailbox.id} logs in with a password (auth: password): give --password-stdin, not a token`);
  if (mailbox.auth === 'oauth2' && secret.kind !== 'oauth') throw new UsageError(`mailbox ${mailbox.id} logs in with OAuth2 (auth: oauth2): give --token-stdin (the refresh token), not a password`);
}
