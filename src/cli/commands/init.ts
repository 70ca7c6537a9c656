/** `remit init`: create a workspace with commented settings, the ledger and its folders. */
import { initWorkspace } from '../../pipeline/init-workspace.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { pathsOf } from '../workspace.js';

export interface InitOptions {
  company?: string;
  name?: string;
  currency?: string;
}

export async function run(options: InitOptions, ctx: Context): Promise<number> {
  const paths = pathsOf(ctx);
  const say = sayFor(ctx);
  const outcome = await initWorkspace(paths, { company: options.company ?? 'MAIN', ...(options.name !== undefined ? { name: options.name } : {}), currency: options.currency ?? 'USD' }, ctx.clock);
  if (outcome.wroteConfig) {
    say.info(`wrote ${paths.config}`);
  } else {
    say.info(`kept the existing ${paths.config}`);
    if (options.name !== undefined || options.company !== 'MAIN' || options.currency !== 'USD') {
      say.warn('--company, --name and --currency were not applied: edit remit.yaml to change an existing workspace');
    }
  }
  say.ok(`workspace ready: ${paths.root}`);
  return 0;
}
