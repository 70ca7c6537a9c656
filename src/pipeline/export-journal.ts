/**
 * `remit export-gl`: what applied cash posts that no journal holds yet, in the format of the
 * company's ERP (`generic` or one of gl/formats), dated on the posting date, as a two-phase
 * commit:
 *   1. every payment's entry is built (balanced, never into a closed period), recorded in the
 *      ledger and written to temporary files beside the target, in one transaction that also
 *      records the journal's files (path, sha256, bytes) as `recorded`;          [staged]
 *   2. the transaction commits;                                                  [recorded]
 *   3. each file is moved into place;                                  [placed-first, placed]
 *   4. the journal is marked `placed`.
 * Killed before 2, nothing happened (the next export removes the temporary files); after 2,
 * the next export (or --recover) writes the files again from the ledger, byte-identical,
 * before anything new: a journal is never exported twice, and no file at --out is unknown to
 * the ledger. A line awaiting review is not posted: its cash stays in bank clearing until the
 * line is decided, and the first export after that posts it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RemitError, UsageError, ExitCode } from '../core/errors.js';
import { localDayAndMinute } from '../core/times.js';
import { exportFormat, writeErpFormat, type FormatName } from '../gl/formats/registry.js';
import { genericCsvHeader, genericCsvRows } from '../gl/generic-writer.js';
import { ledgerLines } from '../gl/ledger-lines.js';
import { buildReconciliationEntry } from '../gl/reconciliation-entry.js';
import { awaitingReview, buildPostingEntry, checkPostingDate, netOfUndone } from '../gl/posting-entry.js';
import type { PostingContext, PostingEntry } from '../gl/posting.js';
import { postingAccountsFor, type ErpFormatName } from '../gl/settings.js';
import type { JournalFileRecord, JournalRecord, Ledger } from '../ledger/index.js';
import type { JournalLine } from '../gl/types.js';
import type { StagedFile } from '../workspace/staged-file.js';
import { companyOf, type PipelineContext } from './context.js';
import { finishRecorded, removeStaleTemps, stageFile, syncFolder, targetPaths, writeGenericFromLines, writeRecorded, type BoundaryHook, type FinishedJournal } from './journal-files.js';

export { EXPORT_BOUNDARIES, type ExportBoundary } from './journal-files.js';

export interface JournalTotals {
  lines: number;
  debitMinor: number;
  creditMinor: number;
}

/** A line whose cash is not posted (it stays in bank clearing) because it waits for a person; the first export after it is decided posts it. */
export interface HeldLine {
  payer: string;
  paymentRef: string;
  lineNo: number;
  amountMinor: number;
}

export type ExportOutcome =
  | { kind: 'nothing'; held: HeldLine[]; recovered: FinishedJournal[] }
  | {
      kind: 'written'; journalId: number; format: FormatName; postingDate: string;
      /** The first file (the one at --out). */
      file: string; files: string[]; payments: number;
      /** Reconciled bank entries posted (bank, clearing, fees, unapplied cash, returns). */
      bankEntries: number; totals: JournalTotals; held: HeldLine[]; recovered: FinishedJournal[];
    };

export interface ExportRequest {
  out?: string;
  /** Default: the company's gl.export_format, else generic. */
  format?: string;
  company?: string;
  /** Only this payer's payments (the others wait for the next export). */
  payer?: string;
  /** YYYY-MM-DD; default today in gl.time_zone (else the machine's). */
  postingDate?: string;
  /** Called at each step boundary (the crash test kills the process there). */
  boundary?: BoundaryHook;
}

