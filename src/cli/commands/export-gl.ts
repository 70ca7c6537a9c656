/** `remit export-gl`: a balanced GL journal for applied cash not exported before. */
import { displayMinor } from '../../core/money.js';
import { exportJournal, reexportJournal, type ExportOutcome } from '../../pipeline/export-journal.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { withWorkspace } from '../workspace.js';

export interface ExportOptions {
  out?: string;
  format?: string;
  reexport?: string;
  company?: string;
}

export async function run(options: ExportOptions, ctx: Context): Promise<number> {
  const say = sayFor(ctx);
  if (options.reexport !== undefined) {
    const id = options.reexport;
    const { journal, file } = await withWorkspace(ctx, (pipeline) => reexportJournal(pipeline, { id, ...(options.out ? { out: options.out } : {}) }));
    say.ok(`journal J${journal.id} written again to ${file} (${journal.lineCount} lines, first exported ${journal.createdAt})`);
    return 0;
  }
  const outcome = await withWorkspace(ctx, (pipeline) =>
    exportJournal(pipeline, { ...(options.out ? { out: options.out } : {}), ...(options.format ? { format: options.format } : {}), ...(options.company ? { company: options.company } : {}) }),
  );
  sayExported(outcome, say);
  return 0;
}

/** What an export did, in the operator's words (also after `remit run`). */
export function sayExported(outcome: ExportOutcome, say: Say): void {
  if (outcome.kind === 'nothing') {
    say.info('nothing to export: every matched payment is already in a journal');
    return;
  }
  const { totals } = outcome;
  say.ok(`journal J${outcome.journalId}: ${outcome.payments} payment(s), ${totals.lines} lines, debits = credits = ${displayMinor(totals.debitMinor)} -> ${outcome.file}`);
}
