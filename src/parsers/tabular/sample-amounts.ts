/**
 * Amounts read before the file's decimal mark is decided (a label's total, the values a
 * layout is judged on): each by its own marks, undefined when its marks could mean either.
 */
import { parseAmount, type Minor } from '../../core/money.js';
import type { Cell } from './cells.js';
import { markEvidence } from './decimal-mark.js';

export function lenientAmount(cell: Cell): Minor | undefined {
  const text = cell.text.trim();
  if (text === '') return undefined;
  if (cell.kind === 'number') {
    const result = parseAmount(text);
    return result.ok ? result.minor : undefined;
  }
  const evidence = markEvidence(text);
  if (evidence === 'either') return undefined;
  const result = parseAmount(text, { decimalComma: evidence === 'comma' });
  return result.ok ? result.minor : undefined;
}
