/**
 * Splits EDIFACT text into segments, data elements and components, honouring the release
 * character: `?+`, `?:`, `?'` and `??` are the literal characters, not separators.
 */
import { ParseError } from '../../core/errors.js';
import type { ParseLimits } from '../types.js';
import { skipBlank } from '../edi/blank.js';
import type { Diagnostics } from '../edi/diagnostics.js';
import { preview } from '../edi/text.js';
import type { ServiceChars } from './syntax.js';

export interface Segment {
  /** Segment tag: UNB, UNH, BGM, DOC, MOA ... */
  tag: string;
  /** elements[0] is [tag]; elements[n] holds the components of data element n, unescaped. */
  elements: string[][];
  /** 1-based position in the file, UNB being 1 (UNA is an advice, not a segment). */
  number: number;
}

const TAG = /^[A-Z]{3}$/;

/** Component c (0-based) of data element n ('' when absent): component(moa, 1, 1) is the amount of MOA+12:100. */
export function component(segment: Segment, n: number, c = 0): string {
  return segment.elements[n]?.[c] ?? '';
}

/** All components of data element n joined by a space, for names split over components. */
export function joined(segment: Segment, n: number): string {
  return (segment.elements[n] ?? []).filter((part) => part !== '').join(' ');
}

/** Split from `start` (just after any UNA) to the end of the text. */
export function splitSegments(
  text: string,
  start: number,
  chars: ServiceChars,
  limits: ParseLimits,
  diagnostics: Diagnostics,
): Segment[] {
  const segments: Segment[] = [];
  const { element, component: componentChar, segment: terminator, release } = chars;
  let number = 0;
  let elements: string[][] = [];
  let components: string[] = [];
  let value = '';
  let pos = skipBlank(text, start);
  let runStart = pos;
  let segmentStart = pos;

  let reportedPadding = false;
  const finishSegment = (): void => {
    components.push(value);
    elements.push(components);
    number += 1;
    if (diagnostics.lenient && trimComponents(elements) && !reportedPadding) {
      reportedPadding = true;
      diagnostics.warning(`${elements[0]?.[0] ?? ''} segment ${number} has spaces around its values; read trimmed, here and after`, `segment ${number}`);
    }
    if (number > limits.maxRows) throw new ParseError(`more than ${limits.maxRows} segments (limits.maxRows); not read`);
    const tag = elements[0]?.[0] ?? '';
    if (!TAG.test(tag) || elements[0]!.length > 1) {
      diagnostics.fail(
        `segment ${number} does not start with a segment tag: ${preview(text.slice(segmentStart, segmentStart + 40))}`,
        `segment ${number}`,
        'segment ignored',
      );
    } else if (pos - segmentStart > limits.maxFieldChars && elements.some((el) => el.some((c) => c.length > limits.maxFieldChars))) {
      diagnostics.fail(`${tag} segment ${number} has a value over ${limits.maxFieldChars} characters`, `segment ${number}`, 'segment ignored');
    } else {
      segments.push({ tag, elements, number });
    }
    elements = [];
    components = [];
    value = '';
  };

  while (pos < text.length) {
    const char = text[pos]!;
    if (char === release) {
      value += text.slice(runStart, pos);
      if (pos + 1 >= text.length) {
        diagnostics.warning('the file ends with a release character', `segment ${number + 1}`);
      } else {
        value += text[pos + 1];
      }
      pos += 2;
      runStart = pos;
    } else if (char === element || char === componentChar) {
      value += text.slice(runStart, pos);
      components.push(value);
      value = '';
      if (char === element) {
        elements.push(components);
        components = [];
      }
      pos += 1;
      runStart = pos;
    } else if (char === terminator) {
      value += text.slice(runStart, pos);
      // A newline terminator written as CR LF: the CR is layout.
      if (terminator === '\n' && value.endsWith('\r')) value = value.slice(0, -1);
      finishSegment();
      pos = skipBlank(text, pos + 1);
      runStart = pos;
      segmentStart = pos;
    } else {
      pos += 1;
    }
  }
  value += text.slice(runStart, pos);
  if (value !== '' || components.length > 0 || elements.length > 0) {
    // Usually a file cut short; the envelope checks decide what of it is kept.
    diagnostics.warning(`the last segment has no terminator: ${preview(text.slice(segmentStart))}`, `segment ${number + 1}`);
    finishSegment();
  }
  return segments;
}

/**
 * Lenient mode: values without the spaces (and stray CR) some senders leave around them,
 * e.g. `MOA+12:100.00 '`. True when anything was trimmed.
 */
function trimComponents(elements: string[][]): boolean {
  let changed = false;
  for (const element of elements) {
    for (let i = 0; i < element.length; i += 1) {
      const value = element[i]!;
      if (value === '' || (value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32)) continue;
      const trimmed = value.trim();
      if (trimmed !== value) {
        element[i] = trimmed;
        changed = true;
      }
    }
  }
  return changed;
}
