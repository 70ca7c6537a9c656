/**
 * `remit export-gl`: a balanced journal CSV for applied cash not exported before. The file
 * is written one payment at a time to a temporary name, in the ledger transaction that
 * records it, and moved into place just before that transaction commits: the ledger and
 * the file never disagree, and a journal of a year of applications is never in memory whole.
 * A payment that does not balance stops it all: no file, nothing recorded.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RemitError, UsageError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import type { GlAccounts } from '../../config/schema.js';
import { journalEntry } from '../../gl/journal.js';
import { JournalFile } from '../../gl/journal-file.js';
import { genericCsvHeader, genericCsvRows } from '../../gl/generic-writer.js';
import type { JournalLine } from '../../gl/types.js';
import type { Ledger } from '../../ledger/index.js';
import type { PostableHeader } from '../../ledger/journals.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { companyFor, openWorkspace } from '../workspace.js';

export interface ExportOptions {
  out?: string;
  format?: string;
  reexport?: string;
  company?: string;
}

export async function run(options: ExportOptions, ctx: Context): Promise<number> {
  const format = options.format ?? 'generic';
  if (format !== 'generic') throw new UsageError(`--format ${format}: the journal formats are: generic`);
  const { paths, config, ledger } = openWorkspace(ctx);
  const say = sayFor(ctx);
  try {
    if (options.reexport !== undefined) {
      const id = Number(String(options.reexport).replace(/^J/i, ''));
      const journal = Number.isInteger(id) ? ledger.journals.byId(id) : undefined;
      if (!journal) throw new UsageError(`no journal ${options.reexport}`, 'see `remit report batches` and the journal ids in `remit report applications --format csv`');
      const out = resolve(options.out ?? join(paths.exports, `journal-${id}.csv`));
      checkOutFolder(out);
      writeFile(out, (file) => {
        file.write(genericCsvHeader());
        for (const line of ledger.journals.linesOf(id)) file.write(genericCsvRows(`J${id}`, [line]));
      });
      say.ok(`journal J${id} written again to ${out} (${journal.line_count} lines, first exported ${journal.created_at})`);
      return 0;
    }
    const company = companyFor(config, options.company);
    const headers = ledger.journals.postableHeaders(company);
    if (headers.length === 0) {
      say.info('nothing to export: every matched payment is already in a journal');
      return 0;
    }
    const id = ledger.journals.nextId();
    const out = resolve(options.out ?? join(paths.exports, `journal-${id}.csv`));
    checkOutFolder(out);
    let totals: Totals;
    try {
      totals = ledger.transaction(() =>
        writeFile(out, (file) => {
          ledger.journals.start(id, company, format, out, ledger.invoices.latestSnapshotId(company));
          const sum = postAll(ledger, id, headers, config.companies[company]!.gl, file);
          ledger.journals.finish(id, sum.lines, sum.debitMinor, sum.creditMinor);
          return sum;
        }),
      );
    } catch (err) {
      throw err instanceof RemitError ? err : new RemitError('export', `the journal was not written: ${(err as Error).message}`);
    }
    say.ok(`journal J${id}: ${headers.length} payment(s), ${totals.lines} lines, debits = credits = ${displayMinor(totals.debitMinor)} -> ${out}`);
    return 0;
  } finally {
    ledger.close();
  }
}

interface Totals {
  lines: number;
  debitMinor: number;
  creditMinor: number;
}

/** Each payment's entry: built and balanced, written to the file, recorded in the ledger. */
function postAll(ledger: Ledger, id: number, headers: PostableHeader[], accounts: GlAccounts, file: JournalFile): Totals {
  const totals: Totals = { lines: 0, debitMinor: 0, creditMinor: 0 };
  file.write(genericCsvHeader());
  for (const header of headers) {
    const remittance = ledger.journals.postable(header);
    const entry: JournalLine[] = journalEntry(remittance, accounts, totals.lines + 1);
    file.write(genericCsvRows(`J${id}`, entry));
    ledger.journals.post(id, entry, remittance);
    for (const line of entry) {
      totals.debitMinor += line.debitMinor;
      totals.creditMinor += line.creditMinor;
    }
    totals.lines += entry.length;
  }
  return totals;
}

/** `fill` writes the file; it takes its name only if `fill` returns, else nothing is left. */
function writeFile<T>(out: string, fill: (file: JournalFile) => T): T {
  const file = JournalFile.create(out);
  try {
    const result = fill(file);
    file.commit();
    return result;
  } finally {
    file.abandon();
  }
}

/** The folder of --out must exist: a typo there is the operator's to fix, not a crash. */
function checkOutFolder(out: string): void {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--out ${out}: the folder ${folder} does not exist`);
}

