/**
 * Import remittance files: keep the original in the inbox first (so nothing is ever
 * lost), recognise a file seen before, parse, and write each document in one
 * transaction. A failed file is recorded with its one-line reason; the others go on.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RemitError, errorMessage } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { displayMinor } from '../core/money.js';
import type { Config } from '../config/schema.js';
import type { Ledger } from '../ledger/index.js';
import type { Diagnostic, ParseResult, Remittance } from '../parsers/types.js';
import { storeInInbox } from '../workspace/inbox.js';
import { parseOptionsFor } from './options.js';
import { ParserRunner } from './parser-runner.js';

export type FileOutcome =
  | { file: string; status: 'imported'; documentId: number; format: string; payments: number; duplicates: number; lines: number; diagnostics: Diagnostic[] }
  | { file: string; status: 'duplicate'; documentId: number; message: string }
  | { file: string; status: 'already-imported'; documentId: number; message: string }
  | { file: string; status: 'failed'; documentId?: number; message: string };

export interface ImportRequest {
  files: string[];
  company: string;
  payer?: string;
  strict: boolean;
  source: string;
  batchId: number;
  /** Display names for files whose path is a temporary name (downloads). */
  names?: Map<string, string>;
}

export async function importFiles(request: ImportRequest, config: Config, ledger: Ledger, workspaceRoot: string): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const parser = new ParserRunner(config.limits.parseSeconds);
  try {
    for (const file of request.files) outcomes.push(await importOne(file, request, config, ledger, workspaceRoot, parser));
  } finally {
    await parser.close();
  }
  return outcomes;
}

async function importOne(
  file: string,
  request: ImportRequest,
  config: Config,
  ledger: Ledger,
  workspaceRoot: string,
  parser: ParserRunner,
): Promise<FileOutcome> {
  const name = request.names?.get(file) ?? basename(file);
  let bytes: Uint8Array;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return { file: name, status: 'failed', message: 'not a file (a folder?): name the files inside it' };
    const size = stats.size;
    if (size > config.limits.maxFileBytes) {
      return { file: name, status: 'failed', message: `${Math.round(size / 1048576)} MB is over the limit of ${Math.round(config.limits.maxFileBytes / 1048576)} MB (limits.max_file_mb)` };
    }
    bytes = readFileSync(file);
  } catch (err) {
    return { file: name, status: 'failed', message: `cannot read the file: ${errorMessage(err)}` };
  }
  const sha = sha256(bytes);
  const known = ledger.documents.bySha(sha);
  if (known && known.status !== 'failed') {
    return { file: name, status: 'already-imported', documentId: known.id, message: `already imported as document ${known.id} (${known.original_name})` };
  }
  const inboxPath = storeInInbox(join(workspaceRoot, 'inbox'), sha, name, bytes);
  const base = {
    sha256: sha, originalName: name, source: request.source, sizeBytes: bytes.length, inboxPath,
    company: request.company, payer: request.payer ?? null, batchId: request.batchId,
  };

  let parsed: ParseResult;
  try {
    parsed = await parser.parse(bytes, parseOptionsFor(config, request.company, request.payer, name, request.strict));
    if (parsed.remittances.length === 0) {
      const first = parsed.diagnostics.find((d) => d.level === 'error');
      throw new RemitError('no-payments', first ? describe(first) : 'no payment found in the file');
    }
    const errors = parsed.diagnostics.filter((d) => d.level === 'error' || request.strict);
    if (request.strict && errors.length > 0) {
      throw new RemitError('strict', `--strict: ${describe(errors[0]!)}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
    }
    const payerless = parsed.remittances.find((r) => !(r.payer ?? request.payer));
    if (payerless) {
      throw new RemitError('no-payer', `payment ${payerless.paymentRef} names no payer remit knows: pass --payer, or list the payer's id under payers.<ID>.ids in remit.yaml`);
    }
  } catch (err) {
    const message = errorMessage(err);
    const documentId = ledger.documents.record({ ...base, format: null, status: 'failed', error: message, diagnostics: [], remittanceCount: 0, duplicateCount: 0 });
    return { file: name, status: 'failed', documentId, message };
  }

  return ledger.transaction(() => {
    const documentId = ledger.documents.record({
      ...base, format: parsed.format, status: 'imported', error: null, diagnostics: parsed.diagnostics, remittanceCount: 0, duplicateCount: 0,
    });
    let created = 0;
    let duplicates = 0;
    let lines = 0;
    const duplicateOf: string[] = [];
    for (const remittance of parsed.remittances) {
      const payer = (remittance.payer ?? request.payer)!;
      const outcome = ledger.remittances.insert(remittance, { documentId, batchId: request.batchId, company: request.company, payer }, reviewFlag(remittance, parsed.diagnostics));
      if (outcome.created) {
        created += 1;
        lines += remittance.lines.length;
      } else {
        duplicates += 1;
        duplicateOf.push(`${remittance.paymentRef} (already from ${outcome.existingFile})`);
      }
    }
    const status = created === 0 ? 'duplicate' : 'imported';
    ledger.documents.setCounts(documentId, status, created, duplicates);
    if (status === 'duplicate') {
      return { file: name, status, documentId, message: `payment ${duplicateOf.join(', ')} is already in the ledger: nothing applied twice` };
    }
    return { file: name, status, documentId, format: parsed.format, payments: created, duplicates, lines, diagnostics: parsed.diagnostics };
  });
}

/** A remittance whose lines do not add up to its stated total is kept but flagged for a person. */
function reviewFlag(remittance: Remittance, diagnostics: Diagnostic[]): string | undefined {
  const total = remittance.lines.reduce((sum, line) => sum + line.paidMinor, 0);
  if (remittance.statedTotalMinor !== undefined && remittance.statedTotalMinor !== total) {
    return `lines add up to ${displayMinor(total)} but the document states ${displayMinor(remittance.statedTotalMinor)}`;
  }
  const named = diagnostics.find((d) => d.level === 'error' && d.message.includes(remittance.paymentRef));
  return named ? describe(named) : undefined;
}

function describe(diagnostic: Diagnostic): string {
  return diagnostic.location ? `${diagnostic.location}: ${diagnostic.message}` : diagnostic.message;
}
