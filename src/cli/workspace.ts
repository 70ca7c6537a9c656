/** Open the workspace a command works in: settings validated, ledger open. */
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import { Ledger } from '../ledger/index.js';
import { resolveWorkspaceRoot, workspacePaths, type WorkspacePaths } from '../workspace/resolve.js';
import type { Context } from './context.js';

export interface OpenWorkspace {
  paths: WorkspacePaths;
  config: Config;
  ledger: Ledger;
}

export function workspaceRoot(ctx: Context): string {
  return resolveWorkspaceRoot(ctx.home, ctx.env, ctx.platform, ctx.userHome);
}

export function openWorkspace(ctx: Context): OpenWorkspace {
  const paths = workspacePaths(workspaceRoot(ctx));
  const config = loadConfig(paths.config);
  const ledger = Ledger.open(paths.ledger, ctx.clock);
  return { paths, config, ledger };
}

/** The company a command works for: --company, else default_company, else the only one. */
export function companyFor(config: Config, option: string | undefined): string {
  const codes = Object.keys(config.companies);
  if (option) {
    if (!config.companies[option]) throw new UsageError(`no company "${option}" in remit.yaml (have: ${codes.join(', ') || 'none'})`);
    return option;
  }
  if (config.defaultCompany) return config.defaultCompany;
  if (codes.length === 1) return codes[0]!;
  throw new UsageError(`remit.yaml has ${codes.length} companies and no default_company`, 'pass --company or set default_company');
}
