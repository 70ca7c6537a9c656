/**
 * Which decimal mark a document's amounts use, from the amounts themselves: when every
 * paid amount reads only with the other mark (`1.234,56`, `234,56` cannot be dot-decimal),
 * that mark is the only reading, whatever the import was told. When both marks read every
 * amount, the configured one stands: the evidence cannot decide, and remit never guesses.
 */
import { parseAmount } from '../../core/money.js';

export interface DecimalDecision {
  decimalComma: boolean;
  /** An amount that showed the configured mark cannot be right, for the warning. */
  evidence?: string;
}

export function decideDecimalMark(amounts: readonly string[], configuredComma: boolean): DecimalDecision {
  const written = amounts.map((text) => text.trim()).filter((text) => text !== '');
  if (written.length === 0) return { decimalComma: configuredComma };
  const readsWith = (comma: boolean) => written.every((text) => parseAmount(text, { decimalComma: comma }).ok);
  if (readsWith(configuredComma) || !readsWith(!configuredComma)) return { decimalComma: configuredComma };
  const evidence = written.find((text) => !parseAmount(text, { decimalComma: configuredComma }).ok);
  return { decimalComma: !configuredComma, ...(evidence !== undefined ? { evidence } : {}) };
}
