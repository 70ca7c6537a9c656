/**
 * `remit portal add | list | test | password | resume | forget-session | remove`: portal accounts. Settings go to remit.yaml;
 * the password and TOTP seed go only to the keychain (or the vault chosen in remit.yaml).
 */
import { isoDay, addDays } from '../../core/dates.js';
import { UsageError } from '../../core/errors.js';
import type { PortalAccount } from '../../config/schema.js';
import { companyOf } from '../../pipeline/context.js';
import { addPortal, forgetSession, listPortals, removePortal, resumePortal, storePortalSecrets } from '../../pipeline/portal-accounts.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { render } from '../table.js';
import { secretsFor, withWorkspace } from '../workspace.js';
import { run as fetch } from './fetch.js';

export interface AddOptions {
  id?: string;
  company?: string;
  payer?: string;
  recipe?: string;
  url?: string;
  username?: string;
  option?: string[];
  passwordStdin?: boolean;
  totpSecretStdin?: boolean;
}

const FIELDS = ['id', 'payer', 'recipe', 'url', 'username'] as const;

export async function add(options: AddOptions, ctx: Context): Promise<number> {
  return withWorkspace(ctx, async (pipeline) => {
    const answers = { ...options };
    const missing = FIELDS.filter((field) => !answers[field]);
    let password: string | undefined;
    let totp: string | undefined;
    if (options.passwordStdin || options.totpSecretStdin) {
      if (ctx.stdinIsTTY) throw new UsageError('--password-stdin and --totp-secret-stdin read a pipe, not a terminal', 'leave them out to be asked instead');
      // One line each, in this order: the password, then the TOTP seed.
      const lines = (await ctx.readStdin()).split(/\r?\n/);
      if (options.passwordStdin) password = lines.shift();
      if (options.totpSecretStdin) totp = lines.shift()?.replace(/\s+/g, '');
      if (options.passwordStdin && !password) throw new UsageError('--password-stdin: standard input held no password');
      if (options.totpSecretStdin && !totp) throw new UsageError('--totp-secret-stdin: standard input held no TOTP secret');
    }
    if (!ctx.stdinIsTTY) {
      if (missing.length) throw new UsageError(`no terminal to ask on: pass ${missing.map((f) => `--${f}`).join(' ')}`);
      if (!password) throw new UsageError('no terminal to ask on: pass the password on standard input with --password-stdin');
    } else {
      const { default: inquirer } = await import('inquirer');
      for (const field of missing) {
        const reply = await inquirer.prompt<{ value: string }>([{ type: 'input', name: 'value', message: `portal account ${field}:`, validate: (v: string) => v.trim() !== '' || 'required' }]);
        answers[field] = reply.value.trim();
      }
      if (!password) password = (await inquirer.prompt<{ value: string }>([{ type: 'password', name: 'value', mask: '*', message: 'password:' }])).value;
      if (!totp && !options.totpSecretStdin) {
        const reply = await inquirer.prompt<{ value: string }>([{ type: 'password', name: 'value', mask: '*', message: 'TOTP secret (leave empty if the portal has no MFA):' }]);
        totp = reply.value.replace(/\s+/g, '') || undefined;
      }
    }
    const account: PortalAccount = {
      id: answers.id!, company: companyOf(pipeline.config, answers.company), payer: answers.payer!, recipe: answers.recipe!, url: answers.url!, username: answers.username!,
      options: Object.fromEntries((options.option ?? []).map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new UsageError(`--option ${pair}: write key=value`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      })),
    };
    const kind = await addPortal(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), account, { password: password!, ...(totp ? { totp } : {}) });
    sayFor(ctx).ok(`added portal account ${account.id} (${account.recipe}, ${account.url}); its secrets are in the ${kind}`);
    return 0;
  });
}

