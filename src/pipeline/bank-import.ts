/**
 * `remit bank import FILE...`: bank statements into the ledger, the format found from the
 * content (parsers/bank). Each file: its original kept in inbox/ first (nothing is lost),
 * a file seen before recognised by its sha256, then read whole and written in one
 * transaction: a file that fails (cut short, not a bank file, an XML DTD, totals off under
 * --strict) leaves the ledger as it was. A statement or entry already stored from another
 * file (a re-download, another format of the same day) is recognised and kept once.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { RemitError, UsageError, errorMessage, ParseError } from '../core/errors.js';
import type { BankEntryFacts, BankStatementFacts } from '../domain/bank.js';
import type { Diagnostic } from '../domain/document.js';
import { classifyEntry, parseBankFile, type BankEntry, type BankParseResult, type BankStatement } from '../parsers/bank/index.js';
import { TooLarge, keepOriginal } from '../workspace/inbox.js';
import { companyOf, type PipelineContext } from './context.js';
import { sha256File } from './importing/file-chunks.js';

export type BankFileOutcome =
  | { file: string; status: 'imported' | 'duplicate'; fileId: number; format: string; statements: number; entries: number; duplicates: number; diagnostics: Diagnostic[] }
  | { file: string; status: 'read'; format: string; statements: number; entries: number; diagnostics: Diagnostic[] }
  | { file: string; status: 'already-imported'; fileId: number; message: string }
  | { file: string; status: 'failed'; message: string };

export interface BankImportRequest {
  files: string[];
  company?: string;
  strict?: boolean;
  dryRun?: boolean;
  /** Read what a symbolic link points to (remit bank import --follow-links). */
  followLinks?: boolean;
  /** Where the files came from, kept with each: `bank-import`, `run:bank.inbox`. */
  source?: string;
}

export async function importBankFiles(ctx: PipelineContext, request: BankImportRequest): Promise<BankFileOutcome[]> {
  if (request.files.length === 0) throw new UsageError('name at least one bank statement file to import');
  const company = companyOf(ctx.config, request.company);
  const outcomes: BankFileOutcome[] = [];
  for (const file of request.files) outcomes.push(await importOne(ctx, resolve(file), company, request));
  return outcomes;
}

/** Done with failures (exit 1): a file failed, or was read with errors. */
export function bankImportFailed(outcomes: readonly BankFileOutcome[]): boolean {
  return outcomes.some((o) => o.status === 'failed' || ('diagnostics' in o && o.diagnostics.some((d) => d.level === 'error')));
}

async function importOne(ctx: PipelineContext, path: string, company: string, request: BankImportRequest): Promise<BankFileOutcome> {
  const name = basename(path);
  const limit = ctx.config.limits.maxFileBytes;
  const overLimit = (size: number): BankFileOutcome => ({
    file: name, status: 'failed', message: `${Math.round(size / 1048576)} MB is over the limit of ${Math.round(limit / 1048576)} MB (limits.max_file_mb)`,
  });
  let sha: string;
  let size: number;
  let source = path;
  let inboxPath = '';
  try {
    if (request.dryRun) {
      const stats = statSync(path);
      if (!stats.isFile()) return { file: name, status: 'failed', message: 'not a file (a folder?): name the files inside it' };
      if (stats.size > limit) return overLimit(stats.size);
      size = stats.size;
      sha = sha256File(path);
    } else {
      // Kept first (nothing is lost), hashed as it is copied; everything after reads the kept copy.
      const kept = keepOriginal(ctx.paths.inbox, path, name, { followLinks: Boolean(request.followLinks), maxBytes: limit });
      ({ sha256: sha, size, inboxPath } = kept);
      source = kept.file;
    }
  } catch (err) {
    if (err instanceof TooLarge) return overLimit(err.size);
    return { file: name, status: 'failed', message: err instanceof RemitError ? `${path}: ${err.message}` : `cannot read ${path}: ${errorMessage(err)}` };
  }
  const known = await ctx.ledger.bank.fileBySha(sha);
  if (known) return { file: name, status: 'already-imported', fileId: known.id, message: `already imported as bank file ${known.id} (${known.originalName})` };
  let parsed: BankParseResult;
  try {
    parsed = parseBankFile(readFileSync(source), { fileName: name, strict: Boolean(request.strict) });
  } catch (err) {
    return { file: name, status: 'failed', message: err instanceof ParseError ? err.message : `cannot read ${path}: ${errorMessage(err)}` };
  }
  const entries = parsed.statements.reduce((n, s) => n + s.entries.length, 0);
  if (request.dryRun) return { file: name, status: 'read', format: parsed.format, statements: parsed.statements.length, entries, diagnostics: parsed.diagnostics };
  try {
    return await ctx.ledger.transaction(async (tx) => {
      const fileId = await tx.bank.recordFile({
        sha256: sha, originalName: name, source: request.source ?? 'bank-import', format: parsed.format, fileRef: parsed.fileId ?? null, company, inboxPath, sizeBytes: size,
      });
      let created = 0;
      let duplicates = 0;
      for (const statement of parsed.statements) {
        const stored = await tx.bank.addStatement(fileId, company, statementFacts(statement));
        for (const entry of statement.entries) {
          if (await tx.bank.addEntry(stored.id, company, statement.accountId, entryFacts(entry))) created += 1;
          else duplicates += 1;
        }
      }
      await tx.bank.finishFile(fileId, { statements: parsed.statements.length, entries: created, duplicates, diagnostics: parsed.diagnostics });
      return { file: name, status: created === 0 && duplicates > 0 ? 'duplicate' : 'imported', fileId, format: parsed.format, statements: parsed.statements.length, entries: created, duplicates, diagnostics: parsed.diagnostics };
    });
  } catch (err) {
    return { file: name, status: 'failed', message: `nothing of it was kept: ${errorMessage(err)}` };
  }
}

