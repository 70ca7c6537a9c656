/** `remit init`: a workspace with commented settings, the ledger and its folders. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Clock } from '../core/clock.js';
import { UsageError } from '../core/errors.js';
import { configTemplate } from '../config/template.js';
import { openLedger } from '../ledger/index.js';
import type { WorkspacePaths } from '../workspace/resolve.js';

export interface InitRequest {
  company: string;
  name?: string;
  currency: string;
}

export interface InitOutcome {
  /** false: an existing remit.yaml was kept as it is. */
  wroteConfig: boolean;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export async function initWorkspace(paths: WorkspacePaths, request: InitRequest, clock: Clock): Promise<InitOutcome> {
  if (!CODE.test(request.company)) throw new UsageError(`--company "${request.company}": use letters, digits, dot, dash or underscore`);
  const currency = request.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency "${request.currency}": use a three-letter ISO code such as USD`);
  for (const dir of [paths.root, paths.inbox, paths.logs, paths.runs, paths.exports, paths.portals]) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new UsageError(`cannot make the workspace folder ${dir}: ${(err as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file of that name is in the way' : (err as Error).message}`);
    }
  }
  const wroteConfig = !existsSync(paths.config);
  if (wroteConfig) writeFileSync(paths.config, configTemplate({ code: request.company, name: request.name ?? request.company, currency }), { flag: 'wx' });
  await (await openLedger(paths.ledger, clock, { create: true })).close();
  return { wroteConfig };
}
