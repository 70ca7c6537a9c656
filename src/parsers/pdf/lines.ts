/**
 * Rebuild text lines from positioned items: items whose baselines are close form a line,
 * ordered left to right. Generators differ in how they cut text (a glyph, a word, a cell, a
 * whole padded line per item), so items are normalised into fragments: runs of text with
 * no wide gap inside, each with its horizontal extent.
 */
import type { PdfTextItem, PdfTextPage } from './extract.js';

export interface Fragment {
  text: string;
  x0: number;
  x1: number;
  size: number;
}

export interface TextLine {
  page: number;
  /** Baseline of the line's first item. */
  y: number;
  fragments: Fragment[];
  /** Fragments joined by single spaces: what a template's regexes are matched against. */
  text: string;
  /**
   * When the whole line is one run of text padded with runs of spaces (a fixed-width report
   * row), the line as drawn: its columns are told apart by character positions, which stay
   * true whatever the font, while x positions of proportional glyphs drift.
   */
  grid?: CharGrid;
}

export interface CharGrid {
  /** The line as drawn, runs of spaces included. */
  text: string;
  x: number;
  /** Width of one space in the line's font: how wide runs of blank space are counted in characters. */
  spaceWidth: number;
}

/** Baselines closer than this share a line (a fraction of the font size). */
const SAME_LINE = 0.35;
/** Pieces closer than this are one word (glyph-by-glyph output). */
const SAME_WORD = 0.12;
/** Pieces closer than this belong to one phrase, e.g. a label and its value. */
const SAME_PHRASE = 0.6;

/** The lines of each page, top to bottom. */
export function buildLines(pages: PdfTextPage[]): TextLine[][] {
  return pages.map(({ page, items }) => linesOfPage(page, items));
}