export async function exportJournal(ctx: PipelineContext, request: ExportRequest): Promise<ExportOutcome> {
  const company = companyOf(ctx.config, request.company);
  const settings = ctx.config.companies[company]!;
  const gl = settings.posting;
  const format = exportFormat(request.format ?? gl.exportFormat ?? 'generic');
  if (format.name !== 'generic' && !gl.formats[format.name]) {
    throw new RemitError('gl-format', `--format ${format.name} needs its settings in remit.yaml: companies.${company}.gl.formats.${format.name} is not set`, {
      exitCode: ExitCode.usage, hint: 'see the README section "Posting into the ERP" for the keys of each format',
    });
  }
  const now = localDayAndMinute(ctx.clock.now(), gl.timeZone);
  const postingDate = request.postingDate ?? now.day;
  checkPostingDate(postingDate, gl.closedThrough);
  const boundary: BoundaryHook = request.boundary ?? (() => undefined);
  const { ledger } = ctx;

  const recovered = await finishRecorded(ledger);
  removeStaleTemps([ctx.paths.exports], request.out !== undefined ? [resolve(request.out)] : []);
  const headers = (await ledger.journals.postableHeaders(company)).filter((h) => request.payer === undefined || h.payer === request.payer);
  // Reconciled bank entries (cash from clearing to the bank, fees, unapplied cash, returns) wait while --payer narrows the export.
  const reconciliations = request.payer === undefined ? await ledger.bank.postableReconciliations(company) : [];
  if (headers.length === 0 && reconciliations.length === 0) return { kind: 'nothing', held: [], recovered };
  const id = await ledger.journals.nextId();
  const out = resolve(request.out ?? join(ctx.paths.exports, `journal-${id}${format.name === 'sap-lockbox' ? '.txt' : '.csv'}`));
  checkOutFolder(out);

  const accounts = postingAccountsFor(settings.gl, gl, format.name === 'generic' ? undefined : format.name);
  const posting: PostingContext = { company, postingDate, closedThrough: gl.closedThrough, documentPrefix: gl.documentPrefix, customers: gl.customers, accounts };
  const held: HeldLine[] = [];
  const staged: StagedFile[] = [];
  let placedFiles: string[] = [];
  const totals: JournalTotals = { lines: 0, debitMinor: 0, creditMinor: 0 };
  let payments = 0;
  let bankEntries = 0;
  try {
    await ledger.transaction(async (tx) => {
      await tx.journals.start(id, company, format.name, out, await tx.invoices.latestSnapshotId(company), postingDate);
      const generic = format.name === 'generic' ? stageFile(out, id, 1) : undefined;
      if (generic) {
        staged.push(generic);
        generic.write(genericCsvHeader());
      }
      const entries: PostingEntry[] = [];
      /** One entry's lines, numbered on from the journal's, written to the generic file (or kept for the format) and counted. */
      const add = (entry: PostingEntry): JournalLine[] => {
        const lines = ledgerLines(entry, totals.lines + 1);
        generic?.write(genericCsvRows(`J${id}`, lines));
        if (!generic) entries.push(entry);
        for (const line of lines) {
          totals.debitMinor += line.debitMinor;
          totals.creditMinor += line.creditMinor;
        }
        totals.lines += lines.length;
        return lines;
      };
      for (const header of headers) {
        const remittance = await tx.journals.postable(header);
        for (const w of awaitingReview(remittance)) held.push({ payer: remittance.payer, paymentRef: remittance.paymentRef, lineNo: w.lineNo, amountMinor: w.heldMinor });
        const net = netOfUndone(remittance);
        if (remittance.late && net.applications.length === 0 && net.deductions.length === 0 && !remittance.released?.length) {
          // Applied and undone since the last export: nothing to post, but both are accounted for.
          await tx.journals.post(id, [], remittance);
          continue;
        }
        const entry = buildPostingEntry(net, posting);
        await tx.journals.post(id, add(entry), remittance);
        payments += 1;
      }
      const posted: Array<{ entryId: number; reconciliationId: number }> = [];
      for (const rec of reconciliations) {
        const entry = buildReconciliationEntry(rec, posting);
        await tx.journals.postLines(id, add(entry));
        posted.push({ entryId: rec.entryId, reconciliationId: rec.reconciliationId });
      }
      await tx.bank.markPosted(id, posted);
      bankEntries = posted.length;
      if (payments === 0 && posted.length === 0) throw new NothingPosted();
      const records: JournalFileRecord[] = [];
      if (generic) {
        records.push({ seq: 1, suffix: '.csv', path: out, ...generic.seal(), content: null });
      } else {
        const files = writeErpFormat(format.name as ErpFormatName, entries, gl, { accounts, createdAt: now.minute });
        const paths = targetPaths(out, files.map((f) => f.suffix));
        files.forEach((file, k) => {
          const one = stageFile(paths[k]!, id, k + 1);
          staged.push(one);
          const bytes = Buffer.from(file.content, 'utf8');
          one.writeBytes(bytes);
          records.push({ seq: k + 1, suffix: file.suffix, path: paths[k]!, ...one.seal(), content: gzipSync(bytes) });
        });
      }
      await tx.journals.finish(id, { lineCount: totals.lines, debitMinor: totals.debitMinor, creditMinor: totals.creditMinor }, records);
      placedFiles = records.map((r) => r.path);
      boundary('staged');
    });
  } catch (err) {
    for (const file of staged) file.abandon();
    if (err instanceof NothingPosted) return { kind: 'nothing', held, recovered };
    throw err instanceof RemitError ? err : new RemitError('export', `the journal was not written to ${out}: ${(err as Error).message}`, { hint: 'nothing was recorded; fix the cause (disk space, permissions) and export again' });
  }
  boundary('recorded');
  staged.forEach((file, k) => {
    file.place();
    if (k === 0) boundary('placed-first');
  });
  for (const folder of new Set(placedFiles.map((f) => dirname(f)))) syncFolder(folder);
  boundary('placed');
  await ledger.journals.markPlaced(id);
  return { kind: 'written', journalId: id, format: format.name, postingDate, file: placedFiles[0]!, files: placedFiles, payments, bankEntries, totals, held, recovered };
}

