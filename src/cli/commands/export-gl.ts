/** `remit export-gl`: what applied cash posts that no journal holds yet, in the company's ERP format. */
import { UsageError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import { EXPORT_BOUNDARIES, exportJournal, recoverJournals, reexportJournal, type ExportBoundary, type ExportOutcome } from '../../pipeline/export-journal.js';
import type { FinishedJournal } from '../../pipeline/journal-files.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { withWorkspace } from '../workspace.js';

export interface ExportOptions {
  out?: string;
  format?: string;
  reexport?: string;
  company?: string;
  payer?: string;
  postingDate?: string;
  recover?: boolean;
}

export async function run(options: ExportOptions, ctx: Context): Promise<number> {
  const say = sayFor(ctx);
  if (options.recover) {
    const { finished, tempsRemoved } = await withWorkspace(ctx, (pipeline) => recoverJournals(pipeline));
    sayFinished(finished, say);
    say.ok(finished.length === 0 ? `nothing to recover: every journal is in place${tempsRemoved ? ` (${tempsRemoved} temporary file(s) removed)` : ''}` : `recovered ${finished.length} journal(s)`);
    return 0;
  }
  if (options.reexport !== undefined) {
    const id = options.reexport;
    const { journal, files } = await withWorkspace(ctx, (pipeline) => reexportJournal(pipeline, { id, ...(options.out ? { out: options.out } : {}) }));
    say.ok(`journal J${journal.id} (${journal.format}) written again to ${files.join(', ')} (${journal.lineCount} lines, first exported ${journal.createdAt})`);
    return 0;
  }
  const boundary = crashHook(ctx.env['REMIT_TEST_CRASH_AT']);
  const outcome = await withWorkspace(ctx, (pipeline) =>
    exportJournal(pipeline, {
      ...(options.out ? { out: options.out } : {}), ...(options.format ? { format: options.format } : {}), ...(options.company ? { company: options.company } : {}),
      ...(options.payer ? { payer: options.payer } : {}), ...(options.postingDate ? { postingDate: options.postingDate } : {}), ...(boundary ? { boundary } : {}),
    }),
  );
  sayExported(outcome, say);
  return 0;
}

/** What an export did, in the operator's words (also after `remit run`). */
export function sayExported(outcome: ExportOutcome, say: Say): void {
  sayFinished(outcome.recovered, say);
  for (const h of outcome.held) say.warn(`held for review: payment ${h.paymentRef} (${h.payer}) line ${h.lineNo}, ${displayMinor(h.amountMinor)} stays in bank clearing; the first export after it is decided posts it (remit review)`);
  if (outcome.kind === 'nothing') {
    say.info('nothing to export: every matched payment is already in a journal');
    return;
  }
  const { totals } = outcome;
  say.ok(`journal J${outcome.journalId} (${outcome.format}, posted ${outcome.postingDate}): ${outcome.payments} payment(s), ${outcome.bankEntries} bank entry(ies), ${totals.lines} lines, debits = credits = ${displayMinor(totals.debitMinor)} -> ${outcome.files.join(', ')}`);
}

function sayFinished(finished: readonly FinishedJournal[], say: Say): void {
  for (const j of finished) say.warn(`journal J${j.journalId} was recorded but not in place (an export was interrupted): written again from the ledger to ${j.files.join(', ')}`);
}

/**
 * For the crash test only: REMIT_TEST_CRASH_AT=<boundary> (one of EXPORT_BOUNDARIES) kills
 * this process with SIGKILL when the export reaches that boundary, as a power cut would.
 */
function crashHook(at: string | undefined): ((name: ExportBoundary) => void) | undefined {
  // A number (or `count`) arms the ledger's and inbox's crash points instead (core/crash-points.ts).
  if (!at || !(EXPORT_BOUNDARIES as readonly string[]).includes(at)) return undefined;
  return (name) => {
    if (name === at) process.kill(process.pid, 'SIGKILL');
  };
}
