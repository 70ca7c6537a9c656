/**
 * The bank step of `remit run`: every statement file dropped into `bank.inbox` imported
 * (files seen before are recognised by their content and skipped), then reconciled, before
 * match runs, so `matching.require_cash` sees the night's cash.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { errorMessage } from '../core/errors.js';
import { bankImportFailed, importBankFiles, type BankFileOutcome } from './bank-import.js';
import type { PipelineContext } from './context.js';
import { reconcileCash, type ReconcileOutcome } from './reconcile.js';

export interface BankInboxOutcome {
  folder: string;
  files: BankFileOutcome[];
  reconciled?: ReconcileOutcome;
  /** The folder could not be read (its message), or a file failed. */
  failed: boolean;
  message?: string;
}

export async function bankInboxStep(ctx: PipelineContext, company: string | undefined): Promise<BankInboxOutcome | undefined> {
  const configured = ctx.config.bank.inbox;
  if (!configured) return undefined;
  const folder = isAbsolute(configured) ? configured : join(ctx.paths.root, configured);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => !name.startsWith('.')).sort();
  } catch (err) {
    return { folder, files: [], failed: true, message: `bank.inbox ${folder} cannot be read: ${errorMessage(err)}` };
  }
  const paths = names.map((name) => join(folder, name)).filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
  const files = paths.length ? await importBankFiles(ctx, { files: paths, ...(company ? { company } : {}), source: 'run:bank.inbox' }) : [];
  const hasEntries = (await ctx.ledger.bank.companies()).length > 0;
  const reconciled = hasEntries ? await reconcileCash(ctx, company ? { company } : {}) : undefined;
  return { folder, files, ...(reconciled ? { reconciled } : {}), failed: bankImportFailed(files) };
}
