/**
 * Load an ERP open-item export as a new snapshot; the original is kept in the inbox. A CSV
 * export streams (a million open items never sit in memory at once); a workbook is read whole.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { InvoiceRow, SnapshotResult } from '../ledger/invoices.js';
import type { Ledger } from '../ledger/index.js';
import { parseInvoiceFile, streamInvoiceFile } from '../parsers/index.js';
import { NotStreamable } from '../parsers/stream.js';
import type { Diagnostic } from '../parsers/types.js';
import { copyIntoInbox } from '../workspace/inbox.js';
import { fileChunks, fileHead, sha256File } from './file-chunks.js';
import { parseOptionsFor } from './options.js';

export interface InvoiceImportResult extends SnapshotResult {
  rows: number;
  customers: number;
  diagnostics: Diagnostic[];
}

export function importInvoices(file: string, company: string, config: Config, ledger: Ledger, workspaceRoot: string): InvoiceImportResult {
  const sha = sha256File(file);
  const name = basename(file);
  copyIntoInbox(join(workspaceRoot, 'inbox'), sha, name, file);
  const options = parseOptionsFor(config, company, undefined, name, false);
  const write = (invoices: Iterable<InvoiceRow>, diagnostics: () => Diagnostic[]): InvoiceImportResult => {
    const customers = new Set<string>();
    let rows = 0;
    const counted = function* (): Generator<InvoiceRow> {
      for (const invoice of invoices) {
        rows += 1;
        customers.add(invoice.customer);
        yield invoice;
      }
    };
    const { repeated, ...result } = ledger.transaction(() => ledger.invoices.importSnapshot(company, counted(), name, sha));
    const listedTwice: Diagnostic[] = repeated.map((invoice) => ({
      level: 'error',
      ...(invoice.row ? { location: `row ${invoice.row}` } : {}),
      message: `invoice ${invoice.number} of ${invoice.customer} is listed again; the first row is kept`,
    }));
    return { ...result, rows: rows - repeated.length, customers: customers.size, diagnostics: [...diagnostics(), ...listedTwice] };
  };
  try {
    const stream = streamInvoiceFile(fileHead(file), fileChunks(file), options);
    if (stream) return write(stream.invoices, stream.diagnostics);
  } catch (err) {
    // Rolled back; the whole-file reader decides on all of the bytes.
    if (!(err instanceof NotStreamable)) throw err;
  }
  const parsed = parseInvoiceFile(readFileSync(file), options);
  return write(parsed.invoices, () => parsed.diagnostics);
}
