/**
 * Remittance files into the ledger, one document at a time: keep the original in the inbox
 * first (so nothing is ever lost), recognise a file seen before, parse, and write each
 * document in one transaction. A failed file is recorded with its one-line reason; the
 * others go on. CSV and X12 files stream through in chunks (memory does not grow with the
 * file); the other formats, and files a stream cannot take, are read whole in the parser thread.
 */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ParseError, RemitError, errorMessage } from '../../core/errors.js';
import { errorCode, isOperatorFacing, osError } from '../../core/os-errors.js';
import type { Diagnostic } from '../../domain/document.js';
import { streamRemittanceFile } from '../../parsers/index.js';
import { NotStreamable } from '../../parsers/stream.js';
import type { ParseOptions, ParseResult } from '../../parsers/types.js';
import { InboxWriteFailed, LINK_REFUSED, TooLarge, keepOriginal, type KeptOriginal } from '../../workspace/inbox.js';
import type { PipelineContext } from '../context.js';
import { fileChunks, fileHead, sha256Bytes, sha256File } from './file-chunks.js';
import { parseOptionsFor } from './options.js';
import { ParserRunner } from './parser-runner.js';
import { writeDocument, type DocumentBase } from './write-document.js';

export type FileOutcome =
  | { file: string; status: 'read'; format: string; payments: number; lines: number; diagnostics: Diagnostic[]; known?: string }
  | { file: string; status: 'imported'; documentId: number; format: string; payments: number; duplicates: number; lines: number; diagnostics: Diagnostic[] }
  | { file: string; status: 'duplicate'; documentId: number; message: string }
  | { file: string; status: 'already-imported'; documentId: number; message: string }
  /** A message that carries no remittance (an auto-reply, a newsletter) or was taken before. */
  | { file: string; status: 'skipped'; message: string }
  | { file: string; status: 'failed'; documentId?: number; message: string };

export interface ImportRequest {
  files: string[];
  company: string;
  payer?: string;
  strict: boolean;
  /** Where the files came from (`import`, `fetch:<account>`), kept with each document. */
  source: string;
  batchId: number;
  /** Read what a symbolic link points to (`--follow-links`); otherwise a link is refused. */
  followLinks?: boolean;
  /** Display names for files whose path is a temporary name (downloads). */
  names?: Map<string, string>;
}

/** Import each file into the batch; one outcome per file, in order. */
export async function importDocuments(ctx: PipelineContext, request: ImportRequest): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const parser = new ParserRunner(ctx.config.limits.parseSeconds);
  try {
    for (const file of request.files) outcomes.push(await importOneOrFail(ctx, file, request, parser));
    // A file whose dates read either way is read again once a later file of the same payer
    // has proved the order (files arrive in no particular order).
    if (request.payer && outcomes.some(undecidedDates) && (await ctx.ledger.documents.payerDateOrder(request.company, request.payer))) {
      for (const [index, outcome] of outcomes.entries()) {
        if (undecidedDates(outcome)) outcomes[index] = await importOne(ctx, request.files[index]!, request, parser);
      }
    }
  } finally {
    await parser.close();
  }
  return outcomes;
}

/**
 * Read each file as an import would and say what it would give, writing nothing: no inbox
 * copy, no ledger row (`remit import --dry-run`).
 */
export async function readDocuments(ctx: PipelineContext, request: Omit<ImportRequest, 'source' | 'batchId'>): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const parser = new ParserRunner(ctx.config.limits.parseSeconds);
  try {
    for (const file of request.files) {
      const name = request.names?.get(file) ?? basename(file);
      try {
        if (!request.followLinks && lstatSync(file).isSymbolicLink()) throw new RemitError('symlink', LINK_REFUSED);
        const bytes = readFileSync(file);
        const known = await ctx.ledger.documents.bySha(sha256Bytes(bytes));
        const parsed = await parser.parse(bytes, await optionsFor(ctx, request, name));
        const lines = parsed.remittances.reduce((sum, r) => sum + r.lines.length, 0);
        outcomes.push({
          file: name, status: 'read', format: parsed.format, payments: parsed.remittances.length, lines, diagnostics: parsed.diagnostics,
          ...(known && known.status !== 'failed' ? { known: `already imported as document ${known.id}` } : {}),
        });
      } catch (err) {
        outcomes.push({ file: name, status: 'failed', message: errorMessage(err) });
      }
    }
  } finally {
    await parser.close();
  }
  return outcomes;
}

/** Parser options for a file of the request: remit.yaml's, and the order of dates the payer's documents proved. */
async function optionsFor(ctx: PipelineContext, request: Pick<ImportRequest, 'company' | 'payer' | 'strict'>, name: string): Promise<ParseOptions> {
  const options = parseOptionsFor(ctx.config, request.company, request.payer, name, request.strict);
  if (request.payer && !options.knownDateOrder) {
    const usual = await ctx.ledger.documents.payerDateOrder(request.company, request.payer);
    if (usual) options.usualDateOrder = { order: usual.order, source: `payer ${request.payer}'s document ${usual.documentId} (${usual.originalName})` };
  }
  return options;
}

/** One file; an OS error on the way (a full disk, too many open files) fails this file, and the next is still tried. */
async function importOneOrFail(ctx: PipelineContext, file: string, request: ImportRequest, parser: ParserRunner): Promise<FileOutcome> {
  try {
    return await importOne(ctx, file, request, parser);
  } catch (err) {
    if (!isOperatorFacing(err) || /^SQLITE_(BUSY|LOCKED|CORRUPT|NOTADB)/.test(errorCode(err) ?? '')) throw err;
    return { file: request.names?.get(file) ?? basename(file), status: 'failed', message: errorMessage(osError(err, undefined, 'import the file', 1)) };
  }
}

