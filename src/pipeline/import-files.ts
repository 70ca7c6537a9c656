/** `remit import FILE...`: remittance files that arrived by e-mail or a file drop, as one batch. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { companyOf, type PipelineContext } from './context.js';
import { importDocuments, readDocuments, type FileOutcome } from './importing/import-documents.js';

export type { FileOutcome };

export interface ImportFilesRequest {
  files: string[];
  payer?: string;
  company?: string;
  strict?: boolean;
  /** Read and report; write nothing. */
  dryRun?: boolean;
}

export interface ImportFilesOutcome {
  batchId: number;
  files: FileOutcome[];
}

const PAYER_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export async function importFiles(ctx: PipelineContext, request: ImportFilesRequest): Promise<ImportFilesOutcome> {
  if (request.files.length === 0) throw new UsageError('name at least one file to import (or --retry-failed)');
  const company = companyOf(ctx.config, request.company);
  if (request.payer !== undefined && !PAYER_CODE.test(request.payer)) {
    throw new UsageError(`--payer "${request.payer}": a payer code is letters, digits, dot, dash or underscore`);
  }
  const paths = request.files.map((file) => resolve(file));
  if (request.dryRun) {
    const files = await readDocuments(ctx, { files: paths.filter((file) => existsSync(file)), company, ...(request.payer ? { payer: request.payer } : {}), strict: Boolean(request.strict) });
    for (const missing of paths.filter((file) => !existsSync(file))) files.push({ file: missing, status: 'failed', message: 'no such file' });
    return { batchId: 0, files };
  }
  const batchId = await ctx.ledger.documents.startBatch(company, 'import', null);
  const files = await importDocuments(ctx, {
    files: paths.filter((file) => existsSync(file)), company, ...(request.payer ? { payer: request.payer } : {}), strict: Boolean(request.strict), source: 'import', batchId,
  });
  for (const missing of paths.filter((file) => !existsSync(file))) files.push({ file: missing, status: 'failed', message: 'no such file' });
  await ctx.ledger.documents.closeBatch(batchId);
  return { batchId, files };
}

/**
 * `--retry-failed`: every failed document already in inbox/ read again from its kept
 * original, under today's remit.yaml (a new column name, a date_order), one batch per company.
 */
export async function retryFailedDocuments(ctx: PipelineContext, request: { company?: string; strict?: boolean }): Promise<ImportFilesOutcome[]> {
  const company = request.company ? companyOf(ctx.config, request.company) : undefined;
  const failed = await ctx.ledger.documents.failed(company);
  const outcomes: ImportFilesOutcome[] = [];
  for (const code of [...new Set(failed.map((d) => d.company))]) {
    const batchId = await ctx.ledger.documents.startBatch(code, 'import', 'retry of failed documents');
    const files: FileOutcome[] = [];
    const ofCompany = failed.filter((d) => d.company === code);
    for (const payer of [...new Set(ofCompany.map((d) => d.payer))]) {
      const documents = ofCompany.filter((d) => d.payer === payer);
      const paths = documents.map((d) => join(ctx.paths.root, d.inboxPath));
      files.push(...(await importDocuments(ctx, {
        files: paths, company: code, ...(payer ? { payer } : {}), strict: Boolean(request.strict), source: documents[0]!.source, batchId,
        names: new Map(documents.map((d, i) => [paths[i]!, d.originalName])),
      })));
    }
    await ctx.ledger.documents.closeBatch(batchId);
    outcomes.push({ batchId, files });
  }
  return outcomes;
}

/** A file read with error diagnostics (a transaction dropped, totals that disagree) needs a person. */
export function hasErrors(outcome: FileOutcome): boolean {
  return (outcome.status === 'imported' || outcome.status === 'read') && outcome.diagnostics.some((d) => d.level === 'error');
}

/** Done with failures (exit 1): a file failed, or was read with errors. */
export function importFailed(outcomes: readonly FileOutcome[]): boolean {
  return outcomes.some((outcome) => outcome.status === 'failed' || hasErrors(outcome));
}
