/**
 * EDIFACT service characters. A file may open with a UNA service string advice naming its
 * own component, element, decimal, release and segment characters; without UNA the ISO 9735
 * defaults apply (`:` `+` `.` `?` `'`).
 */

export interface ServiceChars {
  component: string;
  element: string;
  /** Declared decimal mark; amounts are read with either mark (see values.ts). */
  decimal: string;
  /** Escapes the next character (`?+` is a literal plus); undefined when the UNA gives a space. */
  release: string | undefined;
  segment: string;
}

export const DEFAULT_SERVICE_CHARS: ServiceChars = { component: ':', element: '+', decimal: '.', release: '?', segment: "'" };

export type ServiceStringResult =
  | { ok: true; chars: ServiceChars; /** Where the first segment (UNB) starts. */ next: number }
  | { ok: false; reason: string };

/** Read the UNA at `start` if there is one, else the defaults. */
export function readServiceString(text: string, start: number): ServiceStringResult {
  if (!text.startsWith('UNA', start)) return { ok: true, chars: DEFAULT_SERVICE_CHARS, next: start };
  const advice = text.slice(start + 3, start + 9);
  if (advice.length < 6) return { ok: false, reason: 'UNA service string advice is cut short' };
  const [component, element, decimal, release, , segment] = advice as unknown as [string, string, string, string, string, string];
  const delimiters = release === ' ' ? [component, element, segment] : [component, element, release, segment];
  if (new Set(delimiters).size !== delimiters.length) {
    return { ok: false, reason: `UNA uses one character for two purposes: "UNA${advice}"` };
  }
  if (delimiters.some((char) => /[A-Za-z0-9 ]/.test(char))) {
    return { ok: false, reason: `UNA declares a letter, digit or space as a separator: "UNA${advice}"` };
  }
  if (decimal !== '.' && decimal !== ',') return { ok: false, reason: `UNA decimal mark is "${decimal}", not "." or ","` };
  return {
    ok: true,
    chars: { component, element, decimal, release: release === ' ' ? undefined : release, segment },
    next: start + 9,
  };
}
