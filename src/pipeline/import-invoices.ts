/**
 * Load an ERP open-item export as a new snapshot; the original is kept in the inbox. A CSV
 * export streams (a million open items never sit in memory at once); a workbook is read whole.
 */
import { existsSync, readFileSync } from 'node:fs';
import { RemitError } from '../core/errors.js';
import { basename } from 'node:path';
import type { Diagnostic } from '../domain/document.js';
import type { OpenItem } from '../domain/invoice.js';
import type { SnapshotResult } from '../ledger/index.js';
import { parseInvoiceFile, streamInvoiceFile } from '../parsers/index.js';
import { NotStreamable } from '../parsers/stream.js';
import { keepOriginal, type KeptOriginal } from '../workspace/inbox.js';
import { companyOf, type PipelineContext } from './context.js';
import { fileChunks, fileHead } from './importing/file-chunks.js';
import { parseOptionsFor } from './importing/options.js';

export interface InvoiceImportOutcome extends SnapshotResult {
  company: string;
  rows: number;
  customers: number;
  diagnostics: Diagnostic[];
}

/** `remit invoices import`: one open-item file as the company's newest snapshot, in one transaction. */
export async function importInvoices(ctx: PipelineContext, request: { file: string; company?: string; followLinks?: boolean }): Promise<InvoiceImportOutcome> {
  if (!existsSync(request.file)) throw new RemitError('no-file', `no such file: ${request.file}`);
  const company = companyOf(ctx.config, request.company);
  const name = basename(request.file);
  // Read only from the kept copy: the snapshot is what the inbox holds.
  let kept: KeptOriginal;
  try {
    // An open-item file is the ERP's own export, as large as the company's AR: no size limit.
    kept = keepOriginal(ctx.paths.inbox, request.file, name, { followLinks: Boolean(request.followLinks), maxBytes: Number.POSITIVE_INFINITY });
  } catch (err) {
    if (err instanceof RemitError && !err.code.startsWith('os-') && err.code !== 'inbox-write') throw new RemitError(err.code, `${request.file}: ${err.message}`, err.hint ? { hint: err.hint } : {});
    throw err;
  }
  const { sha256: sha, file } = kept;
  const options = parseOptionsFor(ctx.config, company, undefined, name, false);
  const write = async (invoices: Iterable<OpenItem>, diagnostics: () => Diagnostic[]): Promise<InvoiceImportOutcome> => {
    const customers = new Set<string>();
    let rows = 0;
    const counted = function* (): Generator<OpenItem> {
      for (const invoice of invoices) {
        rows += 1;
        customers.add(invoice.customer);
        yield invoice;
      }
    };
    const { repeated, ...result } = await ctx.ledger.transaction((tx) => tx.invoices.importSnapshot(company, counted(), name, sha));
    const listedTwice: Diagnostic[] = repeated.map((invoice) => ({
      level: 'error',
      ...(invoice.row ? { location: `row ${invoice.row}` } : {}),
      message: `invoice ${invoice.number} of ${invoice.customer} is listed again; the first row is kept`,
    }));
    return { ...result, company, rows: rows - repeated.length, customers: customers.size, diagnostics: [...diagnostics(), ...listedTwice] };
  };
  try {
    const stream = streamInvoiceFile(fileHead(file), fileChunks(file), options);
    if (stream) return await write(stream.invoices, stream.diagnostics);
  } catch (err) {
    // Rolled back; the whole-file reader decides on all of the bytes.
    if (!(err instanceof NotStreamable)) throw err;
  }
  const parsed = parseInvoiceFile(readFileSync(file), options);
  return write(parsed.invoices, () => parsed.diagnostics);
}
