/** What a cell's value looks like, before its column's role is known: an amount, a date, or text. */
import { dateEvidence } from '../../core/dates.js';
import type { Cell } from './cells.js';

const AMOUNT_TEXT = /^[-+(]?\s*(?:[$€£¥]|[A-Z]{3})?\s*[-(]?\d[\d.,'\s\u00a0\u202f]*\)?-?\s*(?:[$€£¥]|[A-Z]{3}|CR|DR)?$/u;

/** An amount: a number cell, or text of digits with marks, signs and a currency. */
export function looksLikeAmount(cell: Cell): boolean {
  if (cell.kind === 'number') return true;
  if (cell.kind !== 'text') return false;
  const text = cell.text.trim();
  return text !== '' && /\d/.test(text) && AMOUNT_TEXT.test(text) && !looksLikeDate(cell);
}

/** A date: a date cell, or text with separators or a month name that some order reads as a date. */
export function looksLikeDate(cell: Cell): boolean {
  if (cell.kind === 'date') return true;
  if (cell.kind !== 'text') return false;
  const text = cell.text.trim();
  if (text === '' || !/\d/.test(text)) return false;
  if (/^\d+$/.test(text)) return /^(19|20)\d{6}$/.test(text) && dateEvidence(text) === 'same';
  if (/^-?\d+[.,]\d{1,2}$/.test(text)) return false;
  return dateEvidence(text) !== 'invalid';
}
