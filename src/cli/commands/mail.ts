/**
 * `remit mail add | list | test | remove | password | fetch`: mailboxes and what arrives in
 * them. Settings go to remit.yaml; the password or OAuth2 refresh token only to the keychain.
 * On a terminal remit asks (a password, or a device-code sign-in for OAuth2); without one,
 * flags and `--password-stdin` / `--token-stdin`.
 */
import { UsageError } from '../../core/errors.js';
import type { Mailbox } from '../../config/schema.js';
import { companyOf } from '../../pipeline/context.js';
import { fetchMail, type MailFetchOutcome } from '../../pipeline/mail/fetch-mail.js';
import { addMailbox, listMailboxes, removeMailbox, replaceMailSecret, signInMailbox, testMailbox, type MailSecret } from '../../pipeline/mail/mailboxes.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { render } from '../table.js';
import { secretsFor, withWorkspace } from '../workspace.js';

export interface MailAddOptions {
  id?: string;
  company?: string;
  host?: string;
  port?: string;
  tls?: 'implicit' | 'starttls' | 'none';
  user?: string;
  folder?: string;
  processedFolder?: string;
  caFile?: string;
  oauth?: 'microsoft' | 'google' | 'custom';
  clientId?: string;
  tenant?: string;
  tokenUrl?: string;
  deviceCodeUrl?: string;
  passwordStdin?: boolean;
  tokenStdin?: boolean;
  replace?: boolean;
}

const PROVIDER_HOSTS: Record<string, string> = { microsoft: 'outlook.office365.com', google: 'imap.gmail.com' };