function statementFacts(s: BankStatement): BankStatementFacts {
  const facts: BankStatementFacts = { format: s.format, accountId: s.accountId, currency: s.currency };
  const bankId = s.bank?.bic ?? s.bank?.aba ?? s.bank?.memberId;
  if (bankId) facts.bankId = bankId;
  if (s.statementId) facts.statementRef = s.statementId;
  if (s.sequence) facts.sequence = s.sequence;
  const date = s.date ?? s.toDate;
  if (date) facts.date = date;
  if (s.openingBooked) facts.openingMinor = s.openingBooked.amountMinor;
  if (s.closingBooked) facts.closingMinor = s.closingBooked.amountMinor;
  return facts;
}

/** An entry as remit keeps it: its kind from its codes, every reference it and its parts carry. */
export function entryFacts(e: BankEntry): BankEntryFacts {
  const kind = classifyEntry(e);
  const refs: string[] = [];
  const text: string[] = [];
  for (const part of [e, ...(e.parts ?? [])]) {
    for (const ref of [part.customerRef, part.traceNumber, part.checkNumber, part.uetr, part.remittance?.paymentRef, ...(part.remittance?.creditorRefs ?? [])]) {
      if (ref && !refs.includes(ref)) refs.push(ref);
    }
    text.push(...(part.remittance?.unstructured ?? []));
  }
  const debtor = e.counterparty ?? e.parts?.find((p) => p.counterparty)?.counterparty;
  const facts: BankEntryFacts = {
    position: e.position, location: e.location, amountMinor: e.amountMinor, currency: e.currency, kind: kind.kind, kindExplanation: kind.explanation,
    bookingStatus: e.status, refs,
  };
  if (e.bankRef) facts.bankRef = e.bankRef;
  if (e.bookingDate) facts.bookingDate = e.bookingDate;
  if (e.valueDate) facts.valueDate = e.valueDate;
  if (kind.channel) facts.channel = kind.channel;
  if (e.customerRef) facts.customerRef = e.customerRef;
  if (e.traceNumber) facts.traceNumber = e.traceNumber;
  if (e.checkNumber) facts.checkNumber = e.checkNumber;
  if (e.uetr) facts.uetr = e.uetr;
  if (e.remittance?.paymentRef) facts.paymentRef = e.remittance.paymentRef;
  if (debtor?.name) facts.debtorName = debtor.name;
  if (debtor?.account) facts.debtorAccount = debtor.account;
  if (debtor?.id) facts.debtorId = debtor.id;
  if (debtor?.bankId) facts.debtorBank = debtor.bankId;
  if (e.instructedAmount && e.instructedAmount.currency === e.currency) facts.instructedMinor = e.instructedAmount.amountMinor;
  if (e.charges && e.charges.currency === e.currency) facts.chargesMinor = e.charges.amountMinor;
  if (e.itemCount !== undefined) facts.itemCount = e.itemCount;
  if (e.returnReason) facts.returnReason = e.returnReason;
  if (text.length) facts.remittanceText = text;
  if (e.text) facts.text = e.text;
  return facts;
}
