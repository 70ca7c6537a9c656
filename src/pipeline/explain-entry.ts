/**
 * `remit explain ENTRY`: what reconciliation decided for a bank entry, by its bank reference
 * (as `remit report cash` prints it) or `entry:<id>`: its kind, the remittances it pays, the
 * method, confidence and the one-line explanation.
 */
import { UsageError } from '../core/errors.js';
import { cashReport, type CashReportRow } from './cash-report.js';
import type { PipelineContext } from './context.js';

/** The entry the text names, or undefined when it names none (it may be a remittance line). */
export async function explainEntry(ctx: PipelineContext, text: string): Promise<CashReportRow | undefined> {
  const typed = text.trim();
  const byId = /^entry:(\d+)$/i.exec(typed);
  if (!byId && !/^[A-Za-z0-9-]{4,}$/.test(typed)) return undefined;
  if (!byId && (await ctx.ledger.bank.companies()).length === 0) return undefined;
  const rows = (await cashReport(ctx)).filter((r) => r.kind === 'bank-entry' && (byId ? r.entry_id === Number(byId[1]) : r.entry_ref === typed));
  if (rows.length > 1) throw new UsageError(`${rows.length} bank entries have the reference ${typed}: give entry:<id> (${rows.map((r) => `entry:${r.entry_id}`).join(', ')})`);
  if (byId && rows.length === 0) throw new UsageError(`no bank entry ${typed}`, 'entry ids are in remit report cash --format csv');
  return rows[0];
}
