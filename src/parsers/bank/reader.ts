/**
 * What every format reader gets and gives back. Readers hand each statement and entry to a
 * sink as they are read, so a caller can write a million entries without holding them all;
 * parseBankFile's sink simply collects them.
 */
import { ParseError } from '../../core/errors.js';
import type { BankDiagnostics } from './lenience.js';
import type { BankEntry, BankFormat, BankLimits, BankStatement } from './types.js';

export interface BankSink {
  /** A statement whose entries follow; balances given after its entries are set on it before `end`. */
  begin(statement: BankStatement): void;
  entry(entry: BankEntry, statement: BankStatement): void;
  end(statement: BankStatement): void;
}

export interface ReadContext {
  limits: BankLimits;
  diagnostics: BankDiagnostics;
  sink: BankSink;
  /** Entries handed on so far, for limits.maxEntries. */
  entries: number;
}

export interface ReadOutcome {
  format: BankFormat;
  fileId?: string;
  createdAt?: string;
  statements: number;
}

/** Count one more entry against the limit. */
export function countEntry(context: ReadContext): void {
  context.entries += 1;
  if (context.entries > context.limits.maxEntries) {
    throw new ParseError(`more than ${context.limits.maxEntries} entries in one file`, 'raise limits.maxEntries to read it');
  }
}