/** `--recover`: finish every journal recorded but not yet in place, and remove temporary files left beside the exports. */
export async function recoverJournals(ctx: PipelineContext): Promise<{ finished: FinishedJournal[]; tempsRemoved: number }> {
  const finished = await finishRecorded(ctx.ledger);
  const folders = [ctx.paths.exports, ...(await ctx.ledger.journals.list()).map((j) => dirname(j.file))];
  return { finished, tempsRemoved: removeStaleTemps(folders) };
}

/** `--reexport ID`: an earlier journal written again, byte for byte, in the format it was exported in. */
export async function reexportJournal(ctx: PipelineContext, options: { id: string; out?: string }): Promise<{ journal: JournalRecord; file: string; files: string[] }> {
  const id = Number(String(options.id).replace(/^J/i, ''));
  const journal = Number.isInteger(id) ? await ctx.ledger.journals.byId(id) : undefined;
  if (!journal) throw new UsageError(`no journal ${options.id}`, 'see remit report journals');
  const recorded = await ctx.ledger.journals.filesOf(id);
  const main = recorded[0]?.suffix.startsWith('.') ? recorded[0].suffix : journal.format === 'sap-lockbox' ? '.txt' : '.csv';
  const out = resolve(options.out ?? join(ctx.paths.exports, `journal-${id}${main}`));
  checkOutFolder(out);
  if (recorded.length === 0) {
    // Written before journals recorded their files: the generic journal from its lines, as then.
    const staged = stageFile(out, id, 1);
    try {
      await writeGenericFromLines(ctx.ledger, id, staged);
      staged.place();
    } finally {
      staged.abandon();
    }
    return { journal, file: out, files: [out] };
  }
  const paths = targetPaths(out, recorded.map((f) => f.suffix));
  for (const [k, file] of recorded.entries()) await writeRecorded(ctx.ledger, journal, file, paths[k]!);
  return { journal, file: paths[0]!, files: paths };
}

/** Every journal exported, newest first, with its files. */
export async function listJournals(ctx: PipelineContext, company?: string): Promise<Array<JournalRecord & { files: string[] }>> {
  const ledger: Ledger = ctx.ledger;
  const named = company !== undefined ? companyOf(ctx.config, company) : undefined;
  const out: Array<JournalRecord & { files: string[] }> = [];
  for (const journal of await ledger.journals.list(named)) {
    const files = await ledger.journals.filesOf(journal.id);
    out.push({ ...journal, files: files.length > 0 ? files.map((f) => f.path) : [journal.file] });
  }
  return out;
}

class NothingPosted extends Error {}

/** The folder of --out must exist: a typo there is the operator's to fix, not a crash. */
function checkOutFolder(out: string): void {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--out ${out}: the folder ${folder} does not exist`);
}
