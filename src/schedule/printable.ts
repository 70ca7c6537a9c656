import { UsageError } from '../core/errors.js';

// Tab, newline, carriage return and the other C0/C1 controls would end a unit-file line or a
// crontab entry early, and XML 1.0 cannot hold most of them; lone surrogates and U+FFFE/U+FFFF
// are not characters at all (with the u flag a valid surrogate pair does not match).
const UNWRITABLE = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/** Refuse a path or name that no scheduler definition can carry intact. */
export function checkPrintable(text: string, what = 'path'): string {
  if (UNWRITABLE.test(text)) {
    throw new UsageError(`the ${what} ${JSON.stringify(text)} holds a control character that a scheduler definition cannot carry`, 'move the workspace to a folder whose name has only printable characters');
  }
  return text;
}
