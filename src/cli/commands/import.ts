/** `remit import FILE...`: remittance files that arrived by e-mail or a file drop. */
import { UsageError } from '../../core/errors.js';
import { hasErrors, importFailed, importFiles, retryFailedDocuments, type FileOutcome } from '../../pipeline/import-files.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { withWorkspace } from '../workspace.js';

export interface ImportOptions {
  payer?: string;
  company?: string;
  strict?: boolean;
  dryRun?: boolean;
  retryFailed?: boolean;
  newPayer?: boolean;
  json?: boolean;
}

export async function run(files: string[], options: ImportOptions, ctx: Context): Promise<number> {
  const say = sayFor(ctx);
  if (options.retryFailed) {
    if (files.length > 0 || options.payer || options.dryRun) throw new UsageError('--retry-failed reads the failed documents already in inbox/: name no file, --payer or --dry-run with it');
    const batches = await withWorkspace(ctx, (pipeline) => retryFailedDocuments(pipeline, { ...(options.company ? { company: options.company } : {}), strict: Boolean(options.strict) }));
    if (batches.length === 0) say.info('no failed document to read again');
    for (const batch of batches) report(batch.files, batch.batchId, say, ctx, Boolean(options.json));
    return batches.some((b) => importFailed(b.files)) ? 1 : 0;
  }
  const outcome = await withWorkspace(ctx, (pipeline) => importFiles(pipeline, { files, ...options }));
  if (options.dryRun && !options.json) {
    reportDryRun(outcome.files, say);
    return importFailed(outcome.files) ? 1 : 0;
  }
  report(outcome.files, outcome.batchId, say, ctx, Boolean(options.json));
  return importFailed(outcome.files) ? 1 : 0;
}

function reportDryRun(outcomes: FileOutcome[], say: Say): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'read') {
      const text = `would import ${outcome.file}: ${outcome.format}, ${outcome.payments} payment(s), ${outcome.lines} line(s)${outcome.known ? ` (${outcome.known})` : ''}`;
      (hasErrors(outcome) ? say.warn : say.ok)(text);
      for (const d of outcome.diagnostics) say.info(`  ${d.level}: ${d.location ? `${d.location}: ` : ''}${d.message}`);
    } else if (outcome.status === 'failed') {
      say.fail(`would fail   ${outcome.file}: ${outcome.message}`);
    }
  }
  say.info('dry run: nothing written');
}

export function report(outcomes: FileOutcome[], batchId: number | undefined, say: Say, ctx: Context, json: boolean): void {
  if (json) {
    ctx.stdout.write(`${JSON.stringify({ batch: batchId ?? null, files: outcomes }, null, 2)}\n`);
    return;
  }
  for (const outcome of outcomes) {
    if (outcome.status === 'imported') {
      const extra = outcome.duplicates ? `, ${outcome.duplicates} payment(s) already in the ledger` : '';
      const warn = outcome.diagnostics.length ? `, ${outcome.diagnostics.length} diagnostic(s): ${outcome.diagnostics[0]!.message}` : '';
      const text = `imported  ${outcome.file}: ${outcome.format}, ${outcome.payments} payment(s), ${outcome.lines} line(s)${extra}${warn}`;
      if (hasErrors(outcome)) say.warn(text);
      else say.ok(text);
    } else if (outcome.status === 'failed') {
      say.fail(`failed    ${outcome.file}: ${outcome.message}`);
    } else if (outcome.status !== 'read') {
      say.info(`skipped   ${outcome.file}: ${outcome.message}`);
    }
  }
  const count = (status: FileOutcome['status']): number => outcomes.filter((o) => o.status === status).length;
  const tally = `${count('imported')} imported, ${count('duplicate') + count('already-imported')} skipped, ${count('failed')} failed`;
  say.info(batchId === undefined ? `${tally}; nothing recorded` : `batch ${batchId}: ${tally}`);
}
