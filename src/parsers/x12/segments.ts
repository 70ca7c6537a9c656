/**
 * Splits X12 text into segments and elements. Delimiters are re-read at every ISA, so a
 * file holding several interchanges from different senders splits correctly.
 */
import { ParseError } from '../../core/errors.js';
import type { ParseLimits } from '../types.js';
import { ChunkedText } from '../edi/chunked-text.js';
import type { Diagnostics } from '../edi/diagnostics.js';
import { preview } from '../edi/text.js';
import { readDelimiters, type Delimiters } from './delimiters.js';

export interface Segment {
  /** Segment id: ISA, ST, BPR, RMR ... */
  tag: string;
  /** elements[0] is the tag; elements[n] is data element n exactly as written. */
  elements: string[];
  /** 1-based position in the file, counting every segment from the first ISA. */
  number: number;
  delimiters: Delimiters;
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Data element n of a segment ('' when absent), e.g. element(rmr, 2) is RMR02. */
export function element(segment: Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/**
 * Split `text` (which starts with ISA at `start`) into segments. Line breaks after
 * terminators are skipped; a bad later ISA stops reading with a diagnostic.
 */
export function splitSegments(text: string, start: number, limits: ParseLimits, diagnostics: Diagnostics): Segment[] {
  return [...readSegments([text.slice(start)], limits, diagnostics)];
}

/** ISA is at most a few hundred characters even with odd padding. */
const ISA_WINDOW = 4096;

/** The segments of text that arrives in chunks, one at a time, with splitSegments' rules. */
export function* readSegments(chunks: Iterable<string>, limits: ParseLimits, diagnostics: Diagnostics): Generator<Segment> {
  const text = new ChunkedText(chunks);
  let delimiters: Delimiters | undefined;
  let afterIea = false;
  let number = 0;
  let reportedPadding = false;
  for (;;) {
    if (!text.skipBlank()) break;
    // Counts every segment in the file, kept or not, so a number always points at the text.
    number += 1;
    text.ensure(ISA_WINDOW);
    if (text.startsWith('ISA')) {
      const read = readDelimiters(text.buffer, text.pos);
      if (!read.ok) {
        if (delimiters === undefined) throw new ParseError(`not a readable X12 interchange: ${read.reason}`);
        diagnostics.fail(`${read.reason} (segment ${number})`, `segment ${number}`, 'the rest of the file was not read');
        break;
      }
      delimiters = read.delimiters;
    } else if (afterIea) {
      // Text after the last interchange: a mail footer is harmless, but segment-like text
      // may be an interchange whose ISA was damaged, and that loses payments.
      const rest = text.rest();
      const message = `${rest.length} characters after the last IEA ignored: ${preview(rest)}`;
      if (delimiters !== undefined && rest.includes(delimiters.segment)) diagnostics.fail(message, `segment ${number}`);
      else diagnostics.warning(message, `segment ${number}`);
      break;
    }
    if (delimiters === undefined) throw new ParseError(`not an X12 interchange: starts with ${preview(text.peek(ISA_WINDOW))}`);

    const raw = text.takeUntil(delimiters.segment);
    // A CR before a line-feed terminator, or trailing line breaks, are layout, not data.
    const body = raw.replace(/[\r\n]+$/, '');
    let elements = body.split(delimiters.element);
    if (diagnostics.lenient && elements[0] !== 'ISA' && hasBlank(body)) {
      const trimmed = trimElements(elements);
      if (trimmed !== elements) {
        elements = trimmed;
        if (!reportedPadding) {
          reportedPadding = true;
          diagnostics.warning(`${trimmed[0]} segment ${number} has spaces around its elements; read trimmed, here and after`, `segment ${number}`);
        }
      }
    }
    const tag = elements[0] ?? '';

    if (number > limits.maxRows) {
      throw new ParseError(`more than ${limits.maxRows} segments (limits.maxRows); not read`);
    }
    if (!SEGMENT_ID.test(tag)) {
      diagnostics.fail(`segment ${number} does not start with a segment id: ${preview(body)}`, `segment ${number}`, 'segment ignored');
      continue;
    }
    if (body.length > limits.maxFieldChars && elements.some((value) => value.length > limits.maxFieldChars)) {
      diagnostics.fail(`${tag} segment ${number} has an element over ${limits.maxFieldChars} characters`, `segment ${number}`, 'segment ignored');
      continue;
    }
    yield { tag, elements, number, delimiters };
    afterIea = tag === 'IEA';
  }
}

function hasBlank(body: string): boolean {
  return body.includes(' ') || body.includes('\t');
}

/**
 * Elements without the spaces some senders put around them (`RMR*IV*1001**11.11 ~`,
 * `SE*12*000000001 `): lenient mode only, since in X12 an element's value never starts or
 * ends with a space except in the fixed-width ISA. The same array when nothing changed.
 */
function trimElements(elements: string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < elements.length; i += 1) {
    const value = elements[i]!;
    const trimmed = value.trim();
    if (trimmed === value) continue;
    out ??= [...elements];
    out[i] = trimmed;
  }
  return out ?? elements;
}
