/**
 * Payment-level fields written as label/value pairs around a table: `Payment Number:,12345`
 * in a CSV row, `Check Date: 09/16/2024` in one cell, `Zahlbetrag | 12.345,67` in a
 * workbook's header block. A label without a colon counts only when the value beside it is
 * of the right kind (a date for a date, an amount for a total), so a table header is never
 * taken for a label.
 */
import type { HeaderField, PaymentField } from '../types.js';
import type { Cell, Row } from './cells.js';
import { looksLikeAmount, looksLikeDate } from './cell-kinds.js';
import { labelRole } from './roles.js';
import { plainWords } from './words.js';

export interface LabelFound {
  field: PaymentField;
  /** The value as written (a date or number cell as its text). */
  value: string;
  cell: Cell;
  label: string;
  /** 1-based row of the file. */
  rowNo: number;
  score: number;
}

const HEADER_FIELD_NAMES: Record<HeaderField, PaymentField> = {
  payment_ref: 'paymentRef',
  payment_date: 'paymentDate',
  total: 'statedTotal',
  method: 'method',
  currency: 'currency',
  payer_name: 'payerName',
};

/** remit.yaml's header_fields as a lookup from the label's words to the field. */
export function customLabels(headerFields: Partial<Record<HeaderField, string>> | undefined): Map<string, PaymentField> {
  const labels = new Map<string, PaymentField>();
  for (const [name, label] of Object.entries(headerFields ?? {}) as Array<[HeaderField, string | undefined]>) {
    if (label) labels.set(plainWords(label).join(' '), HEADER_FIELD_NAMES[name]);
  }
  return labels;
}

const ONE_CELL = /^([^:：]{2,50}?)\s*[:：]\s*(\S.*)$/u;

/** Every label/value pair in a row. */
export function labelsInRow(row: Row, rowNo: number, custom: Map<string, PaymentField>): LabelFound[] {
  const found: LabelFound[] = [];
  for (let i = 0; i < row.length; i += 1) {
    const cell = row[i]!;
    if (cell.kind !== 'text') continue;
    const text = cell.text.trim();
    if (text === '' || text.length > 60) continue;
    const inOne = ONE_CELL.exec(text);
    if (inOne) {
      const role = roleOf(inOne[1]!, custom);
      const value = { text: inOne[2]!.trim(), kind: 'text' as const };
      if (role && fits(role.field, value)) found.push({ field: role.field, value: value.text, cell: value, label: inOne[1]!.trim(), rowNo, score: role.score });
      continue;
    }
    const colon = /[:：]\s*$/.test(text);
    const role = roleOf(text, custom);
    if (!role) continue;
    const j = nextFilled(row, i + 1);
    if (j === undefined) continue;
    const value = row[j]!;
    // Without a colon a label must be followed by a value of its kind: a header cell is not.
    if (!fits(role.field, value) || (!colon && value.kind === 'text' && !/\d/.test(value.text) && roleOf(value.text, custom))) continue;
    found.push({ field: role.field, value: value.kind === 'date' && value.iso ? value.iso : value.text.trim(), cell: value, label: text.replace(/[:：]\s*$/, '').trim(), rowNo, score: role.score });
    i = j;
  }
  return found;
}

function roleOf(label: string, custom: Map<string, PaymentField>): { field: PaymentField; score: number } | undefined {
  const mapped = custom.get(plainWords(label).join(' '));
  if (mapped) return { field: mapped, score: 10 };
  return labelRole(label);
}

function nextFilled(row: Row, from: number): number | undefined {
  for (let j = from; j < row.length && j < from + 3; j += 1) if (row[j]!.text.trim() !== '') return j;
  return undefined;
}

/** Is this value of the kind the field holds? */
export function fits(field: PaymentField, cell: Cell): boolean {
  const text = cell.text.trim();
  if (text === '') return false;
  switch (field) {
    case 'paymentDate':
      return looksLikeDate(cell);
    case 'statedTotal':
      return looksLikeAmount(cell);
    case 'paymentRef':
      return cell.kind !== 'date' && /\d/.test(text) && text.length <= 40 && text.split(/\s+/).length <= 2;
    case 'currency':
      return /^[A-Za-z]{3}$/.test(text);
    case 'method':
      return cell.kind === 'text' && text.length <= 40 && !/^\d[\d.,]*$/.test(text);
    case 'payerName':
      return cell.kind === 'text' && text.length <= 80;
  }
}
