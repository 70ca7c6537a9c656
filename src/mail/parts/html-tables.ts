/**
 * The tables of an HTML body as rows of cell text, and the body as plain lines (for the
 * "Payment Number: 123" lines above a table). Parsed by parse5, which builds the tree the
 * way browsers do (https://html.spec.whatwg.org/multipage/parsing.html), so missing `</td>`,
 * `</tr>` and stray markup land where a mail client would show them. Each table's rows are
 * its own: a table nested in a cell is a table of its own, not text of that cell. `colspan`
 * repeats no text (the columns after the first are empty), `rowspan` leaves the spanned
 * cells below empty, `<br>` inside a cell is a space. Walked without recursion, so a
 * deeply nested body cannot exhaust the stack.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

export interface HtmlTable {
  /** 0-based order of the table in the body. */
  index: number;
  rows: string[][];
  /** The body's text before the table starts, one line per block, row or `<br>`. */
  textBefore: string;
}

const SKIPPED = new Set(['head', 'script', 'style', 'template', 'noscript', 'title']);
const BLOCKS = new Set([
  'p', 'div', 'br', 'tr', 'table', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'section', 'article',
  'header', 'footer', 'address', 'dl', 'dt', 'dd', 'caption', 'center', 'form', 'fieldset',
]);
const MAX_COLSPAN = 100;
const MAX_ROWSPAN = 1000;

export function htmlTables(html: string): { tables: HtmlTable[]; text: string } {
  const document = parse(html);
  const tables: HtmlTable[] = [];
  let text = '';
  const stack: Array<{ node: Node; leaving: boolean }> = [{ node: document, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeName === '#text') {
      text += collapse((node as DefaultTreeAdapterTypes.TextNode).value);
      continue;
    }
    if (!('childNodes' in node)) continue;
    const name = node.nodeName;
    if (SKIPPED.has(name)) continue;
    if (leaving) {
      if (BLOCKS.has(name)) text += '\n';
      continue;
    }
    if (BLOCKS.has(name)) text += '\n';
    if (name === 'td' || name === 'th') text += '  ';
    if (name === 'table') tables.push({ index: tables.length, rows: tableRows(node as Element), textBefore: tidy(text) });
    stack.push({ node, leaving: true });
    const children = node.nodeName === 'template' ? [] : node.childNodes;
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i]!, leaving: false });
  }
  return { tables, text: tidy(text) };
}

function tableRows(table: Element): string[][] {
  const rows: string[][] = [];
  // Cells still covered by a rowspan from above: column -> rows left.
  const spanning = new Map<number, number>();
  for (const tr of ownRows(table)) {
    const row: string[] = [];
    let column = 0;
    const takeSpanned = () => {
      while ((spanning.get(column) ?? 0) > 0) {
        spanning.set(column, spanning.get(column)! - 1);
        row.push('');
        column += 1;
      }
    };
    for (const cell of tr.childNodes) {
      if (cell.nodeName !== 'td' && cell.nodeName !== 'th') continue;
      takeSpanned();
      const element = cell as Element;
      const colspan = span(element, 'colspan', MAX_COLSPAN);
      const rowspan = span(element, 'rowspan', MAX_ROWSPAN);
      row.push(cellText(element));
      for (let extra = 1; extra < colspan; extra += 1) row.push('');
      if (rowspan > 1) for (let c = column; c < column + colspan; c += 1) spanning.set(c, rowspan - 1);
      column += colspan;
    }
    takeSpanned();
    rows.push(row);
  }
  return rows;
}

/** The table's own rows: directly, or in its thead/tbody/tfoot; never a nested table's. */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (child.nodeName === 'tr') rows.push(child as Element);
    else if (child.nodeName === 'thead' || child.nodeName === 'tbody' || child.nodeName === 'tfoot') {
      for (const row of (child as Element).childNodes) if (row.nodeName === 'tr') rows.push(row as Element);
    }
  }
  return rows;
}

function cellText(cell: Element): string {
  let text = '';
  const stack: Node[] = [cell];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === '#text') {
      text += (node as DefaultTreeAdapterTypes.TextNode).value;
      continue;
    }
    if (!('childNodes' in node) || SKIPPED.has(node.nodeName)) continue;
    if (node !== cell && node.nodeName === 'table') continue;
    if (BLOCKS.has(node.nodeName)) text += ' ';
    for (let i = node.childNodes.length - 1; i >= 0; i -= 1) stack.push(node.childNodes[i]!);
  }
  return collapse(text).trim();
}

function span(cell: Element, attribute: string, max: number): number {
  const value = cell.attrs.find((attr) => attr.name === attribute)?.value;
  const n = value === undefined ? 1 : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1;
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ');
}

/** Lines trimmed, runs of blank lines made one. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
