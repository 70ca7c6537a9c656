/**
 * Tables written in plain text with aligned columns, as AP systems print them into mail:
 *
 *   Invoice Number     Invoice Date    Amount Paid
 *   ----------------  --------------  -----------
 *   INV-101157            08/06/2024     9,613.05
 *
 * A cell is a run of text; two or more spaces end it (one space stays inside: "Invoice
 * Number", "USD 1,234.56"). Columns are where the header's cells are, or, when a rule of
 * dashes follows the header, exactly where its dashes are. Each cell below goes to the
 * column it overlaps most (numbers are right-aligned, text left-aligned, both overlap their
 * column). A header may wrap over two lines whose cells stand above each other. The table
 * ends at prose (a line of one cell) or at a blank line not followed by another row.
 * Quoted-printable soft line breaks are undone by the MIME reader before this sees the text.
 */

export interface TextTable {
  /** The header row first, then the rows under it, as cell text. */
  rows: string[][];
  /** The lines before the header, for "Label: value" payment fields. */
  textBefore: string;
  /** 0-based line of the header in the text. */
  line: number;
}

/** Scores a candidate header row; 0 or less is not a header. */
export type HeaderScorer = (cells: string[]) => number;

interface Run {
  text: string;
  start: number;
  end: number;
}

export function textTables(text: string, score: HeaderScorer): TextTable[] {
  const lines = text.split(/\r\n|\n|\r/).map(plainLine);
  const tables: TextTable[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const header = headerAt(lines, i, score);
    if (!header) continue;
    const { columns, next } = header;
    const rows: string[][] = [header.cells];
    let at = next;
    while (at < lines.length) {
      const line = lines[at]!;
      if (line.trim() === '') {
        const following = nextNonBlank(lines, at);
        if (following === undefined || runs(lines[following]!).length < 2) break;
        at = following;
        continue;
      }
      if (isRule(line)) {
        at += 1;
        continue;
      }
      const cells = runs(line);
      if (cells.length < 2) break;
      rows.push(place(cells, columns));
      at += 1;
    }
    if (rows.length > 1) {
      tables.push({ rows, textBefore: lines.slice(0, i).join('\n'), line: i });
      i = at - 1;
    }
  }
  return tables;
}

function headerAt(lines: string[], i: number, score: HeaderScorer): { cells: string[]; columns: Run[]; next: number } | undefined {
  const first = runs(lines[i]!);
  if (first.length < 2) return undefined;
  let header = first;
  let next = i + 1;
  const firstScore = score(first.map((run) => run.text));
  // A header wrapped over two lines: "Invoice   Amount" over "Number    Paid". The second
  // line holds words only, each under a word of the first.
  const second = next < lines.length && !isRule(lines[next]!) ? runs(lines[next]!) : [];
  if (second.length >= 1 && !second.some((run) => /\d/.test(run.text)) && stacked(first, second)) {
    const merged = merge(first, second);
    if (score(merged.map((run) => run.text)) >= Math.max(firstScore, 1)) {
      header = merged;
      next += 1;
    }
  }
  if (header === first && firstScore <= 0) return undefined;
  let columns = widen(header);
  if (next < lines.length && isRule(lines[next]!)) {
    const dashes = runs(lines[next]!.replace(/[=+|]/g, (c) => (c === '|' ? ' ' : '-')), 1);
    if (dashes.length === header.length) columns = widen(dashes.map((run, index) => ({ ...run, text: header[index]!.text })));
    next += 1;
  }
  return { cells: columns.map((column) => column.text), columns, next };
}

/** Runs of text separated by at least `gap` spaces. */
function runs(line: string, gap = 2): Run[] {
  const found: Run[] = [];
  const pattern = gap === 1 ? /\S+/g : /\S+(?: \S+)*/g;
  for (const match of line.matchAll(pattern)) found.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  return found;
}

/** Every run of the second line sits under a run of the first. */
function stacked(first: Run[], second: Run[]): boolean {
  return second.every((run) => first.some((above) => overlap(run, above) > 0));
}

function merge(first: Run[], second: Run[]): Run[] {
  return first.map((above) => {
    const below = second.filter((run) => overlap(run, above) > 0);
    const end = Math.max(above.end, ...below.map((run) => run.end));
    const start = Math.min(above.start, ...below.map((run) => run.start));
    return { text: [above.text, ...below.map((run) => run.text)].join(' '), start, end };
  });
}

/** Column extents reach halfway to their neighbours, so right-aligned numbers still overlap. */
function widen(columns: Run[]): Run[] {
  return columns.map((column, index) => {
    const before = columns[index - 1];
    const after = columns[index + 1];
    const start = before ? Math.ceil((before.end + column.start) / 2) : 0;
    const end = after ? Math.floor((column.end + after.start) / 2) : Number.MAX_SAFE_INTEGER;
    return { text: column.text, start: Math.min(start, column.start), end: Math.max(end, column.end) };
  });
}

function place(cells: Run[], columns: Run[]): string[] {
  const row = columns.map(() => '');
  for (const cell of cells) {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    columns.forEach((column, index) => {
      const shared = overlap(cell, column);
      const value = shared > 0 ? shared : -distance(cell, column);
      if (value > bestScore) {
        bestScore = value;
        best = index;
      }
    });
    row[best] = row[best] ? `${row[best]} ${cell.text}` : cell.text;
  }
  return row;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

function distance(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.end <= b.start ? b.start - a.end : a.start - b.end;
}

function isRule(line: string): boolean {
  return /^[\s\-=+|_]+$/.test(line) && /[-=_]{3,}/.test(line);
}

function nextNonBlank(lines: string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i += 1) if (lines[i]!.trim() !== '') return i;
  return undefined;
}

/** Tabs to 8-column stops, quote marks ("> ") off, no trailing blanks. */
function plainLine(line: string): string {
  let expanded = '';
  for (const char of line.replace(/^(?:>\s?)+/, '')) {
    if (char === '\t') expanded += ' '.repeat(8 - (expanded.length % 8));
    else expanded += char;
  }
  return expanded.replace(/\s+$/, '');
}
