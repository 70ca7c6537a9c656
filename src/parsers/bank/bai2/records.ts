/**
 * BAI2 physical lines to logical records: each 88 continuation joined to the record it
 * continues, the 16 record's text kept whole (it may hold commas and slashes).
 *
 * Rules followed (BAI "Cash Management Balance Reporting Specifications Version 2",
 * 2005, sections "Record Continuation" and "Delimiters"; the PDF is at
 * https://www.bai.org/docs/default-source/libraries/site-general-downloads/cash_management_2005.pdf
 * and transcribed at https://fdocuments.us/document/cash-management-balance-reporting-specifications-version-2-bai.html):
 * - fields are separated by commas; a slash ends every record except a 16 whose last field
 *   is text, which ends at the next record;
 * - an 88 record carries on the fields of the record before it; when that record stopped
 *   inside the 16 text field, the 88 carries on the text. The text of consecutive physical
 *   records is joined with one space: banks break text between words at the 80-character
 *   physical record length and drop the space there (the samples of this project do);
 * - the 01 record's physical record length says how long lines are; a file written as fixed
 *   80-character records with no line breaks at all is cut into records by that length.
 */
import { ParseError } from '../../../core/errors.js';

export interface Bai2Record {
  /** 01, 02, 03, 16, 49, 98, 99 (never 88: continuations are folded in). */
  code: string;
  /** The fields after the record code; for a 16 the text (if reached) is one last field. */
  fields: string[];
  /** 1-based line of the record's first physical line. */
  line: number;
  /** Physical records it was made of (1 + its 88s), for the trailers' record counts. */
  physical: number;
  /** Length of its longest physical record, against the 01's physical record length. */
  longest: number;
}

export interface PhysicalLine {
  text: string;
  line: number;
}

/** Physical lines of the file, trailing blanks (fixed-length padding) removed, blank lines skipped. */
export function* physicalLines(text: string, maxFieldChars: number): Generator<PhysicalLine> {
  const fixed = fixedRecordLength(text);
  if (fixed !== undefined) {
    let line = 0;
    for (let at = 0; at < text.length; at += fixed) {
      line += 1;
      const piece = text.slice(at, at + fixed).trimEnd();
      if (piece !== '') yield { text: piece, line };
    }
    return;
  }
  let line = 0;
  let at = 0;
  const length = text.length;
  while (at < length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = length;
    line += 1;
    if (end - at > maxFieldChars) throw new ParseError(`line ${line} is ${end - at} characters long, over the limit of ${maxFieldChars} for one record`, 'raise limits.maxFieldChars to read it');
    let stop = end;
    while (stop > at && isBlank(text.charCodeAt(stop - 1))) stop -= 1;
    let start = at;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) start += 1;
    if (stop > start) yield { text: text.slice(start, stop), line };
    at = end + 1;
  }
}

function isBlank(code: number): boolean {
  return code === 13 || code === 32 || code === 9 || code === 0;
}

/** A file with no line break whose 01 record declares a physical record length is cut by it. */
function fixedRecordLength(text: string): number | undefined {
  if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) return undefined;
  const slash = text.indexOf('/');
  if (slash < 0 || slash > 200) return undefined;
  const declared = text.slice(0, slash).split(',')[6];
  if (!declared || !/^\d{2,3}$/.test(declared)) return undefined;
  const length = Number(declared);
  return length >= 20 && length < text.length ? length : undefined;
}

interface Pending {
  code: string;
  body: string;
  line: number;
  physical: number;
  longest: number;
  /** For a 16: where its text field starts once the body reaches it (found once, then kept). */
  textFrom: number | undefined;
}

/**
 * Logical records, in file order. `orphan` hears of an 88 with nothing before it, which is
 * reported and skipped.
 */
export function* logicalRecords(lines: Iterable<PhysicalLine>, maxFieldChars: number, orphan: (line: number) => void): Generator<Bai2Record> {
  let pending: Pending | undefined;
  for (const physical of lines) {
    const code = physical.text.slice(0, 2);
    const rest = physical.text.charCodeAt(2) === 44 ? physical.text.slice(3) : physical.text.slice(2);
    if (code === '88') {
      if (!pending) {
        orphan(physical.line);
        continue;
      }
      continued(pending, rest);
      pending.physical += 1;
      if (physical.text.length > pending.longest) pending.longest = physical.text.length;
      if (pending.body.length > maxFieldChars) throw new ParseError(`the record at line ${pending.line} runs past ${maxFieldChars} characters with its continuations`, 'raise limits.maxFieldChars to read it');
      continue;
    }
    if (pending) yield finish(pending);
    pending = { code, body: rest, line: physical.line, physical: 1, longest: physical.text.length, textFrom: code === '16' ? textStart(rest) : undefined };
  }
  if (pending) yield finish(pending);
}

function continued(pending: Pending, more: string): void {
  const start = pending.textFrom;
  if (start !== undefined) {
    if (more === '') return;
    const sofar = pending.body.slice(start);
    pending.body = sofar === '' || sofar === '/' ? `${pending.body.slice(0, start)}${more}` : `${pending.body} ${more}`;
    return;
  }
  const head = pending.body.endsWith('/') ? pending.body.slice(0, -1) : pending.body;
  pending.body = `${head},${more}`;
  if (pending.code === '16') pending.textFrom = textStart(pending.body);
}

function finish(pending: Pending): Bai2Record {
  const { code, body, line, physical, longest } = pending;
  if (code === '16') return { code, fields: detailFields(body, pending.textFrom), line, physical, longest };
  const slash = body.indexOf('/');
  const fields = (slash >= 0 ? body.slice(0, slash) : body).split(',');
  return { code, fields, line, physical, longest };
}

/** How many fields a 16 record has before its text, by its funds type (field 3). */
function fieldsBeforeText(fields: string[]): number | undefined {
  const funds = fields[2];
  if (funds === undefined) return undefined;
  switch (funds.trim().toUpperCase()) {
    case 'S':
      return 8;
    case 'V':
      return 7;
    case 'D': {
      const count = fields[3];
      if (count === undefined || !/^\d{1,3}$/.test(count.trim())) return undefined;
      return 6 + 2 * Number(count.trim());
    }
    default:
      return 5;
  }
}

/** Where the text field of a (partial) 16 body starts, if the body reaches it. */
export function textStart(body: string): number | undefined {
  const fields: string[] = [];
  let from = 0;
  for (;;) {
    const needed = fieldsBeforeText(fields);
    if (needed !== undefined && fields.length === needed) return from;
    const comma = body.indexOf(',', from);
    if (comma < 0) return undefined;
    fields.push(body.slice(from, comma));
    from = comma + 1;
  }
}

/** A 16 body as fields, the text last and whole; "/" alone as the text is the record's end. */
function detailFields(body: string, start: number | undefined): string[] {
  if (start === undefined) {
    const slash = body.indexOf('/');
    return (slash >= 0 ? body.slice(0, slash) : body).split(',');
  }
  const head = start > 0 ? body.slice(0, start - 1).split(',') : [];
  const text = body.slice(start).trim();
  head.push(text === '/' ? '' : text);
  return head;
}
