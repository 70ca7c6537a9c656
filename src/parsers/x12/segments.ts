/**
 * Splits X12 text into segments and elements. Delimiters are re-read at every ISA, so a
 * file holding several interchanges from different senders splits correctly.
 */
import { ParseError } from '../../core/errors.js';
import type { ParseLimits } from '../types.js';
import { skipBlank } from '../edi/blank.js';
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
  const segments: Segment[] = [];
  let delimiters: Delimiters | undefined;
  let pos = start;
  let afterIea = false;
  let number = 0;
  while (pos < text.length) {
    pos = skipBlank(text, pos);
    if (pos >= text.length) break;
    // Counts every segment in the file, kept or not, so a number always points at the text.
    number += 1;
    if (text.startsWith('ISA', pos)) {
      const read = readDelimiters(text, pos);
      if (!read.ok) {
        if (delimiters === undefined) throw new ParseError(`not a readable X12 interchange: ${read.reason}`);
        diagnostics.fail(`${read.reason} (segment ${number})`, `segment ${number}`, 'the rest of the file was not read');
        break;
      }
      delimiters = read.delimiters;
    } else if (afterIea) {
      // Text after the last interchange: a mail footer is harmless, but segment-like text
      // may be an interchange whose ISA was damaged, and that loses payments.
      const message = `${text.length - pos} characters after the last IEA ignored: ${preview(text.slice(pos))}`;
      if (delimiters !== undefined && text.includes(delimiters.segment, pos)) diagnostics.fail(message, `segment ${number}`);
      else diagnostics.warning(message, `segment ${number}`);
      break;
    }
    if (delimiters === undefined) throw new ParseError(`not an X12 interchange: starts with ${preview(text.slice(pos))}`);

    const end = text.indexOf(delimiters.segment, pos);
    const raw = end < 0 ? text.slice(pos) : text.slice(pos, end);
    pos = end < 0 ? text.length : end + delimiters.segment.length;
    // A CR before a line-feed terminator, or trailing line breaks, are layout, not data.
    const body = raw.replace(/[\r\n]+$/, '');
    const elements = body.split(delimiters.element);
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
    segments.push({ tag, elements, number, delimiters });
    afterIea = tag === 'IEA';
  }
  return segments;
}