export async function add(options: MailAddOptions, ctx: Context): Promise<number> {
  const say = sayFor(ctx);
  return withWorkspace(ctx, async (pipeline) => {
    const host = options.host ?? (options.oauth ? PROVIDER_HOSTS[options.oauth] : undefined);
    const missing = [['id', options.id], ['host', host], ['user', options.user]].filter(([, value]) => !value).map(([flag]) => `--${flag}`);
    if (missing.length) throw new UsageError(`remit mail add needs ${missing.join(' ')}`, 'see remit mail add --help');
    if (options.oauth && !options.clientId) throw new UsageError('--oauth needs --client-id (the application registered with the provider)');
    const tls = options.tls ?? 'implicit';
    const port = options.port !== undefined ? Number(options.port) : tls === 'implicit' ? 993 : 143;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port ${options.port}: a port is a number from 1 to 65535`);
    const mailbox: Mailbox = {
      id: options.id!, company: companyOf(pipeline.config, options.company), host: host!, port, tls, user: options.user!, folder: options.folder ?? 'INBOX',
      auth: options.oauth ? 'oauth2' : 'password',
      ...(options.processedFolder ? { processedFolder: options.processedFolder } : {}),
      ...(options.caFile ? { caFile: options.caFile } : {}),
      ...(options.oauth
        ? { oauth: { provider: options.oauth, clientId: options.clientId!, ...(options.tenant ? { tenant: options.tenant } : {}), ...(options.tokenUrl ? { tokenUrl: options.tokenUrl } : {}), ...(options.deviceCodeUrl ? { deviceCodeUrl: options.deviceCodeUrl } : {}) } }
        : {}),
    };
    const secret = await secretFor(mailbox, options, ctx, say);
    const kind = await addMailbox(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), mailbox, secret, { replace: Boolean(options.replace) });
    say.ok(`added mailbox ${mailbox.id} (${mailbox.user} at ${mailbox.host}:${mailbox.port}, ${mailbox.folder}${mailbox.processedFolder ? ` -> ${mailbox.processedFolder}` : ''}); its ${secret.kind === 'password' ? 'password' : 'refresh token'} is in the ${kind}`);
    say.info(`check it: remit mail test ${mailbox.id}`);
    return 0;
  });
}

/** The secret from standard input, else asked on the terminal (a password, or the device-code sign-in). */
async function secretFor(mailbox: Mailbox, options: { passwordStdin?: boolean; tokenStdin?: boolean }, ctx: Context, say: Say): Promise<MailSecret> {
  if (options.passwordStdin && options.tokenStdin) throw new UsageError('give --password-stdin or --token-stdin, not both');
  if (options.passwordStdin || options.tokenStdin) {
    if (ctx.stdinIsTTY) throw new UsageError(`${options.passwordStdin ? '--password-stdin' : '--token-stdin'} reads a pipe, not a terminal`, 'leave it out to be asked instead');
    const value = (await ctx.readStdin()).split(/\r?\n/)[0]?.trim();
    if (!value) throw new UsageError(`${options.passwordStdin ? '--password-stdin' : '--token-stdin'}: standard input held nothing`);
    return { kind: options.passwordStdin ? 'password' : 'oauth', value };
  }
  if (!ctx.stdinIsTTY) {
    throw new UsageError(`no terminal to ask on: pass the ${mailbox.auth === 'password' ? 'password with --password-stdin' : 'refresh token with --token-stdin'}`);
  }
  if (mailbox.auth === 'password') {
    const { default: inquirer } = await import('inquirer');
    const value = (await inquirer.prompt<{ value: string }>([{ type: 'password', name: 'value', mask: '*', message: `password of ${mailbox.user}:` }])).value;
    if (!value) throw new UsageError('no password given');
    return { kind: 'password', value };
  }
  const token = await signInMailbox(mailbox, (code) => say.info(code.message ?? `to sign in, open ${code.verificationUri} and enter the code ${code.userCode}`), { now: () => ctx.clock.now().getTime() });
  say.ok('signed in');
  return { kind: 'oauth', value: token };
}

export async function password(id: string, options: { passwordStdin?: boolean; tokenStdin?: boolean }, ctx: Context): Promise<number> {
  const say = sayFor(ctx);
  const lifted = await withWorkspace(ctx, async (pipeline) => {
    const mailbox = pipeline.config.mail.mailboxes.find((m) => m.id === id);
    if (!mailbox) throw new UsageError(`no mailbox "${id}" in remit.yaml`, 'see remit mail list');
    const secret = await secretFor(mailbox, options, ctx, say);
    return replaceMailSecret(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), id, secret);
  });
  say.ok(`the secret of mailbox ${id} is replaced${lifted ? '; the refused login is forgotten and the next fetch tries again' : ''}`);
  return 0;
}

export async function list(options: { json?: boolean }, ctx: Context): Promise<number> {
  const listed = await withWorkspace(ctx, (pipeline) => listMailboxes(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths)));
  const rows = listed.map(({ mailbox: m, secretStored, state, waiting }) => ({
    id: m.id, company: m.company, server: `${m.host}:${m.port}`, tls: m.tls, user: m.user, folder: m.folder, processed: m.processedFolder ?? '(flagged)', auth: m.auth,
    secret: secretStored ? 'stored' : 'MISSING', last_success: state?.lastSuccess ?? '', status: state?.authFailedAt ? 'LOGIN REFUSED' : (state?.lastStatus ?? 'never run'), waiting,
  }));
  ctx.stdout.write(render(rows, ['id', 'company', 'server', 'tls', 'user', 'folder', 'processed', 'auth', 'secret', 'last_success', 'status', 'waiting'], options.json ? 'json' : 'table', new Set(), ctx.stdout));
  return 0;
}

export async function test(id: string, _options: object, ctx: Context): Promise<number> {
  const say = sayFor(ctx);
  const result = await withWorkspace(ctx, (pipeline) => testMailbox(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), id));
  if (result.ok) say.ok(result.message);
  else {
    say.fail(`mailbox ${id}: ${result.message}`);
    if (result.hint) say.info(`  ${result.hint}`);
  }
  return result.ok ? 0 : 1;
}

export async function remove(id: string, _options: object, ctx: Context): Promise<number> {
  const removed = await withWorkspace(ctx, (pipeline) => removeMailbox(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), id));
  sayFor(ctx).ok(`removed mailbox ${id} and its ${removed} secret(s); the messages it gave stay in the ledger`);
  return 0;
}

export interface MailFetchOptions {
  since?: string;
  mailbox?: string[];
  company?: string;
  retryFailed?: boolean;
  json?: boolean;
}

export async function fetch(options: MailFetchOptions, ctx: Context): Promise<number> {
  const outcome = await withWorkspace(ctx, (pipeline) => fetchMail(pipeline, { secrets: secretsFor(ctx, pipeline.config, pipeline.paths) }, options));
  sayMailFetched(outcome, options, ctx, sayFor(ctx));
  return outcome.failed ? 1 : 0;
}

/** The messages as a table on stdout, each mailbox's verdict on stderr (also after `remit run`). */
export function sayMailFetched(outcome: MailFetchOutcome, options: { json?: boolean }, ctx: Context, say: Say): void {
  if (outcome.runId === undefined) {
    if (options.json) ctx.stdout.write('[]\n');
    else say.info('no mailboxes to read: add one with remit mail add');
    return;
  }
  const rows = outcome.mailboxes.flatMap((box) =>
    box.messages.map((m) => ({
      mailbox: box.mailbox.id, uid: m.uid, status: m.status, payer: m.payer ?? '', from: m.sender ?? '', subject: m.subject ?? '',
      payments: m.files.reduce((sum, f) => sum + (f.status === 'imported' ? f.payments : 0), 0), documents: m.files.map((f) => f.file).join('; '),
      where: m.disposition, reason: m.reason ?? '',
    })),
  );
  if (options.json) ctx.stdout.write(`${JSON.stringify(outcome.mailboxes.map((b) => ({ mailbox: b.mailbox.id, status: b.status, message: b.message, hint: b.hint, messages: rows.filter((r) => r.mailbox === b.mailbox.id) })), null, 2)}\n`);
  else if (rows.length > 0) ctx.stdout.write(render(rows, ['mailbox', 'uid', 'status', 'payer', 'payments', 'where', 'from', 'subject', 'reason'], 'table', new Set(), ctx.stdout));
  for (const box of outcome.mailboxes) {
    const count = (status: string) => box.messages.filter((m) => m.status === status).length;
    if (box.status !== 'ok') {
      say.fail(`mail ${box.mailbox.id}: ${box.message}`);
      if (box.hint) say.info(`  ${box.hint}`);
      continue;
    }
    const tally = `${box.messages.length} message(s): ${count('imported')} imported, ${count('duplicate')} already in the ledger, ${count('skipped')} skipped, ${count('needs-payer')} wait for a person, ${count('failed')} failed`;
    (count('failed') > 0 ? say.warn : say.ok)(`mail ${box.mailbox.id}: ${box.messages.length === 0 ? 'nothing new' : tally}`);
  }
}
