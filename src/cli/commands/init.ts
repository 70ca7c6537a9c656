/** `remit init`: create a workspace with commented settings, the ledger and its folders. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { configTemplate } from '../../config/template.js';
import { UsageError } from '../../core/errors.js';
import { Ledger } from '../../ledger/index.js';
import { workspacePaths } from '../../workspace/resolve.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { workspaceRoot } from '../workspace.js';

export interface InitOptions {
  company?: string;
  name?: string;
  currency?: string;
}

export async function run(options: InitOptions, ctx: Context): Promise<number> {
  const paths = workspacePaths(workspaceRoot(ctx));
  const say = sayFor(ctx);
  const code = options.company ?? 'MAIN';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(code)) throw new UsageError(`--company "${code}": use letters, digits, dot, dash or underscore`);
  const currency = (options.currency ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency "${options.currency}": use a three-letter ISO code such as USD`);
  for (const dir of [paths.root, paths.inbox, paths.logs, paths.runs, paths.exports]) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new UsageError(`cannot make the workspace folder ${dir}: ${(err as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file of that name is in the way' : (err as Error).message}`);
    }
  }
  if (existsSync(paths.config)) {
    say.info(`kept the existing ${paths.config}`);
    if (options.name !== undefined || options.company !== 'MAIN' || options.currency !== 'USD') {
      say.warn('--company, --name and --currency were not applied: edit remit.yaml to change an existing workspace');
    }
  } else {
    writeFileSync(paths.config, configTemplate({ code, name: options.name ?? code, currency }), { flag: 'wx' });
    say.info(`wrote ${paths.config}`);
  }
  Ledger.open(paths.ledger, ctx.clock, { create: true }).close();
  say.ok(`workspace ready: ${paths.root}`);
  return 0;
}
