/** `remit import FILE...`: remittance files that arrived by e-mail or a file drop, as one batch. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { companyOf, type PipelineContext } from './context.js';
import { importDocuments, type FileOutcome } from './importing/import-documents.js';

export type { FileOutcome };

export interface ImportFilesRequest {
  files: string[];
  payer?: string;
  company?: string;
  strict?: boolean;
}

export interface ImportFilesOutcome {
  batchId: number;
  files: FileOutcome[];
}

const PAYER_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export async function importFiles(ctx: PipelineContext, request: ImportFilesRequest): Promise<ImportFilesOutcome> {
  if (request.files.length === 0) throw new UsageError('name at least one file to import');
  const company = companyOf(ctx.config, request.company);
  if (request.payer !== undefined && !PAYER_CODE.test(request.payer)) {
    throw new UsageError(`--payer "${request.payer}": a payer code is letters, digits, dot, dash or underscore`);
  }
  const paths = request.files.map((file) => resolve(file));
  const batchId = await ctx.ledger.documents.startBatch(company, 'import', null);
  const files = await importDocuments(ctx, {
    files: paths.filter((file) => existsSync(file)), company, ...(request.payer ? { payer: request.payer } : {}), strict: Boolean(request.strict), source: 'import', batchId,
  });
  for (const missing of paths.filter((file) => !existsSync(file))) files.push({ file: missing, status: 'failed', message: 'no such file' });
  await ctx.ledger.documents.closeBatch(batchId);
  return { batchId, files };
}

/** A file read with error diagnostics (a transaction dropped, totals that disagree) needs a person. */
export function hasErrors(outcome: FileOutcome): boolean {
  return outcome.status === 'imported' && outcome.diagnostics.some((d) => d.level === 'error');
}

/** Done with failures (exit 1): a file failed, or was read with errors. */
export function importFailed(outcomes: readonly FileOutcome[]): boolean {
  return outcomes.some((outcome) => outcome.status === 'failed' || hasErrors(outcome));
}