function linesOfPage(page: number, all: PdfTextItem[]): TextLine[] {
  const items = all.filter((item) => !item.space);
  const spaces = all.filter((item) => item.space);
  const spaceWidths = spaceWidthsOf(spaces);
  // Blank runs by baseline, so each line looks only at its own.
  const spacesByY = new Map<number, PdfTextItem[]>();
  for (const space of spaces) {
    const key = Math.round(space.y);
    const list = spacesByY.get(key);
    if (list) list.push(space);
    else spacesByY.set(key, [space]);
  }
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  let current: PdfTextItem[] = [];
  let anchor = Number.NaN;
  for (const item of sorted) {
    if (current.length > 0 && Math.abs(anchor - item.y) <= SAME_LINE * Math.min(item.size, current[0]!.size)) {
      current.push(item);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [item];
    anchor = item.y;
  }
  if (current.length > 0) groups.push(current);

  return groups.map((group) => {
    const y = Math.round(group[0]!.y);
    const near = [...(spacesByY.get(y - 1) ?? []), ...(spacesByY.get(y) ?? []), ...(spacesByY.get(y + 1) ?? [])];
    const grid = near.length > 0 ? gridOf(group, near, spaceWidths) : undefined;
    const fragments = grid ? grid.fragments : joinPieces(group.flatMap(splitPadded).sort((a, b) => a.x0 - b.x0));
    const line: TextLine = { page, y: group[0]!.y, fragments, text: fragments.map((f) => f.text).join(' ') };
    if (grid) line.grid = grid.grid;
    return line;
  });
}

/**
 * The width of one space for each font size on the page: the largest width of which every
 * blank run of that size is a whole multiple (a run is always so many spaces), within the
 * range of real fonts' spaces (Times 0.25 em .. Courier 0.6 em).
 */
function spaceWidthsOf(spaces: PdfTextItem[]): Map<number, number> {
  const bySize = new Map<number, number[]>();
  for (const space of spaces) {
    const size = Math.round(space.size * 10) / 10;
    const widths = bySize.get(size);
    if (widths) widths.push(space.width);
    else bySize.set(size, [space.width]);
  }
  const out = new Map<number, number>();
  for (const [size, widths] of bySize) {
    const smallest = Math.min(...widths);
    for (let k = Math.max(1, Math.ceil(smallest / (0.65 * size))); k <= Math.floor(smallest / (0.2 * size)); k++) {
      const unit = smallest / k;
      if (widths.every((width) => Math.abs(width / unit - Math.round(width / unit)) < 0.08)) {
        out.set(size, unit);
        break;
      }
    }
  }
  return out;
}

/**
 * A line drawn as one run of text with blank runs inside (each item starting where the
 * previous, or the blank run after it, ends), rebuilt with its spaces counted; undefined for
 * lines whose pieces were placed separately.
 */
function gridOf(
  group: PdfTextItem[],
  spaces: PdfTextItem[],
  spaceWidths: Map<number, number>,
): { grid: CharGrid; fragments: Fragment[] } | undefined {
  const first = group[0]!;
  const spaceWidth = spaceWidths.get(Math.round(first.size * 10) / 10);
  if (spaceWidth === undefined) return undefined;
  const y = first.y;
  const tolerance = SAME_LINE * first.size;
  const inLine = spaces.filter((space) => Math.abs(space.y - y) <= tolerance);
  if (inLine.length === 0) return undefined;
  const pieces = [...group, ...inLine].sort((a, b) => a.x - b.x);
  let text = '';
  let end = pieces[0]!.x;
  /** x of each character's start and end, from the item that drew it. */
  const starts: number[] = [];
  const ends: number[] = [];
  for (const piece of pieces) {
    if (Math.abs(piece.x - end) > Math.max(0.5, spaceWidth * 0.3)) return undefined;
    const drawn = piece.space ? ' '.repeat(Math.max(1, Math.round(piece.width / spaceWidth))) : piece.text;
    const per = piece.width / drawn.length;
    for (let i = 0; i < drawn.length; i++) {
      starts.push(piece.x + i * per);
      ends.push(piece.x + (i + 1) * per);
    }
    text += drawn;
    end = piece.x + piece.width;
  }
  if (!/\S {2,}\S/.test(text)) return undefined;
  // Cells are the runs between two or more spaces; one space stays inside a cell.
  const fragments: Fragment[] = [];
  for (const match of text.matchAll(/\S+(?: \S+)*/g)) {
    const last = match.index + match[0].length - 1;
    fragments.push({ text: match[0], x0: starts[match.index]!, x1: ends[last]!, size: first.size });
  }
  return { grid: { text, x: pieces[0]!.x, spaceWidth }, fragments };
}

/**
 * An item holding several cells padded with runs of spaces is cut at those runs; the
 * position of each cell is estimated from its character offset.
 */
function splitPadded(item: PdfTextItem): Fragment[] {
  const text = item.text;
  const perChar = text.length > 0 ? item.width / text.length : 0;
  const pieces: Fragment[] = [];
  for (const match of text.matchAll(/\S+(?:\s\S+)*/g)) {
    const start = match.index;
    pieces.push({
      text: match[0],
      x0: item.x + start * perChar,
      x1: item.x + (start + match[0].length) * perChar,
      size: item.size,
    });
  }
  if (pieces.length === 1 && pieces[0]!.text.length === text.length) pieces[0]!.x1 = item.x + item.width;
  return pieces;
}

function joinPieces(pieces: Fragment[]): Fragment[] {
  const out: Fragment[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last && piece.text === last.text && Math.abs(piece.x0 - last.x0) < piece.size * 0.2) continue; // fake bold
    if (last && piece.x0 - last.x1 < SAME_WORD * Math.min(piece.size, last.size)) {
      last.text += piece.text;
      last.x1 = Math.max(last.x1, piece.x1);
      continue;
    }
    out.push({ ...piece });
  }
  return out;
}

/** Fragments merged into phrases (a label with its value when set close together). */
export function phrases(line: TextLine): Fragment[] {
  // In a fixed-width line the cells are already the runs between blank runs.
  if (line.grid) return line.fragments.map((fragment) => ({ ...fragment }));
  const out: Fragment[] = [];
  for (const fragment of line.fragments) {
    const last = out[out.length - 1];
    if (last && fragment.x0 - last.x1 < SAME_PHRASE * Math.min(fragment.size, last.size)) {
      last.text += ` ${fragment.text}`;
      last.x1 = Math.max(last.x1, fragment.x1);
      continue;
    }
    out.push({ ...fragment });
  }
  return out;
}

export interface Word {
  text: string;
  x0: number;
  x1: number;
  /** Index of the phrase the word belongs to. */
  phrase: number;
}

/** Single words with estimated extents, for matching multi-word column names. */
export function words(line: TextLine): Word[] {
  const out: Word[] = [];
  let phrase = -1;
  let previous: Fragment | undefined;
  for (const fragment of line.fragments) {
    if (!previous || line.grid || fragment.x0 - previous.x1 >= SAME_PHRASE * Math.min(fragment.size, previous.size)) phrase++;
    previous = fragment;
    const perChar = fragment.text.length > 0 ? (fragment.x1 - fragment.x0) / fragment.text.length : 0;
    for (const match of fragment.text.matchAll(/\S+/g)) {
      const end = match.index + match[0].length;
      out.push({
        text: match[0],
        x0: fragment.x0 + match.index * perChar,
        x1: end === fragment.text.length ? fragment.x1 : fragment.x0 + end * perChar,
        phrase,
      });
    }
  }
  return out;
}
