/**
 * Table columns from the x positions of the header words, and the cells of a row: each
 * fragment goes to the column whose header it overlaps most, else to the nearest one.
 * Header words that name no known column still make a column, so their cells are not
 * pushed into a neighbour.
 */
import { normaliseName, type ColumnKey, type Layout } from './layout.js';
import { words, type Fragment, type TextLine, type Word } from './lines.js';

export interface Column {
  /** null: a column the layout does not know (its cells are ignored). */
  key: ColumnKey | null;
  name: string;
  x0: number;
  x1: number;
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
    else columns.push({ key: null, name: phrase.map((w) => w.text).join(' '), x0: phrase[0]!.x0, x1: phrase[phrase.length - 1]!.x1 });
  }

  const seen = new Set<ColumnKey>();
  for (const column of columns) {
    // A second column with the same meaning is ignored rather than merged.
    if (column.key && seen.has(column.key)) column.key = null;
    else if (column.key) seen.add(column.key);
  }
  const known = columns.filter((c) => c.key !== null).length;
  if (known < layout.minColumns || known < columns.length - known) return undefined;
  if (!layout.requiredColumns.some((group) => group.every((key) => seen.has(key)))) return undefined;
  return columns;
}

const lookups = new WeakMap<Layout, Map<string, ColumnKey>>();

/** Normalised column name -> column, built once per layout. */
function namesOf(layout: Layout): Map<string, ColumnKey> {
  let lookup = lookups.get(layout);
  if (!lookup) {
    lookup = new Map();
    for (const [key, names] of Object.entries(layout.columns) as Array<[ColumnKey, string[]]>) {
      for (const name of names) if (!lookup.has(normaliseName(name))) lookup.set(normaliseName(name), key);
    }
    lookups.set(layout, lookup);
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
function splitIntoNames(phrase: Word[], lookup: Map<string, ColumnKey>): Column[] | undefined {
  const out: Column[] = [];
  let i = 0;
  while (i < phrase.length) {
    let found: Column | undefined;
    for (let n = Math.min(MAX_NAME_WORDS, phrase.length - i); n >= 1 && !found; n--) {
      const slice = phrase.slice(i, i + n);
      const name = slice.map((w) => w.text).join(' ');
      const key = lookup.get(normaliseName(name));
      if (key) {
        found = { key, name, x0: slice[0]!.x0, x1: slice[n - 1]!.x1 };
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
