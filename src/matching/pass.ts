/** What a matching pass is: a line in, an outcome (or nothing, so the next pass tries). */
import type { InvoiceBook, Working } from './book.js';
import type { Settings } from './settings.js';
import type { Found, FoundSet } from './settle.js';
import type { Candidate, LineDecision, LineToMatch } from './types.js';

export interface PassContext {
  book: InvoiceBook;
  settings: Settings;
}

export interface FoundOne extends Found {
  invoice: Working;
}

export interface FoundSeveral extends FoundSet {
  invoices: Working[];
  /** Other sets that also fit, for the reviewer. */
  alternatives?: Candidate[];
}

/** A final decision that is not an application: review, unapplied, deduction. */
export type Outcome = { found: FoundOne } | { several: FoundSeveral } | { decision: LineDecision } | undefined;

export interface Pass {
  name: string;
  /**
   * A batch pass judges all its lines against the same state, then applies: two lines that
   * would take the same invoice are both left for review, whatever their order in the file.
   * The strong reference passes run line by line, as two lines naming one invoice exactly
   * are two payments of it (partials).
   */
  batch: boolean;
  run(line: LineToMatch, context: PassContext): Outcome;
}
