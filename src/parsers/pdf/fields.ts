/**
 * Header fields of a remittance (payment number, date, amount, method, currency, payer)
 * read from the lines around the table, wherever the payer's system put them: `Label: value`
 * in one phrase, a label with its value further right on the same line, or a row of labels
 * with their values on the line below (the `Check No.  Date  Amount` box of a check stub).
 * A label that is also an everyday word (`Date`, `Amount`, `Total`) counts only when its
 * value reads as a date or an amount.
 */
import { parseAmount } from '../../core/money.js';
import { looksLikeDate } from './dates.js';
import type { FieldKey, FieldRule, Layout } from './layout.js';
import { phrases, type Fragment, type TextLine } from './lines.js';

export interface FieldValue {
  value: string;
  page: number;
}

export type HeaderFields = Partial<Record<FieldKey, FieldValue>>;

const FIELD_KEYS: FieldKey[] = ['paymentRef', 'paymentDate', 'total', 'currency', 'method', 'payerName'];

type LabelRule = Extract<FieldRule, { kind: 'label' }>;

interface FoundLabel {
  key: FieldKey;
  rule: LabelRule;
  /** The value written in the same phrase, '' when it follows elsewhere. */
  rest: string;
  length: number;
}

/** Label, separator, then the value (possibly empty: it is then the next phrase). */
function labelMatch(rule: LabelRule, text: string): { length: number; rest: string } | undefined {
  const match = rule.label.exec(text);
  if (!match || match.index !== 0) return undefined;
  const after = text.slice(match[0].length);
  // The label must end at a word boundary: `EFT` is a label, `EFTPOS` is not.
  if (after !== '' && !/^[\s:#.-]/.test(after)) return undefined;
  return { length: match[0].length, rest: after.replace(/^\s*[:#.-]?\s*/, '').trim() };
}

/** Every field a phrase may be labelled with, longest label first (`EFT Amount` over `EFT`). */
function labelsOf(text: string, layout: Layout): FoundLabel[] {
  const found: FoundLabel[] = [];
  for (const key of FIELD_KEYS) {
    for (const rule of layout.fields[key]) {
      if (rule.kind !== 'label') continue;
      const match = labelMatch(rule, text);
      if (match) found.push({ key, rule, ...match });
    }
  }
  return found.sort((a, b) => b.length - a.length);
}

/** A value fits a label when the label asks nothing of it, or it reads as the type asked. */
export function fits(rule: LabelRule, value: string): boolean {
  if (value === '') return false;
  if (rule.check === 'date') return looksLikeDate(value);
  if (rule.check === 'amount') return parseAmount(cleanAmount(value)).ok || parseAmount(cleanAmount(value), { decimalComma: true }).ok;
  return true;
}

/** A printed amount without the fill and symbols checks carry: `$****1,234.56` -> `1,234.56`. */
export function cleanAmount(value: string): string {
  return value.replace(/\*/g, '').replace(/^(?:USD|EUR|GBP|CAD|CHF|AUD|MXN)\s*/i, '').replace(/\s*(?:USD|EUR|GBP|CAD|CHF|AUD|MXN)$/i, '').trim();
}

/** The label a phrase starts with and the value for it: in the phrase, else the next phrase. */
function labelled(parts: Fragment[], i: number, layout: Layout): { key: FieldKey; value: string } | undefined {
  const part = parts[i]!;
  for (const found of labelsOf(part.text, layout)) {
    let value = found.rest;
    if (value === '') {
      const next = parts[i + 1];
      if (next && labelsOf(next.text, layout).length === 0) value = next.text.trim();
    }
    if (fits(found.rule, value)) return { key: found.key, value };
    // A label that needs no check but has no value yet may head a label row.
  }
  return undefined;
}

/** True when the line starts with a field label and its value: such a line is never a table row. */
export function isFieldLine(line: TextLine, layout: Layout): boolean {
  const parts = phrases(line);
  return parts.length > 0 && labelled(parts, 0, layout) !== undefined;
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
  parts.forEach((_, i) => {
    const found = labelled(parts, i, layout);
    if (found && !into[found.key]) into[found.key] = { value: found.value, page: line.page };
  });
}

/** A header cell of a label row: the field and where its label sits. */
export interface LabelCell {
  key: FieldKey;
  rule: LabelRule;
  x0: number;
  x1: number;
}

/**
 * The labels of a line made only of field labels with no values (`Check No.   Check Date
 * Check Amount`), whose values are printed on the line below; undefined otherwise.
 */
export function labelRow(line: TextLine, layout: Layout): LabelCell[] | undefined {
  const parts = phrases(line);
  const cells: LabelCell[] = [];
  for (const part of parts) {
    const found = labelsOf(part.text, layout).find((label) => label.rest === '');
    if (!found) return undefined;
    cells.push({ key: found.key, rule: found.rule, x0: part.x0, x1: part.x1 });
  }
  return cells.length > 0 ? cells : undefined;
}

/**
 * Values under a label row: each phrase of `line` goes to the label it overlaps most (else
 * the nearest within a label's width), and counts only if it fits that label.
 */
export function readFieldsUnder(labels: LabelCell[], line: TextLine, into: HeaderFields): number {
  let read = 0;
  for (const part of phrases(line)) {
    let best: LabelCell | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const cell of labels) {
      const overlap = Math.min(part.x1, cell.x1) - Math.max(part.x0, cell.x0);
      const width = Math.max(cell.x1 - cell.x0, part.x1 - part.x0);
      if (overlap < -width) continue;
      if (overlap > bestScore) {
        best = cell;
        bestScore = overlap;
      }
    }
    const value = part.text.trim();
    if (best && !into[best.key] && fits(best.rule, value)) {
      into[best.key] = { value, page: line.page };
      read += 1;
    }
  }
  return read;
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
  if (!first || TITLE_WORDS.test(first.text) || labelsOf(first.text, layout).length > 0) return undefined;
  return first.text.trim();
}
