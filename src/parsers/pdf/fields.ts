/**
 * Header fields of a remittance (payment number, date, amount, method, currency, payer)
 * read from the lines around the table: `Label: value` in one phrase, or a label with its
 * value set further right on the same line.
 */
import type { FieldKey, FieldRule, Layout } from './layout.js';
import { phrases, type TextLine } from './lines.js';

export interface FieldValue {
  value: string;
  page: number;
}

export type HeaderFields = Partial<Record<FieldKey, FieldValue>>;

const FIELD_KEYS: FieldKey[] = ['paymentRef', 'paymentDate', 'total', 'currency', 'method', 'payerName'];

/** Label, separator, then the value (possibly empty: it is then the next phrase). */
function labelMatch(rule: Extract<FieldRule, { kind: 'label' }>, text: string): { length: number; rest: string } | undefined {
  const match = rule.label.exec(text);
  if (!match || match.index !== 0) return undefined;
  const after = text.slice(match[0].length);
  // The label must end at a word boundary: `EFT` is a label, `EFTPOS` is not.
  if (after !== '' && !/^[\s:#.-]/.test(after)) return undefined;
  return { length: match[0].length, rest: after.replace(/^\s*[:#.-]?\s*/, '').trim() };
}

/** The field a phrase is labelled with; the longest label wins (`EFT Amount` over `EFT`). */
function labelOf(text: string, layout: Layout): { key: FieldKey; rest: string } | undefined {
  let best: { key: FieldKey; rest: string; length: number } | undefined;
  for (const key of FIELD_KEYS) {
    for (const rule of layout.fields[key]) {
      if (rule.kind !== 'label') continue;
      const match = labelMatch(rule, text);
      if (match && (!best || match.length > best.length)) best = { key, ...match };
    }
  }
  return best;
}

/** True when the line starts with a field label: such a line is never a table row. */
export function isFieldLine(line: TextLine, layout: Layout): boolean {
  const first = phrases(line)[0];
  return first !== undefined && labelOf(first.text, layout) !== undefined;
}

/** Read the fields a line states into `into`; the first value found for a field wins. */
export function readFields(line: TextLine, layout: Layout, into: HeaderFields): void {
  for (const key of FIELD_KEYS) {
    if (into[key]) continue;
    for (const rule of layout.fields[key]) {
      if (rule.kind !== 'pattern') continue;
      const match = rule.pattern.exec(line.text);
      if (!match) continue;
      const value = (match[1] ?? line.text.slice(match.index + match[0].length)).trim();
      if (value !== '') {
        into[key] = { value, page: line.page };
        break;
      }
    }
  }

  const parts = phrases(line);
  parts.forEach((part, i) => {
    const found = labelOf(part.text, layout);
    if (!found || into[found.key]) return;
    let value = found.rest;
    if (value === '') {
      const next = parts[i + 1];
      if (next && !labelOf(next.text, layout)) value = next.text.trim();
    }
    if (value !== '') into[found.key] = { value, page: line.page };
  });
}

const TITLE_WORDS = /remittance|advice|statement|payment|page\s*\d|^\W*$|^[\d\s/.,:-]+$/i;

/**
 * The payer's name when no field names it: remittance advice opens with the payer's
 * name and address at the top left, so the first phrase of the top line, unless it is a
 * title or a label.
 */
export function guessPayerName(firstPage: TextLine[], layout: Layout): string | undefined {
  const top = firstPage[0];
  if (!top) return undefined;
  const first = phrases(top)[0];
  if (!first || TITLE_WORDS.test(first.text) || labelOf(first.text, layout)) return undefined;
  return first.text.trim();
}
