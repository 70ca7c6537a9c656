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
   * When the whole line is one text item padded with runs of spaces (a fixed-width report
   * row), the item as drawn: its columns are told apart by character positions, which stay
   * true whatever the font, while x positions estimated inside the item drift.
   */
  grid?: CharGrid;
}

export interface CharGrid {
  text: string;
  x: number;
  /** Average advance of one character of this item, in points. */
  perChar: number;
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

function linesOfPage(page: number, items: PdfTextItem[]): TextLine[] {
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
    const fragments = joinPieces(group.flatMap(splitPadded).sort((a, b) => a.x0 - b.x0));
    const line: TextLine = { page, y: group[0]!.y, fragments, text: fragments.map((f) => f.text).join(' ') };
    const only = group.length === 1 ? group[0]! : undefined;
    if (only && /\S {2,}\S/.test(only.text) && only.text.length > 0) {
      line.grid = { text: only.text, x: only.x, perChar: only.width / only.text.length };
    }
    return line;
  });
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
    if (!previous || fragment.x0 - previous.x1 >= SAME_PHRASE * Math.min(fragment.size, previous.size)) phrase++;
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
