/** `remit bank import FILE...`: bank statements (BAI2, camt.052/053/054, MT940/942, OFX) into the ledger. */
import { bankImportFailed, importBankFiles, type BankFileOutcome } from '../../pipeline/bank-import.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { withWorkspace } from '../workspace.js';

export interface BankImportOptions {
  company?: string;
  strict?: boolean;
  dryRun?: boolean;
  followLinks?: boolean;
  json?: boolean;
}

export async function importStatements(files: string[], options: BankImportOptions, ctx: Context): Promise<number> {
  const outcomes = await withWorkspace(ctx, (pipeline) =>
    importBankFiles(pipeline, { files, ...(options.company ? { company: options.company } : {}), strict: Boolean(options.strict), dryRun: Boolean(options.dryRun), followLinks: Boolean(options.followLinks) }));
  if (options.json) ctx.stdout.write(`${JSON.stringify({ files: outcomes }, null, 2)}\n`);
  else sayOutcomes(outcomes, ctx, Boolean(options.dryRun));
  return bankImportFailed(outcomes) ? 1 : 0;
}

/** What a bank import did, one line a file (also after `remit run`). */
export function sayOutcomes(outcomes: readonly BankFileOutcome[], ctx: Context, dryRun = false): void {
  const say = sayFor(ctx);
  for (const o of outcomes) {
    if (o.status === 'failed') say.fail(`failed    ${o.file}: ${o.message}`);
    else if (o.status === 'already-imported') say.info(`skipped   ${o.file}: ${o.message}`);
    else {
      const errors = o.diagnostics.filter((d) => d.level === 'error');
      const problem = o.diagnostics[0] ? `; ${o.diagnostics.length} diagnostic(s), the first: ${o.diagnostics[0].location ? `${o.diagnostics[0].location}: ` : ''}${o.diagnostics[0].message}` : '';
      const dupes = o.status !== 'read' && o.duplicates ? `, ${o.duplicates} already in the ledger` : '';
      const verb = o.status === 'read' ? 'would import' : o.status === 'duplicate' ? 'known     ' : 'imported  ';
      (errors.length ? say.warn : say.ok)(`${verb} ${o.file}: ${o.format}, ${o.statements} statement(s), ${o.entries} new entr${o.entries === 1 ? 'y' : 'ies'}${dupes}${problem}`);
    }
  }
  const n = (s: BankFileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  say.info(dryRun ? 'dry run: nothing written' : `${n('imported')} imported, ${n('duplicate') + n('already-imported')} already known, ${n('failed')} failed`);
}
