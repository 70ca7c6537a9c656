/**
 * `remit export-gl`: a balanced journal for applied cash not exported before. The file is
 * written one payment at a time to a temporary name, in the ledger transaction that records
 * it, and moved into place just before that transaction commits; a journal of a year of
 * applications is never in memory whole. A payment that does not balance stops it all: no
 * file, nothing recorded.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RemitError, UsageError } from '../core/errors.js';
import type { GlAccounts } from '../gl/accounts.js';
import { genericCsvHeader, genericCsvRows } from '../gl/generic-writer.js';
import { journalEntry } from '../gl/journal.js';
import type { JournalLine } from '../domain/journal.js';
import type { JournalRecord, Ledger, PostableHeader } from '../ledger/index.js';
import { StagedFile } from '../workspace/staged-file.js';
import { companyOf, type PipelineContext } from './context.js';

export const JOURNAL_FORMATS = ['generic'] as const;

export interface JournalTotals {
  lines: number;
  debitMinor: number;
  creditMinor: number;
}

export type ExportOutcome =
  | { kind: 'nothing' }
  | { kind: 'written'; journalId: number; file: string; payments: number; totals: JournalTotals };

export async function exportJournal(ctx: PipelineContext, options: { out?: string; format?: string; company?: string }): Promise<ExportOutcome> {
  const format = checkFormat(options.format);
  const { ledger } = ctx;
  const company = companyOf(ctx.config, options.company);
  const headers = await ledger.journals.postableHeaders(company);
  if (headers.length === 0) return { kind: 'nothing' };
  const id = await ledger.journals.nextId();
  const out = resolve(options.out ?? join(ctx.paths.exports, `journal-${id}.csv`));
  checkOutFolder(out);
  const accounts = ctx.config.companies[company]!.gl;
  try {
    const totals = await ledger.transaction(async (tx) => {
      const file = StagedFile.create(out);
      try {
        await tx.journals.start(id, company, format, out, await tx.invoices.latestSnapshotId(company));
        const sum = await postAll(tx, id, headers, accounts, file);
        await tx.journals.finish(id, { lineCount: sum.lines, debitMinor: sum.debitMinor, creditMinor: sum.creditMinor });
        file.commit();
        return sum;
      } finally {
        file.abandon();
      }
    });
    return { kind: 'written', journalId: id, file: out, payments: headers.length, totals };
  } catch (err) {
    throw err instanceof RemitError ? err : new RemitError('export', `the journal was not written: ${(err as Error).message}`);
  }
}

/** `--reexport ID`: an earlier journal written again, unchanged. */
export async function reexportJournal(ctx: PipelineContext, options: { id: string; out?: string }): Promise<{ journal: JournalRecord; file: string }> {
  const id = Number(String(options.id).replace(/^J/i, ''));
  const journal = Number.isInteger(id) ? await ctx.ledger.journals.byId(id) : undefined;
  if (!journal) throw new UsageError(`no journal ${options.id}`, 'see `remit report batches` and the journal ids in `remit report applications --format csv`');
  const out = resolve(options.out ?? join(ctx.paths.exports, `journal-${id}.csv`));
  checkOutFolder(out);
  const file = StagedFile.create(out);
  try {
    file.write(genericCsvHeader());
    for await (const page of ctx.ledger.journals.linesOf(id)) file.write(genericCsvRows(`J${id}`, page));
    file.commit();
  } finally {
    file.abandon();
  }
  return { journal, file: out };
}

function checkFormat(format: string | undefined): (typeof JOURNAL_FORMATS)[number] {
  const chosen = format ?? 'generic';
  if (!(JOURNAL_FORMATS as readonly string[]).includes(chosen)) throw new UsageError(`--format ${chosen}: the journal formats are: ${JOURNAL_FORMATS.join(', ')}`);
  return chosen as (typeof JOURNAL_FORMATS)[number];
}

/** Each payment's entry: built and balanced, written to the file, recorded in the ledger. */
async function postAll(ledger: Ledger, id: number, headers: PostableHeader[], accounts: GlAccounts, file: StagedFile): Promise<JournalTotals> {
  const totals: JournalTotals = { lines: 0, debitMinor: 0, creditMinor: 0 };
  file.write(genericCsvHeader());
  for (const header of headers) {
    const remittance = await ledger.journals.postable(header);
    const entry: JournalLine[] = journalEntry(remittance, accounts, totals.lines + 1);
    file.write(genericCsvRows(`J${id}`, entry));
    await ledger.journals.post(id, entry, remittance);
    for (const line of entry) {
      totals.debitMinor += line.debitMinor;
      totals.creditMinor += line.creditMinor;
    }
    totals.lines += entry.length;
  }
  return totals;
}

/** The folder of --out must exist: a typo there is the operator's to fix, not a crash. */
function checkOutFolder(out: string): void {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--out ${out}: the folder ${folder} does not exist`);
}
