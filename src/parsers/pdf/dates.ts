/**
 * The PDF reader's dates. A document's order of day and month is decided once, from all its
 * dates (payment dates and invoice dates), by core/dates.ts `DateOrderEvidence`: a day above
 * 12 settles it, both orders seen is an error, and so is evidence that contradicts the
 * payer's configured order. When nothing in the document tells, the payer's order from
 * remit.yaml is used (`configuredOrder`); with none set, the document fails naming
 * `payers.<ID>.date_order`. Never a guess.
 */
import { dateEvidence, DateOrderEvidence, readDateAs, type DateOrder, type DateResult } from '../../core/dates.js';
import { ParseError } from '../../core/errors.js';
import type { ParseOptions } from '../types.js';

/** The date part of a written date, without a time after it (`09/24/2024 06:43`). */
export function datePart(text: string): string {
  return text.trim().split(/\s+(?=\d{1,2}:\d{2})/)[0] ?? '';
}

/** True when some order of day and month reads the text as a calendar date: enough to trust a bare `Date` label. */
export function looksLikeDate(text: string): boolean {
  const part = datePart(text);
  return /\d/.test(part) && dateEvidence(part) !== 'invalid';
}

/** The payer's order of day and month as the import gives it; see the file's doc block. */
function configuredOrder(options: ParseOptions): DateOrder | undefined {
  return options.knownDateOrder;
}

export interface OrderDecision {
  order: DateOrder;
  /** The order the document's own dates proved. */
  evidenced?: 'dmy' | 'mdy';
  /** Said to the operator when the order did not come from the document itself or differs from the import's. */
  warning?: string;
}

/** Decide the document's order of day and month from its dates; throws ParseError when they contradict each other. */
export function decideDocumentOrder(texts: Iterable<string>, options: ParseOptions): OrderDecision {
  const evidence = new DateOrderEvidence(undefined, options.payer);
  const seen = new Set<string>();
  for (const text of texts) {
    const part = datePart(text);
    if (seen.has(part)) continue;
    seen.add(part);
    // A value no order reads is the row's problem (reported there), not evidence.
    if (/\d/.test(part) && dateEvidence(part) !== 'invalid') evidence.observe({ text: part });
  }
  const configured = configuredOrder(options);
  if (evidence.settled) {
    const decision = evidence.decide();
    if (!decision.ok) throw new ParseError(decision.reason);
    const order = decision.order ?? configured ?? 'mdy';
    const evidenced = evidence.evidenced;
    if (configured !== undefined && evidenced !== undefined && evidenced !== configured) {
      // The operator's setting and the document disagree: a person must look, never a silent choice.
      const example = evidence.example(evidenced);
      throw new ParseError(`"${example?.text.trim() ?? ''}" is not a date in the order payers.${options.payer ?? '<ID>'}.date_order gives (${configured})`);
    }
    return { order, ...(evidenced ? { evidenced } : {}) };
  }
  if (!evidence.needsOrder) return { order: configured ?? 'mdy' };
  if (configured === undefined && options.usualDateOrder) {
    const { order, source } = options.usualDateOrder;
    return { order, warning: `the dates of this document read either way: read ${order}, as ${source} showed` };
  }
  if (configured === undefined) {
    const decision = evidence.decide();
    throw new ParseError(decision.ok ? 'the order of day and month cannot be decided' : decision.reason);
  }
  return { order: configured };
}

/** A written day as ISO, in the document's decided order. */
export function readDay(text: string, order: DateOrder): DateResult {
  return readDateAs(text, order);
}
