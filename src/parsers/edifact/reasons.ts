/**
 * AJT adjustment reasons (UN/EDIFACT 4465) -> remit reason codes. The numbers mean other
 * things than X12 426 codes (4465 "11" is bank charges, X12 "11" is returns), so numeric
 * codes are only looked up here; a payer's own mapping from remit.yaml still wins.
 */
import { reasonCodeFor } from '../../core/reasons.js';

const CODES_4465: Record<string, string> = {
  '2': 'damaged', // below specification goods
  '3': 'damaged', // damaged goods
  '4': 'shortage', // short delivery
  '5': 'pricing', // price query
  '15': 'returns', // goods returned to agent
  '16': 'returns', // goods partly returned
  '17': 'damaged', // transport damage
  '20': 'late-delivery', // deduction for late delivery
  '21': 'co-op', // advertising costs
};

/** Our reason code for an AJT01 code. */
export function reasonCodeFor4465(raw: string, payerMap: Record<string, string>): string {
  const text = raw.trim();
  const own = payerMap[text] ?? payerMap[text.toUpperCase()] ?? payerMap[text.toLowerCase()];
  if (own) return own;
  if (/^\d+$/.test(text)) return CODES_4465[String(Number(text))] ?? 'other';
  // Mutually agreed (ZZZ-style) codes and words: the shared table of short codes and keywords.
  return reasonCodeFor(text, payerMap, 'text');
}
