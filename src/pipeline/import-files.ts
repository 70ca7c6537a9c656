/** `remit import FILE...`: remittance files that arrived by e-mail or a file drop, as one batch. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { closest } from '../core/validation.js';
import { companyOf, type PipelineContext } from './context.js';
import { importDocuments, readDocuments, type FileOutcome } from './importing/import-documents.js';
import { importMessages, isMessageFile } from './mail/import-messages.js';

export type { FileOutcome };

export interface ImportFilesRequest {
  files: string[];
  payer?: string;
  company?: string;
  strict?: boolean;
  /** Read and report; write nothing. */
  dryRun?: boolean;
  /** Read what a symbolic link points to; without it a link is refused. */
  followLinks?: boolean;
  /** The payer code is new on purpose (no open-invoice file or remit.yaml knows it yet). */
  newPayer?: boolean;
}

export interface ImportFilesOutcome {
  /** undefined when nothing was recorded (no batch is kept then). */
  batchId: number | undefined;
  files: FileOutcome[];
}

const PAYER_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export async function importFiles(ctx: PipelineContext, request: ImportFilesRequest): Promise<ImportFilesOutcome> {
  if (request.files.length === 0) throw new UsageError('name at least one file to import (or --retry-failed)');
  const company = companyOf(ctx.config, request.company);
  if (request.payer !== undefined && !PAYER_CODE.test(request.payer)) {
    throw new UsageError(`--payer "${request.payer}": a payer code is letters, digits, dot, dash or underscore`);
  }
  if (request.payer !== undefined && !request.newPayer) await checkKnownPayer(ctx, company, request.payer);
  const paths = request.files.map((file) => resolve(file));
  const messages = paths.filter((file) => existsSync(file) && isMessageFile(file));
  if (request.dryRun) {
    const files = await readDocuments(ctx, { files: paths.filter((file) => existsSync(file) && !isMessageFile(file)), company, ...(request.payer ? { payer: request.payer } : {}), strict: Boolean(request.strict), followLinks: Boolean(request.followLinks) });
    for (const message of messages) files.push({ file: message, status: 'skipped', message: '--dry-run does not open messages: import it without --dry-run, or look at it with remit import (a message taken is never taken twice)' });
    for (const missing of paths.filter((file) => !existsSync(file))) files.push({ file: missing, status: 'failed', message: 'no such file' });
    return { batchId: undefined, files };
  }
  await closeInterrupted(ctx);
  const batchId = await ctx.ledger.documents.startBatch(company, 'import', null);
  const files = await importDocuments(ctx, {
    files: paths.filter((file) => existsSync(file) && !isMessageFile(file)), company, ...(request.payer ? { payer: request.payer } : {}), strict: Boolean(request.strict), source: 'import', batchId,
    followLinks: Boolean(request.followLinks),
  });
  if (messages.length > 0) files.push(...(await importMessages(ctx, { files: messages, company, ...(request.payer ? { payer: request.payer } : {}), batchId })));
  for (const missing of paths.filter((file) => !existsSync(file))) files.push({ file: missing, status: 'failed', message: 'no such file' });
  const kept = await ctx.ledger.documents.closeBatch(batchId);
  return { batchId: kept ? batchId : undefined, files };
}

/** A batch a killed import left open is closed (or, empty, removed) before the next one starts: the caller holds the workspace lock. */
async function closeInterrupted(ctx: PipelineContext): Promise<void> {
  const { removed, closed } = await ctx.ledger.documents.closeInterruptedBatches();
  if (removed + closed > 0) ctx.log(`an earlier import was stopped: ${removed} empty batch(es) removed, ${closed} closed as interrupted`);
}

/**
 * A payer code must be one the open-invoice file or remit.yaml knows: a typo (`AMAZON` for
 * `AMZ`) would import lines that can never match, and post them as unapplied cash.
 */
