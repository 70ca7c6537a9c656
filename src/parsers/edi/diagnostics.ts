/**
 * The lenient/strict policy in one place, for the X12 and EDIFACT readers. Strict mode stops
 * at the first problem that costs data; lenient mode (the default, because real trading
 * partners send messy EDI) records it with what was done about it and carries on.
 */
import { ParseError } from '../../core/errors.js';
import type { Diagnostic } from '../types.js';

/** A bad file can repeat the same fault thousands of times; operators need the first few. */
const MAX_ENTRIES = 200;

/** Where a diagnostic points: the segment's 1-based number in the file. */
export function at(segment: { readonly number: number }): string {
  return `segment ${segment.number}`;
}

export class Diagnostics {
  readonly entries: Diagnostic[] = [];
  private dropped = 0;

  constructor(readonly lenient: boolean) {}

  /**
   * A problem that loses part of the file. Strict: throws ParseError with `message`.
   * Lenient: records an error saying what was kept or skipped (`consequence`).
   */
  fail(message: string, location?: string, consequence?: string): void {
    if (!this.lenient) throw new ParseError(message);
    this.add('error', consequence ? `${message}; ${consequence}` : message, location);
  }

  /** An error the caller must review (e.g. totals that disagree) but that never stops a parse. */
  error(message: string, location?: string): void {
    this.add('error', message, location);
  }

  warning(message: string, location?: string): void {
    this.add('warning', message, location);
  }

  /** The first error recorded, for the message when nothing usable is left. */
  firstError(): Diagnostic | undefined {
    return this.entries.find((entry) => entry.level === 'error');
  }

  list(): Diagnostic[] {
    if (this.dropped === 0) return [...this.entries];
    return [...this.entries, { level: 'warning', message: `${this.dropped} further problems not listed` }];
  }

  private add(level: Diagnostic['level'], message: string, location: string | undefined): void {
    if (this.entries.length >= MAX_ENTRIES) {
      this.dropped += 1;
      return;
    }
    this.entries.push(location === undefined ? { level, message } : { level, message, location });
  }
}
