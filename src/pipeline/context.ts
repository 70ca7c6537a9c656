/** What every use case works with: the open ledger and settings of one workspace. */
import type { Clock } from '../core/clock.js';
import { UsageError } from '../core/errors.js';
import type { Config } from '../config/schema.js';
import type { Ledger } from '../ledger/index.js';
import type { WorkspacePaths } from '../workspace/resolve.js';

export interface PipelineContext {
  ledger: Ledger;
  config: Config;
  clock: Clock;
  /** The workspace's folders: inbox/, runs/, exports/. */
  paths: WorkspacePaths;
  /** Who acts, for the audit trail. */
  user: string;
  /** Progress a person may want to see (a portal's steps); the CLI prints it, tests collect it. */
  log: (message: string) => void;
}

/** The company a use case works for: the one named, else default_company, else the only one. */
export function companyOf(config: Config, named: string | undefined): string {
  const codes = Object.keys(config.companies);
  if (named) {
    if (!config.companies[named]) throw new UsageError(`no company "${named}" in remit.yaml (have: ${codes.join(', ') || 'none'})`);
    return named;
  }
  if (config.defaultCompany) return config.defaultCompany;
  if (codes.length === 1) return codes[0]!;
  throw new UsageError(`remit.yaml has ${codes.length} companies and no default_company`, 'pass --company or set default_company');
}