async function checkKnownPayer(ctx: PipelineContext, company: string, payer: string): Promise<void> {
  if (ctx.config.payers[payer] || (await ctx.ledger.invoices.hasCustomer(company, payer))) return;
  // Only a refusal lists them: every customer ever named is a read of every invoice.
  const customers = await ctx.ledger.invoices.customers(company);
  const known = [...new Set([...Object.keys(ctx.config.payers), ...customers])].sort();
  const near = closest(payer, known);
  throw new UsageError(
    `--payer ${payer}: no open-invoice file of ${company} and no payers.${payer} in remit.yaml know this payer${near ? ` (did you mean ${near}?)` : ''}`,
    known.length ? `known payers: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''}; --new-payer if ${payer} is meant` : `import the open-invoice file first (remit invoices import FILE), or pass --new-payer if ${payer} is meant`,
  );
}

/**
 * `--retry-failed`: every failed document already in inbox/ read again from its kept
 * original, under today's remit.yaml (a new column name, a date_order), one batch per company.
 */
export async function retryFailedDocuments(ctx: PipelineContext, request: { company?: string; strict?: boolean; ids?: readonly number[] }): Promise<ImportFilesOutcome[]> {
  const company = request.company ? companyOf(ctx.config, request.company) : undefined;
  const failed = request.ids ? await documentsToRetry(ctx, request.ids) : await ctx.ledger.documents.failed(company);
  const outcomes: ImportFilesOutcome[] = [];
  await closeInterrupted(ctx);
  for (const code of [...new Set(failed.map((d) => d.company))]) {
    const batchId = await ctx.ledger.documents.startBatch(code, 'import', 'retry of failed documents');
    const files: FileOutcome[] = [];
    const ofCompany = failed.filter((d) => d.company === code);
    for (const payer of [...new Set(ofCompany.map((d) => d.payer))]) {
      // A remittance read from a message's body is kept as the message: it is read again as one.
      const messages = ofCompany.filter((d) => d.payer === payer && isMessageFile(d.inboxPath));
      if (messages.length > 0) {
        files.push(...(await importMessages(ctx, { files: messages.map((d) => join(ctx.paths.root, d.inboxPath)), company: code, ...(payer ? { payer } : {}), batchId })));
      }
      const documents = ofCompany.filter((d) => d.payer === payer && !isMessageFile(d.inboxPath));
      if (documents.length === 0) continue;
      const paths = documents.map((d) => join(ctx.paths.root, d.inboxPath));
      files.push(...(await importDocuments(ctx, {
        files: paths, company: code, ...(payer ? { payer } : {}), strict: Boolean(request.strict), source: documents[0]!.source, batchId,
        names: new Map(documents.map((d, i) => [paths[i]!, d.originalName])),
      })));
    }
    const kept = await ctx.ledger.documents.closeBatch(batchId);
    outcomes.push({ batchId: kept ? batchId : undefined, files });
  }
  return outcomes;
}

/** The documents named, each of which must be a failed one. */
async function documentsToRetry(ctx: PipelineContext, ids: readonly number[]) {
  const found = await ctx.ledger.documents.byIds(ids);
  for (const id of ids) {
    const doc = found.find((d) => d.id === id);
    if (!doc) throw new UsageError(`no document ${id}`, 'document ids are in remit report documents');
    if (doc.status !== 'failed') throw new UsageError(`document ${id} (${doc.originalName}) did not fail: it is ${doc.status}`);
  }
  return found;
}

/** `remit documents dismiss`: failed documents a person has looked at and let go, with the reason. */
export async function dismissDocuments(ctx: PipelineContext, request: { ids: readonly number[]; reason: string }): Promise<number> {
  if (!request.reason.trim()) throw new UsageError('--reason is required: why the document is let go (kept in the ledger)');
  await documentsToRetry(ctx, request.ids);
  return ctx.ledger.documents.dismiss(request.ids, ctx.user, request.reason.trim());
}

/** A file read with error diagnostics (a transaction dropped, totals that disagree) needs a person. */
export function hasErrors(outcome: FileOutcome): boolean {
  return (outcome.status === 'imported' || outcome.status === 'read') && outcome.diagnostics.some((d) => d.level === 'error');
}

/** Done with failures (exit 1): a file failed, or was read with errors. */
export function importFailed(outcomes: readonly FileOutcome[]): boolean {
  return outcomes.some((outcome) => outcome.status === 'failed' || hasErrors(outcome));
}
