/** `remit import FILE...`: remittance files that arrived by e-mail or a file drop. */
import { hasErrors, importFailed, importFiles, type FileOutcome } from '../../pipeline/import-files.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { withWorkspace } from '../workspace.js';

export interface ImportOptions {
  payer?: string;
  company?: string;
  strict?: boolean;
  json?: boolean;
}

export async function run(files: string[], options: ImportOptions, ctx: Context): Promise<number> {
  const outcome = await withWorkspace(ctx, (pipeline) => importFiles(pipeline, { files, ...options }));
  report(outcome.files, outcome.batchId, sayFor(ctx), ctx, Boolean(options.json));
  return importFailed(outcome.files) ? 1 : 0;
}

export function report(outcomes: FileOutcome[], batchId: number, say: Say, ctx: Context, json: boolean): void {
  if (json) {
    ctx.stdout.write(`${JSON.stringify({ batch: batchId, files: outcomes }, null, 2)}\n`);
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
    } else {
      say.info(`skipped   ${outcome.file}: ${outcome.message}`);
    }
  }
  const count = (status: FileOutcome['status']): number => outcomes.filter((o) => o.status === status).length;
  say.info(`batch ${batchId}: ${count('imported')} imported, ${count('duplicate') + count('already-imported')} skipped, ${count('failed')} failed`);
}
