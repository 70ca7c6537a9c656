/** `remit notify password --password-stdin`: the SMTP password, kept in the keychain only. */
import { UsageError } from '../../core/errors.js';
import { storeSmtpPassword } from '../../pipeline/notify-run.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { secretsFor, withWorkspace } from '../workspace.js';

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
  const password = secret;
  const kind = await withWorkspace(ctx, async (pipeline) => {
    const store = await secretsFor(ctx, pipeline.config, pipeline.paths)();
    await storeSmtpPassword(store, password);
    return store.kind;
  });
  sayFor(ctx).ok(`SMTP password stored in the ${kind}`);
  return 0;
}
