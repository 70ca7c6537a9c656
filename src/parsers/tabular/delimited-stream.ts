/**
 * Delimited text read piece by piece. Each piece ends at a line break outside quotes (a
 * quoted field may hold line breaks), so papaparse sees whole records; the delimiter and
 * the line break are settled on the first piece, as the whole-file reader settles them.
 */
import Papa from 'papaparse';
import { ParseError } from '../../core/errors.js';
import { NotStreamable } from '../stream.js';
import type { ParseLimits } from '../types.js';
import { textCell, type Row } from './cells.js';
import { sniffDelimiter } from './delimited.js';

/** A record longer than this with no line break outside quotes: a stray quote, most likely. */
const MAX_CARRY = 16 * 1024 * 1024;

/** Rows of the text, a batch per piece, with the same limits and messages as readDelimited. */
export function* delimitedRows(chunks: Iterable<string>, limits: ParseLimits): Generator<Row[]> {
  let carry = '';
  let format: { delimiter: string; newline: string } | undefined;
  let rowCount = 0;
  const parse = (piece: string): Papa.ParseResult<string[]> => {
    format ??= settle(piece);
    return Papa.parse<string[]>(piece, { delimiter: format.delimiter, newline: format.newline as '\n', skipEmptyLines: false });
  };
  const rowsOf = (result: Papa.ParseResult<string[]>): Row[] => {
    const rows = checked(result, rowCount, limits);
    rowCount += rows.length;
    return rows;
  };
  for (const chunk of chunks) {
    carry += chunk;
    format ??= settle(carry.slice(0, 1024 * 1024));
    // Most files have no line break inside quotes: try the last line break, and let the
    // parser say whether it fell inside a quoted field before counting quotes.
    const last = carry.lastIndexOf(format.newline);
    if (last < 0) {
      if (carry.length > MAX_CARRY) throw new NotStreamable(`no line break in ${MAX_CARRY} characters`);
      continue;
    }
    let piece = carry.slice(0, last);
    let result = parse(piece);
    let cut = last;
    if (endsInsideQuotes(result)) {
      cut = lastBreakOutsideQuotes(carry, format.newline);
      if (cut < 0) {
        if (carry.length > MAX_CARRY) throw new NotStreamable(`no line break outside quotes in ${MAX_CARRY} characters`);
        continue;
      }
      piece = carry.slice(0, cut);
      result = parse(piece);
    }
    carry = carry.slice(cut + format.newline.length);
    yield rowsOf(result);
  }
  if (carry !== '' || format === undefined) yield rowsOf(parse(carry));
}

function endsInsideQuotes(result: Papa.ParseResult<string[]>): boolean {
  const last = result.data.length - 1;
  return result.errors.some((error) => error.code === 'MissingQuotes' && error.row === last);
}

function settle(text: string): { delimiter: string; newline: string } {
  const delimiter = sniffDelimiter(text);
  const newline = Papa.parse<string[]>(text.slice(0, 1024 * 1024), { delimiter, preview: 1 }).meta.linebreak || '\n';
  return { delimiter, newline };
}

/** The last line break with an even number of quotes before it, or -1. */
function lastBreakOutsideQuotes(text: string, newline: string): number {
  let quotes = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) quotes += 1;
  let cut = text.lastIndexOf(newline);
  let from = text.length;
  while (cut >= 0) {
    for (let at = text.lastIndexOf('"', from - 1); at >= cut; at = text.lastIndexOf('"', at - 1)) quotes -= 1;
    if (quotes % 2 === 0) return cut;
    from = cut;
    cut = cut === 0 ? -1 : text.lastIndexOf(newline, cut - 1);
  }
  return -1;
}

function checked(result: Papa.ParseResult<string[]>, before: number, limits: ParseLimits): Row[] {
  const quoteError = result.errors.find((error) => error.code === 'MissingQuotes' || error.code === 'InvalidQuotes');
  const stopAt = quoteError?.row ?? result.data.length;
  const rows: Row[] = [];
  for (let i = 0; i < result.data.length; i += 1) {
    const fields = result.data[i]!;
    const lineNo = before + i + 1;
    for (const field of fields) {
      if (field.length > limits.maxFieldChars) {
        throw new ParseError(`row ${lineNo}: a field of ${field.length.toLocaleString('en-US')} characters is over the limit of ${limits.maxFieldChars.toLocaleString('en-US')} (limits.max_field_chars)`);
      }
    }
    if (before + i >= limits.maxRows) throw new ParseError(`more than ${limits.maxRows.toLocaleString('en-US')} rows (limits.max_rows)`);
    if (i === stopAt && quoteError) throw new ParseError(`row ${lineNo}: ${quoteError.message.replace(/\.$/, '').toLowerCase()}`);
    const row: Row = new Array(fields.length);
    for (let j = 0; j < fields.length; j += 1) row[j] = textCell(fields[j]!);
    rows.push(row);
  }
  return rows;
}
