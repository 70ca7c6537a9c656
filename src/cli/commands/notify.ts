/** `remit notify password --password-stdin`: the SMTP password, kept in the keychain only. */
import { UsageError } from '../../core/errors.js';
import { openSecretStore } from '../../secrets/index.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { openWorkspace } from '../workspace.js';
import { NOTIFY_ACCOUNT } from './notify-run.js';

export async function password(options: { passwordStdin?: boolean }, ctx: Context): Promise<number> {
  let secret: string | undefined;
  if (options.passwordStdin) {
    if (ctx.stdinIsTTY) throw new UsageError('--password-stdin reads a pipe, not a terminal', 'leave it out to be asked instead');
    secret = (await ctx.readStdin()).split(/\r?\n/)[0];
  } else if (ctx.stdinIsTTY) {
    const { default: inquirer } = await import('inquirer');
    secret = (await inquirer.prompt<{ value: string }>([{ type: 'password', name: 'value', mask: '*', message: 'SMTP password:' }])).value;
  } else {
    throw new UsageError('no terminal to ask on: pass the password on standard input with --password-stdin');
  }
  if (!secret) throw new UsageError('no password given');
  const { paths, config, ledger } = openWorkspace(ctx);
  try {
    const store = await openSecretStore(config.secrets, { workspace: paths.root, env: ctx.env, platform: ctx.platform });
    await store.set(NOTIFY_ACCOUNT, 'smtp', secret);
    sayFor(ctx).ok(`SMTP password stored in the ${store.kind}`);
    return 0;
  } finally {
    ledger.close();
  }
}
