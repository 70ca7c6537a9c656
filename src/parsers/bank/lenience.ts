/**
 * The lenient/strict policy of the bank readers in one place. Lenient (the default): a
 * total that is off or an entry that cannot be read is recorded with its location and the
 * rest is kept. Strict: the first such error throws ParseError. Either way a file with more
 * errors than `maxProblems` is given up on: it is not a bank file of that format, and
 * reading on would only grow the list.
 */
import { ParseError, oneLine } from '../../core/errors.js';
import type { Diagnostic } from '../types.js';

/** Operators need the first few; the count of the rest is kept. */
const LISTED = 200;

export class BankDiagnostics {
  private readonly listed: Diagnostic[] = [];
  private unlisted = 0;
  private problems = 0;

  constructor(
    private readonly strict: boolean,
    private readonly maxProblems: number,
  ) {}

  /** A problem that costs data or a check that fails: throws in strict mode. */
  error(message: string, location?: string): void {
    if (this.strict) throw new ParseError(location ? `${location}: ${message}` : message);
    this.add('error', message, location);
  }

  warning(message: string, location?: string): void {
    this.add('warning', message, location);
  }

  get errorCount(): number {
    return this.problems;
  }

  firstError(): Diagnostic | undefined {
    return this.listed.find((d) => d.level === 'error');
  }

  list(): Diagnostic[] {
    if (this.unlisted === 0) return [...this.listed];
    return [...this.listed, { level: 'warning', message: `${this.unlisted} further problems not listed` }];
  }

  private add(level: Diagnostic['level'], message: string, location: string | undefined): void {
    if (level === 'error') this.problems += 1;
    if (this.problems > this.maxProblems) {
      const first = this.listed[0];
      throw new ParseError(
        `more than ${this.maxProblems} problems, giving up${first ? `; the first: ${first.location ? `${first.location}: ` : ''}${first.message}` : ''}`,
        'set limits.maxProblems to read on',
      );
    }
    if (this.listed.length >= LISTED) {
      this.unlisted += 1;
      return;
    }
    const text = oneLine(message);
    this.listed.push(location === undefined ? { level, message: text } : { level, message: text, location });
  }
}
