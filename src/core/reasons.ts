/**
 * Deduction reason codes. Every payer writes reasons its own way (X12 426 codes, `SH`,
 * "Shortage Claim", "Late Shipment Penalty"); remit keeps the payer's text and maps it to
 * one of a short list of codes that the GL mapping and reports use.
 */
export const REASON_CODES = ['shortage', 'damaged', 'pricing', 'co-op', 'late-delivery', 'returns', 'freight', 'unearned-discount', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** X12 element 426 (adjustment reason) codes seen on retail 820s. */
const X12_426: Record<string, ReasonCode> = {
  '01': 'pricing',
  '04': 'damaged',
  '06': 'shortage',
  '11': 'returns',
  '50': 'late-delivery',
  '56': 'co-op',
  '72': 'freight',
};

/** Short codes retailers print on remittance advice. */
const SHORT_CODES: Record<string, ReasonCode> = {
  SH: 'shortage',
  SC: 'shortage',
  DM: 'damaged',
  DA: 'damaged',
  PR: 'pricing',
  PC: 'pricing',
  CO: 'co-op',
  AD: 'co-op',
  LD: 'late-delivery',
  LT: 'late-delivery',
  RT: 'returns',
  FR: 'freight',
};

const KEYWORDS: Array<[RegExp, ReasonCode]> = [
  [/short/i, 'shortage'],
  [/damag|defect/i, 'damaged'],
  [/pric/i, 'pricing'],
  [/co-?op|advertis|promo|marketing/i, 'co-op'],
  [/late|penalt|compliance|otif/i, 'late-delivery'],
  [/return/i, 'returns'],
  [/freight|shipping/i, 'freight'],
];

/**
 * Map a payer's reason (code or words) to a reason code. The payer's own mapping from
 * remit.yaml wins; then the standard code tables; then words; else `other`.
 */
export function reasonCodeFor(raw: string, payerMap: Record<string, string> = {}, scheme: 'x12' | 'text' = 'text'): string {
  const text = raw.trim();
  if (text === '') return 'other';
  const mapped = payerMap[text] ?? payerMap[text.toUpperCase()] ?? payerMap[text.toLowerCase()];
  if (mapped) return mapped;
  if (scheme === 'x12' && X12_426[text]) return X12_426[text];
  const short = SHORT_CODES[text.toUpperCase()];
  if (short) return short;
  for (const [pattern, code] of KEYWORDS) if (pattern.test(text)) return code;
  if (X12_426[text]) return X12_426[text];
  return 'other';
}
