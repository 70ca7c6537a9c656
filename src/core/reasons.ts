/**
 * Deduction reason codes. Every payer writes reasons its own way (X12 426 codes, `SH`,
 * "Shortage Claim", "Late Shipment Penalty"); remit keeps the payer's text and maps it to
 * one of a short list of codes that the GL mapping and reports use.
 */
export const REASON_CODES = ['shortage', 'damaged', 'pricing', 'co-op', 'late-delivery', 'returns', 'freight', 'unearned-discount', 'discount', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * A cash (early-payment, terms) discount: not money the payer kept but the discount the
 * terms allow. A reader records it as the line's discount (which the matcher settles and
 * the journal posts to discounts allowed), never as a deduction.
 */
export const DISCOUNT: ReasonCode = 'discount';

/** Wording that says an adjustment is a cash discount: "2% 10", "2/10 net 30", Skonto, escompte, pronto pago. */
const DISCOUNT_WORDS: RegExp[] = [
  /\b(early|prompt|quick)[\s-]*pay(ment)?\b.*\bdisc/i,
  /\bdisc(ount)?\b.*\b(early|prompt)[\s-]*pay/i,
  /\b(cash|terms?|settlement|payment|pmt|pymt|prompt)\.?\s+disc(ount|t)?\b/i,
  /^\s*(cash\s+)?disc(ount|t)?\.?(\s+(taken|earned|amount|amt|allowed))?\s*$/i,
  /\b\d{1,2}(?:[.,]\d+)?\s*%\s*\/?\s*\d{1,3}\s*(days?\b|d\b|net\b|n\b|$)/i,
  /\b\d{1,2}\s*\/\s*\d{1,3}\s*,?\s*(net|n)\s*\/?\s*\d{1,3}\b/i,
  /skonto|barzahlungsrabatt/i,
  /escompte/i,
  /\bremise\b(?!\s+(commerciale|de\s+quantit|promo|sur\s+volume))/i,
  /pronto\s+pago|descuento\s+financiero/i,
];

/** Wording of a discount the payer was not entitled to: a claim of ours, not a discount. */
const UNEARNED = /unearned|disallow|not\s+earned|non[\s-]*earned|revers|unauthori[sz]ed|lost\s+disc/i;

/** Does the payer's reason text say this adjustment is a cash discount? */
export function isCashDiscountWording(raw: string): boolean {
  const text = raw.trim();
  if (text === '' || UNEARNED.test(text)) return false;
  // "Damage allowance 5% 30 days" is a deduction that quotes terms, not a discount.
  if (KEYWORDS.some(([pattern]) => pattern.test(text))) return false;
  return DISCOUNT_WORDS.some((pattern) => pattern.test(text));
}

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

/** Words of deduction reasons in English, German, French and Spanish. */
const KEYWORDS: Array<[RegExp, ReasonCode]> = [
  [/short|fehlmenge|mindermenge|manquant|faltante/i, 'shortage'],
  [/damag|defect|besch[äa]dig|bruch|avari|endommag|casse|da[ñn]ad|aver[íi]a|rotura/i, 'damaged'],
  [/pric|preis|prix|precio/i, 'pricing'],
  [/co-?op|advertis|promo|marketing|werbekosten|\bwkz\b|publicit|coop[ée]ration|cooperaci[óo]n/i, 'co-op'],
  [/late|penalt|compliance|otif|versp[äa]t|p[öo]nale|vertragsstrafe|retard|p[ée]nalit|retraso|penalizaci/i, 'late-delivery'],
  [/return|retoure|r[üu]cksend|retour|devoluci/i, 'returns'],
  [/freight|shipping|fracht|\bfret\b|\bflete\b/i, 'freight'],
  [/unearned|disallowed\s+(cash\s+)?disc|disc\w*\s+(not\s+earned|disallowed)/i, 'unearned-discount'],
];

/**
 * Map a payer's reason (code or words) to a reason code. The payer's own mapping from
 * remit.yaml wins; then the standard code tables; then cash-discount wording (`discount`);
 * then words; else `other`.
 */
export function reasonCodeFor(raw: string, payerMap: Record<string, string> = {}, scheme: 'x12' | 'text' = 'text'): string {
  const text = raw.trim();
  if (text === '') return 'other';
  const mapped = payerMap[text] ?? payerMap[text.toUpperCase()] ?? payerMap[text.toLowerCase()];
  if (mapped) return mapped;
  if (scheme === 'x12' && X12_426[text]) return X12_426[text];
  const short = SHORT_CODES[text.toUpperCase()];
  if (short) return short;
  if (isCashDiscountWording(text)) return DISCOUNT;
  for (const [pattern, code] of KEYWORDS) if (pattern.test(text)) return code;
  if (X12_426[text]) return X12_426[text];
  return 'other';
}
