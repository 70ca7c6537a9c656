/**
 * The envelope checks X12 and EDIFACT share: a level (interchange, group, transaction or
 * message) that ends without its trailer, and a trailer whose count disagrees with what was
 * read. Either means segments were lost or added in transit. Control numbers are checked by
 * each reader, because the two standards word them differently.
 */
import { at, type Diagnostics } from './diagnostics.js';

/** A level of the envelope still open: e.g. "transaction 0001" opened at its ST, closed by SE. */
export interface OpenLevel {
  level: string;
  opener: { readonly number: number };
  trailer: string;
}

/** Report a level that has no trailer before `before` (the segment that ended it, or the end of the file). */
export function reportUnclosed(diagnostics: Diagnostics, open: OpenLevel, before: string, consequence: string): void {
  diagnostics.fail(`${open.level} (segment ${open.opener.number}) has no ${open.trailer} before ${before}`, at(open.opener), consequence);
}

/** What a trailer's count should be: e.g. the "transaction" has 9 "segments". */
export interface Counted {
  owner: string;
  actual: number;
  noun: string;
}

/**
 * Check the count a trailer declares against what was read; false, with a diagnostic, when
 * they disagree. A blank or non-numeric count never agrees.
 */
export function checkCount(
  diagnostics: Diagnostics,
  trailer: { readonly tag: string; readonly number: number },
  declared: string,
  counted: Counted,
  consequence: string,
): boolean {
  if (/^\d+$/.test(declared) && Number(declared) === counted.actual) return true;
  diagnostics.fail(
    `${trailer.tag} count ${declared || '(empty)'} but ${counted.owner} has ${counted.actual} ${counted.noun} (segment ${trailer.number})`,
    at(trailer),
    consequence,
  );
  return false;
}

/** How a trailer's control number compares with its opener's. */
export type ControlMatch = 'same' | 'padded' | 'different';

/**
 * Compare control numbers as a partner's translator may have written them: `000000001 `
 * (a trailing space) and `000001203` against `0001203` (zero-padded to another width) are
 * the same number, so nothing was lost; 'padded' lets the caller say so in a warning.
 */
export function compareControl(trailer: string, opener: string): ControlMatch {
  if (trailer === opener) return 'same';
  const a = trailer.trim();
  const b = opener.trim();
  if (a === b) return 'padded';
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.replace(/^0+(?=\d)/, '') === b.replace(/^0+(?=\d)/, '')) return 'padded';
  return 'different';
}
