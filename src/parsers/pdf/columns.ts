/**
 * Table columns from the x positions of the header words, and the cells of a row: each
 * fragment goes to the column whose header it overlaps most, else to the nearest one.
 * Header words that name no known column still make a column, so their cells are not
 * pushed into a neighbour.
 */
import { normaliseName, type ColumnKey, type Layout } from './layout.js';
import { words, type CharGrid, type Fragment, type TextLine, type Word } from './lines.js';

export interface Column {
  /** null: a column the layout does not read (its cells are ignored). */
  key: ColumnKey | null;
  name: string;
  x0: number;
  x1: number;
  /** How the header text was known: a column name, a generic one, one remit knows and skips, or not at all. */
  kind?: 'named' | 'weak' | 'ignored' | 'unknown';
  /** For a fixed-width header (one padded text item): the header's characters [c0, c1) within it. */
  chars?: { c0: number; c1: number; grid: CharGrid };
}

interface NameEntry {
  key: ColumnKey | null;
  kind: 'named' | 'weak' | 'ignored';
}

export type Cells = Partial<Record<ColumnKey, string>>;

/** The longest column name is tried first, up to this many words. */
const MAX_NAME_WORDS = 5;

/** The columns a header row defines, or undefined when the line is not a header row. */
export function matchHeader(line: TextLine, layout: Layout): Column[] | undefined {
  const lookup = namesOf(layout);
  const columns: Column[] = [];
  for (const phrase of groupByPhrase(words(line))) {
    const named = splitIntoNames(phrase, lookup);
    if (named) columns.push(...named);
    else columns.push({ key: null, name: phrase.map((w) => w.text).join(' '), x0: phrase[0]!.x0, x1: phrase[phrase.length - 1]!.x1, kind: 'unknown' });
  }

  const seen = new Set<ColumnKey>();
  for (const column of columns) {
    // A second column with the same meaning is ignored rather than merged.
    if (column.kind !== 'named' || !column.key) continue;
    if (seen.has(column.key)) column.key = null;
    else seen.add(column.key);
  }
  // "Amount" is the paid amount only in a table with no column that says so more precisely;
  // of several generic names, the one earliest in the layout's list ("Amount" before "Payment").
  const weak = columns.filter((column) => column.kind === 'weak' && column.key);
  weak.sort((a, b) => weakRank(layout, a) - weakRank(layout, b));
  for (const column of weak) {
    if (seen.has(column.key!)) column.key = null;
    else seen.add(column.key!);
  }
  // Column names remit knows count, read or not: "Invoice #  Amount  Paid" is a header.
  const known = columns.filter((c) => c.kind !== 'unknown').length;
  const unknown = columns.length - known;
  if (known < layout.minColumns || known < unknown) return undefined;
  if (!layout.requiredColumns.some((group) => group.every((key) => seen.has(key)))) return undefined;
  if (line.grid) placeByCharacters(columns, line.grid);
  return columns;
}

function weakRank(layout: Layout, column: Column): number {
  const names = column.key ? (layout.weakColumns[column.key] ?? []) : [];
  const rank = names.findIndex((name) => normaliseName(name) === normaliseName(column.name));
  return rank < 0 ? names.length : rank;
}

const lookups = new WeakMap<Layout, Map<string, NameEntry>>();

/** Normalised column name -> column, built once per layout; specific names win over skipped and generic ones. */
function namesOf(layout: Layout): Map<string, NameEntry> {
  let lookup = lookups.get(layout);
  if (!lookup) {
    const map = new Map<string, NameEntry>();
    const add = (name: string, entry: NameEntry) => {
      if (!map.has(normaliseName(name))) map.set(normaliseName(name), entry);
    };
    for (const [key, names] of Object.entries(layout.columns) as Array<[ColumnKey, string[]]>) for (const name of names) add(name, { key, kind: 'named' });
    for (const name of layout.ignoredColumns) add(name, { key: null, kind: 'ignored' });
    for (const [key, names] of Object.entries(layout.weakColumns) as Array<[ColumnKey, string[]]>) for (const name of names) add(name, { key, kind: 'weak' });
    lookups.set(layout, map);
    lookup = map;
  }
  return lookup;
}

function groupByPhrase(list: Word[]): Word[][] {
  const groups: Word[][] = [];
  for (const word of list) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.phrase === word.phrase) last.push(word);
    else groups.push([word]);
  }
  return groups;
}

