/** `remit import FILE...`: remittance files that arrived by e-mail or a file drop. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { importFiles, type FileOutcome } from '../../importing/import-files.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { companyFor, openWorkspace } from '../workspace.js';

export interface ImportOptions {
  payer?: string;
  company?: string;
  strict?: boolean;
  json?: boolean;
}

export async function run(files: string[], options: ImportOptions, ctx: Context): Promise<number> {
  if (files.length === 0) throw new UsageError('name at least one file to import');
  const { paths, config, ledger } = openWorkspace(ctx);
  try {
    const company = companyFor(config, options.company);
    if (options.payer !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(options.payer)) {
      throw new UsageError(`--payer "${options.payer}": a payer code is letters, digits, dot, dash or underscore`);
    }
    const paths_ = files.map((file) => resolve(file));
    const batchId = ledger.documents.startBatch(company, 'import', null);
    const outcomes = await importFiles(
      { files: paths_.filter((file) => existsSync(file)), company, ...(options.payer ? { payer: options.payer } : {}), strict: Boolean(options.strict), source: 'import', batchId },
      config,
      ledger,
      paths.root,
    );
    for (const missing of paths_.filter((file) => !existsSync(file))) outcomes.push({ file: missing, status: 'failed', message: 'no such file' });
    ledger.documents.finishBatch(batchId);
    ledger.documents.dropIfEmpty(batchId);
    report(outcomes, batchId, sayFor(ctx), ctx, Boolean(options.json));
    return outcomes.some((outcome) => outcome.status === 'failed' || hasErrors(outcome)) ? 1 : 0;
  } finally {
    ledger.close();
  }
}

/** A file read with error diagnostics (a transaction dropped, totals that disagree) needs a person: exit 1. */
export function hasErrors(outcome: FileOutcome): boolean {
  return outcome.status === 'imported' && outcome.diagnostics.some((d) => d.level === 'error');
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
