/**
 * Delimited text (CSV, TSV, semicolon, pipe) to rows of cells. The delimiter is sniffed
 * from the first lines, outside quotes; size limits are checked as rows arrive.
 */
import Papa from 'papaparse';
import { ParseError } from '../../core/errors.js';
import type { ParseLimits } from '../types.js';
import { textCell, type Row } from './cells.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').slice(0, 30);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const frequency = new Map<number, number>();
    for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let mode = 0;
    let modeLines = 0;
    for (const [count, seen] of frequency) {
      if (seen > modeLines || (seen === modeLines && count > mode)) {
        mode = count;
        modeLines = seen;
      }
    }
    // Lines that agree on a field count matter most; more fields breaks ties.
    const score = modeLines * 1000 + mode;
    if (mode > 0 && score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) count += 1;
  }
  return count;
}

export function readDelimited(text: string, limits: ParseLimits): { rows: Row[]; delimiter: string } {
  const delimiter = sniffDelimiter(text);
  const rows: Row[] = [];
  let problem: string | undefined;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result, parser) => {
      const fields = result.data;
      const lineNo = rows.length + 1;
      for (const field of fields) {
        if (field.length > limits.maxFieldChars) {
          problem = `row ${lineNo}: a field of ${field.length.toLocaleString('en-US')} characters is over the limit of ${limits.maxFieldChars.toLocaleString('en-US')} (limits.max_field_chars)`;
          parser.abort();
          return;
        }
      }
      if (rows.length >= limits.maxRows) {
        problem = `more than ${limits.maxRows.toLocaleString('en-US')} rows (limits.max_rows)`;
        parser.abort();
        return;
      }
      const quoteError = result.errors.find((error) => error.code === 'MissingQuotes' || error.code === 'InvalidQuotes');
      if (quoteError) {
        problem = `row ${lineNo}: ${quoteError.message.replace(/\.$/, '').toLowerCase()}`;
        parser.abort();
        return;
      }
      rows.push(fields.map((field) => textCell(field)));
    },
  });
  if (problem) throw new ParseError(problem);
  return { rows, delimiter };
}
