/** Load an ERP open-item export as a new snapshot; the original is kept in the inbox. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sha256 } from '../core/hash.js';
import type { Config } from '../config/schema.js';
import type { Ledger } from '../ledger/index.js';
import type { SnapshotResult } from '../ledger/invoices.js';
import { parseInvoiceFile } from '../parsers/index.js';
import type { Diagnostic } from '../parsers/types.js';
import { storeInInbox } from '../workspace/inbox.js';
import { parseOptionsFor } from './options.js';

export interface InvoiceImportResult extends SnapshotResult {
  rows: number;
  customers: number;
  diagnostics: Diagnostic[];
}

export function importInvoices(file: string, company: string, config: Config, ledger: Ledger, workspaceRoot: string): InvoiceImportResult {
  const bytes = readFileSync(file);
  const sha = sha256(bytes);
  const name = basename(file);
  storeInInbox(join(workspaceRoot, 'inbox'), sha, name, bytes);
  const parsed = parseInvoiceFile(bytes, parseOptionsFor(config, company, undefined, name, false));
  const result = ledger.transaction(() => ledger.invoices.importSnapshot(company, parsed.invoices, name, sha));
  return {
    ...result,
    rows: parsed.invoices.length,
    customers: new Set(parsed.invoices.map((invoice) => invoice.customer)).size,
    diagnostics: parsed.diagnostics,
  };
}
