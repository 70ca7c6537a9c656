/**
 * What a person types for a line or an invoice, resolved the way the matcher would: a line
 * id, `PAYMENT:LINE` (payment reference and line number), or an invoice number written any
 * way the matcher normalises (`101202` for `INV-101202`). Never a guess: two fits are listed
 * with their ids and nothing is done.
 */
import { UsageError } from '../core/errors.js';
import type { LineRecord } from '../ledger/index.js';
import { normaliseReference } from '../matching/reference.js';
import type { PipelineContext } from './context.js';

export interface Resolved<T> {
  value: T;
  /** How the text was read, for the operator: `payment 17269254 line 4`. Undefined for a plain id or exact number. */
  how?: string;
}

/** A line from its id, `PAYMENT:LINE` / `PAYMENT line N`, or an invoice number the line names or was applied to. */
export async function resolveLine(ctx: PipelineContext, text: string): Promise<Resolved<number>> {
  const typed = text.trim();
  if (/^\d+$/.test(typed) && (await ctx.ledger.decisions.line(Number(typed)))) return { value: Number(typed) };
  const payment = /^(.+?)(?:\s*[:/#]\s*|\s+line\s+)(\d+)$/i.exec(typed);
  if (payment) {
    const ids = await ctx.ledger.decisions.linesOfPayment(payment[1]!, Number(payment[2]));
    if (ids.length === 1) return { value: ids[0]!, how: `payment ${payment[1]} line ${payment[2]}` };
    if (ids.length > 1) throw new UsageError(`"${typed}" is line ${payment[2]} of ${ids.length} payments: give the line id (${ids.join(', ')})`);
  }
  const naming = await ctx.ledger.decisions.linesNamingInvoice(typed);
  if (naming.length === 1) return { value: naming[0]!, how: `the line naming or applied to invoice ${typed}` };
  if (naming.length > 1) throw new UsageError(`${naming.length} lines name or were applied to ${typed}: give one of the line ids ${naming.join(', ')}`);
  const ofPayment = await ctx.ledger.decisions.linesOfPayment(typed);
  if (ofPayment.length === 1) return { value: ofPayment[0]!, how: `the one line of payment ${typed}` };
  if (ofPayment.length > 1) throw new UsageError(`payment ${typed} has ${ofPayment.length} lines: give PAYMENT:LINE (e.g. ${typed}:1) or a line id (${ofPayment.slice(0, 10).join(', ')})`);
  throw new UsageError(`no line "${typed}": give a line id, PAYMENT:LINE, or an invoice number`, 'line ids are in remit report exceptions and remit report applications');
}

/** An invoice of the line's payer, by its number as the ERP writes it, else as the matcher normalises it. */
export async function resolveInvoice(ctx: PipelineContext, line: LineRecord, text: string): Promise<Resolved<string>> {
  const typed = text.trim();
  if (await ctx.ledger.invoices.byNumber(line.company, line.payer, typed)) return { value: typed };
  const key = normaliseReference(typed, ctx.config.matching.invoicePrefixes);
  const fits = (await ctx.ledger.matching.invoicesForPayer(line.company, line.payer)).filter((i) => normaliseReference(i.number, ctx.config.matching.invoicePrefixes) === key);
  if (fits.length === 1) return { value: fits[0]!.number, how: `${typed} is invoice ${fits[0]!.number}` };
  if (fits.length > 1) throw new UsageError(`${typed} could be ${fits.map((i) => i.number).join(' or ')} of payer ${line.payer}: give the number as the ERP writes it`);
  throw new UsageError(`no invoice ${typed} of payer ${line.payer}`);
}
