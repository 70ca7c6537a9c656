/**
 * The delimiters of an X12 interchange are declared by its ISA segment: the character after
 * "ISA" separates elements, ISA11 repeats elements (5010 and later), ISA16 separates
 * components and the character after ISA16 ends every segment.
 */

export interface Delimiters {
  element: string;
  component: string;
  segment: string;
  /** Only when ISA11 is a separator character (version 00402 and later); else undefined. */
  repetition: string | undefined;
}

export type DelimiterResult = { ok: true; delimiters: Delimiters } | { ok: false; reason: string };

/** ISA is 106 characters when padded as the standard says; senders that trim it are shorter. */
const ISA_MAX_LENGTH = 300;
const WORD_CHAR = /[A-Za-z0-9 ]/;

/**
 * Read the delimiters from the ISA segment starting at `start`. Counts element separators
 * instead of trusting fixed positions, because some senders trim the padded ISA fields.
 */
export function readDelimiters(text: string, start: number): DelimiterResult {
  const element = text[start + 3];
  if (element === undefined) return { ok: false, reason: 'ISA segment is cut short' };
  if (WORD_CHAR.test(element) || element === '\r' || element === '\n') {
    return { ok: false, reason: `ISA element separator is "${element}", not a separator character` };
  }
  const separators = [start + 3];
  let at = start + 3;
  while (separators.length < 16) {
    at = text.indexOf(element, at + 1);
    if (at < 0 || at - start > ISA_MAX_LENGTH) {
      return { ok: false, reason: `ISA segment has ${separators.length} of its 16 elements` };
    }
    separators.push(at);
  }
  const last = separators[15]!;
  const component = text[last + 1];
  const segment = text[last + 2];
  if (component === undefined || segment === undefined) return { ok: false, reason: 'ISA segment is cut short' };
  if (WORD_CHAR.test(component) || component === element) {
    return { ok: false, reason: `ISA16 component separator is "${component}"` };
  }
  if (WORD_CHAR.test(segment) || segment === element || segment === component) {
    return { ok: false, reason: `ISA segment terminator is "${segment}"` };
  }
  const isa11 = text.slice(separators[10]! + 1, separators[11]!);
  const isa12 = text.slice(separators[11]! + 1, separators[12]!);
  // Before 00402 ISA11 is the standards identifier ("U"), not a delimiter.
  const repetition =
    isa12 >= '00402' && isa11.length === 1 && !WORD_CHAR.test(isa11) && ![element, component, segment].includes(isa11)
      ? isa11
      : undefined;
  return { ok: true, delimiters: { element, component, segment, repetition } };
}