async function importOne(ctx: PipelineContext, file: string, request: ImportRequest, parser: ParserRunner): Promise<FileOutcome> {
  const { ledger, config } = ctx;
  const name = request.names?.get(file) ?? basename(file);
  // Kept first, then read only from the kept copy: what the ledger holds is what the inbox holds.
  let kept: KeptOriginal;
  try {
    kept = keepOriginal(ctx.paths.inbox, file, name, { followLinks: Boolean(request.followLinks), maxBytes: config.limits.maxFileBytes });
  } catch (err) {
    if (err instanceof TooLarge) {
      return { file: name, status: 'failed', message: `${Math.round(err.size / 1048576)} MB is over the limit of ${Math.round(config.limits.maxFileBytes / 1048576)} MB (limits.max_file_mb)` };
    }
    if (err instanceof InboxWriteFailed) return notKept(ctx, file, name, request, err);
    return { file: name, status: 'failed', message: err instanceof RemitError ? err.message : `cannot read the file: ${errorMessage(err)}` };
  }
  const { sha256: sha, size, inboxPath } = kept;
  const known = await ledger.documents.bySha(sha);
  if (known && known.status !== 'failed') {
    return { file: name, status: 'already-imported', documentId: known.id, message: `already imported as document ${known.id} (${known.originalName})` };
  }
  file = kept.file;
  const base: DocumentBase = {
    sha256: sha, originalName: name, source: request.source, sizeBytes: size, inboxPath,
    company: request.company, payer: request.payer ?? null, batchId: request.batchId,
  };
  const failed = (err: unknown): Promise<FileOutcome> => recordFailed(ctx, base, errorMessage(osError(err, undefined, 'write the document into the ledger', 1)));
  const options = await optionsFor(ctx, request, name);

  try {
    const stream = streamRemittanceFile(fileHead(file), fileChunks(file), options);
    if (stream) {
      return await writeDocument(ledger, base, request, stream.format, withinTime(stream.remittances, config.limits.parseSeconds), stream.diagnostics, () => stream.dateOrder?.());
    }
  } catch (err) {
    // The stream's writes were rolled back; the whole-file reader decides on all of the bytes.
    if (!(err instanceof NotStreamable)) return failed(err);
  }
  let parsed: ParseResult;
  try {
    parsed = await parser.parse(readFileSync(file), options);
  } catch (err) {
    return failed(err);
  }
  try {
    return await writeDocument(ledger, base, request, parsed.format, parsed.remittances, () => parsed.diagnostics, () => parsed.dateOrder);
  } catch (err) {
    return failed(err);
  }
}

/** A failed document's row, with its reason; when even that cannot be written (a full disk), the outcome says so. */
async function recordFailed(ctx: PipelineContext, base: DocumentBase, message: string): Promise<FileOutcome> {
  try {
    const documentId = await ctx.ledger.documents.record({ ...base, format: null, status: 'failed', error: message, diagnostics: [], remittanceCount: 0, duplicateCount: 0 });
    return { file: base.originalName, status: 'failed', documentId, message };
  } catch (err) {
    if (!isOperatorFacing(err) || /^SQLITE_(BUSY|LOCKED|CORRUPT|NOTADB)/.test(errorCode(err) ?? '')) throw err;
    return { file: base.originalName, status: 'failed', message: `${message} (not recorded in the ledger either: ${errorMessage(osError(err, undefined, 'record it'))})` };
  }
}

/**
 * The source was readable but the inbox could not take it (full disk, read-only folder): the
 * document is recorded as failed, with no kept original, so it is listed and can be imported
 * again once the inbox is writable.
 */
async function notKept(ctx: PipelineContext, file: string, name: string, request: ImportRequest, err: InboxWriteFailed): Promise<FileOutcome> {
  let sha: string;
  let size: number;
  try {
    sha = sha256File(file);
    size = statSync(file).size;
  } catch {
    return { file: name, status: 'failed', message: err.message };
  }
  const hint = err.hint ? `; ${err.hint}, then import the file again` : '; import the file again once the inbox can be written';
  return recordFailed(ctx, {
    sha256: sha, originalName: name, source: request.source, sizeBytes: size, inboxPath: '',
    company: request.company, payer: request.payer ?? null, batchId: request.batchId,
  }, `${err.message}${hint}`);
}

/** A file that failed only because nothing in it told day from month. */
function undecidedDates(outcome: FileOutcome): boolean {
  return outcome.status === 'failed' && outcome.documentId !== undefined && /read as day-first or month-first and nothing in the file tells which/.test(outcome.message);
}

/** The parse time limit for a stream read in this thread: reading time only, not writing. */
function* withinTime<T>(source: Iterable<T>, seconds: number): Generator<T> {
  const iterator = source[Symbol.iterator]();
  let spent = 0;
  try {
    for (;;) {
      const started = performance.now();
      const next = iterator.next();
      spent += performance.now() - started;
      if (spent > seconds * 1000) throw new ParseError(`reading the file took longer than ${seconds} s and was stopped (limits.parse_seconds)`);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Closes the file when writing stops early (a payment with no payer, a failed insert).
    iterator.return?.();
  }
}
