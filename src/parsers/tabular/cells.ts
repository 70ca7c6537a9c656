/** A cell as read from CSV or a workbook, before it means anything. */
export interface Cell {
  /** The text as a person would read it (numbers without formatting, e.g. "4700" or "28926.6"). */
  text: string;
  kind: 'text' | 'number' | 'date';
  /** ISO date for date cells. */
  iso?: string;
}

export type Row = Cell[];

export function textCell(text: string): Cell {
  return { text, kind: 'text' };
}