export async function list(options: { json?: boolean }, ctx: Context): Promise<number> {
  const listed = await withWorkspace(ctx, (pipeline) => listPortals(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths)));
  const rows = listed.map(({ account: p, ...s }) => ({
    id: p.id, company: p.company, payer: p.payer, recipe: p.recipe, url: p.url, username: p.username,
    password: s.passwordStored ? 'stored' : 'MISSING', totp: s.totpStored ? 'stored' : '', last_success: s.lastSuccess ?? '', failures: s.failuresSince,
    held: s.held ?? '',
  }));
  ctx.stdout.write(render(rows, ['id', 'company', 'payer', 'recipe', 'url', 'username', 'password', 'totp', 'last_success', 'failures', 'held'], options.json ? 'json' : 'table', new Set(), ctx.stdout));
  return 0;
}

/** Log in and look at today's list without downloading: the portal's own words on failure. */
export async function test(id: string, options: { headed?: boolean }, ctx: Context): Promise<number> {
  const today = isoDay(ctx.clock.now());
  return fetch({ portal: [id], dryRun: true, since: addDays(today, -1), until: today, headed: Boolean(options.headed) }, ctx);
}

export async function remove(id: string, _options: object, ctx: Context): Promise<number> {
  const removed = await withWorkspace(ctx, (pipeline) => removePortal(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), id));
  sayFor(ctx).ok(`removed portal account ${id} and its ${removed} secret(s)`);
  return 0;
}

/**
 * `remit portal password ID`: a new password (and/or TOTP seed) for an account, which also
 * ends a hold set when the portal refused the old one.
 */
export async function password(id: string, options: { passwordStdin?: boolean; totpSecretStdin?: boolean }, ctx: Context): Promise<number> {
  if (!options.passwordStdin && !options.totpSecretStdin && !ctx.stdinIsTTY) {
    throw new UsageError('no terminal to ask on: pass the password on standard input with --password-stdin (and/or the TOTP seed with --totp-secret-stdin)');
  }
  let secret: { password?: string; totp?: string } = {};
  if (options.passwordStdin || options.totpSecretStdin) {
    if (ctx.stdinIsTTY) throw new UsageError('--password-stdin and --totp-secret-stdin read a pipe, not a terminal', 'leave them out to be asked instead');
    // One line each, in this order: the password, then the TOTP seed.
    const lines = (await ctx.readStdin()).split(/\r?\n/);
    const pw = options.passwordStdin ? lines.shift() : undefined;
    const totp = options.totpSecretStdin ? lines.shift()?.replace(/\s+/g, '') : undefined;
    if (options.passwordStdin && !pw) throw new UsageError('--password-stdin: standard input held no password');
    if (options.totpSecretStdin && !totp) throw new UsageError('--totp-secret-stdin: standard input held no TOTP secret');
    secret = { ...(pw ? { password: pw } : {}), ...(totp ? { totp } : {}) };
  } else {
    const { default: inquirer } = await import('inquirer');
    secret.password = (await inquirer.prompt<{ value: string }>([{ type: 'password', name: 'value', mask: '*', message: `new password for ${id}:` }])).value;
    if (!secret.password) throw new UsageError('no password given');
  }
  const { held } = await withWorkspace(ctx, (pipeline) => storePortalSecrets(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), id, secret));
  const what = [secret.password !== undefined ? 'password' : '', secret.totp !== undefined ? 'TOTP secret' : ''].filter(Boolean).join(' and ');
  sayFor(ctx).ok(`stored the new ${what} for ${id}${held ? '; the hold is cleared and the next run logs in with it' : ''}`);
  return 0;
}

/** `remit portal resume ID`: end a hold without a new secret (fixed on the portal by hand). */
export async function resume(id: string, _options: object, ctx: Context): Promise<number> {
  const { held } = await withWorkspace(ctx, (pipeline) => resumePortal(pipeline, id));
  sayFor(ctx).ok(held ? `${id} is no longer held: the next run logs in with the stored secrets` : `${id} was not held; nothing changed`);
  return 0;
}

/** `remit portal forget-session ID`: drop the saved browser session; the next run logs in afresh. */
export async function forgetSessionCommand(id: string, _options: object, ctx: Context): Promise<number> {
  const removed = await withWorkspace(ctx, (pipeline) => forgetSession(pipeline, secretsFor(ctx, pipeline.config, pipeline.paths), id));
  sayFor(ctx).ok(removed ? `forgot the saved session of ${id}: the next run logs in afresh` : `${id} had no saved session`);
  return 0;
}