/** A phrase read as one or more known column names, longest first; undefined if any word is left over. */
function splitIntoNames(phrase: Word[], lookup: Map<string, NameEntry>): Column[] | undefined {
  const out: Column[] = [];
  let i = 0;
  while (i < phrase.length) {
    let found: Column | undefined;
    for (let n = Math.min(MAX_NAME_WORDS, phrase.length - i); n >= 1 && !found; n--) {
      const slice = phrase.slice(i, i + n);
      const name = slice.map((w) => w.text).join(' ');
      const entry = lookup.get(normaliseName(name));
      if (entry) {
        found = { key: entry.key, name, x0: slice[0]!.x0, x1: slice[n - 1]!.x1, kind: entry.kind };
        i += n;
      }
    }
    if (!found) return undefined;
    out.push(found);
  }
  return out;
}

/** Distribute a row's fragments over the columns; several fragments in one cell are joined by a space. */
export function cellsOf(line: TextLine, columns: Column[]): { cells: Cells; ignored: string[] } {
  const cells: Cells = {};
  const ignored: string[] = [];
  for (const fragment of line.fragments) {
    const column = columnFor(fragment, columns);
    if (!column?.key) {
      ignored.push(fragment.text);
      continue;
    }
    const before = cells[column.key];
    cells[column.key] = before === undefined ? fragment.text : `${before} ${fragment.text}`;
  }
  return { cells, ignored };
}

function columnFor(fragment: Fragment, columns: Column[]): Column | undefined {
  let best: Column | undefined;
  let bestOverlap = 0;
  for (const column of columns) {
    const overlap = Math.min(fragment.x1, column.x1) - Math.max(fragment.x0, column.x0);
    if (overlap > bestOverlap) {
      best = column;
      bestOverlap = overlap;
    }
  }
  if (best) return best;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const column of columns) {
    const distance = Math.max(column.x0 - fragment.x1, fragment.x0 - column.x1, 0);
    if (distance < bestDistance) {
      best = column;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A fixed-width row under a fixed-width header (both one padded run of text starting at the
 * same place): each word goes to the column whose header characters it overlaps most, else
 * the nearest, counted in characters. Undefined when the row or header is not of that kind.
 */
export function charCellsOf(line: TextLine, columns: Column[]): { cells: Cells; ignored: string[] } | undefined {
  const header = columns[0]?.chars;
  const row = line.grid;
  if (!header || !row || columns.some((column) => !column.chars)) return undefined;
  return charCells(row, header, columns);
}

function charCells(row: CharGrid, header: { grid: CharGrid }, columns: Column[]): { cells: Cells; ignored: string[] } | undefined {
  // Rows of the same report start at the same place as its header, give or take a character.
  const shift = (row.x - header.grid.x) / header.grid.spaceWidth;
  if (Math.abs(shift) > 1.5) return undefined;
  const offset = Math.round(shift);
  const cells: Cells = {};
  const ignored: string[] = [];
  for (const match of row.text.matchAll(/\S+/g)) {
    const c0 = match.index + offset;
    const c1 = c0 + match[0].length;
    let best: Column | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const column of columns) {
      const span = column.chars!;
      // Overlap in characters; negative values measure the distance to the nearest header.
      const score = Math.min(c1, span.c1) - Math.max(c0, span.c0);
      if (score > bestScore) {
        best = column;
        bestScore = score;
      }
    }
    if (!best?.key) {
      ignored.push(match[0]);
      continue;
    }
    const before = cells[best.key];
    cells[best.key] = before === undefined ? match[0] : `${before} ${match[0]}`;
  }
  return { cells, ignored };
}

/** The header's column names found, in order, in the header as drawn: their character spans. */
function placeByCharacters(columns: Column[], grid: CharGrid): void {
  const text = grid.text.toLowerCase();
  let from = 0;
  const spans: Array<{ c0: number; c1: number }> = [];
  for (const column of columns) {
    const at = text.indexOf(column.name.toLowerCase(), from);
    if (at < 0) return;
    spans.push({ c0: at, c1: at + column.name.length });
    from = at + column.name.length;
  }
  columns.forEach((column, i) => {
    column.chars = { ...spans[i]!, grid };
  });
}
