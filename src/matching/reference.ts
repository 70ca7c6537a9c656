/**
 * Reference normalisation: the same invoice number as payers write it differently
 * (`inv-101234`, `INV 101234`, `#101234`, `0000101234`, `101234`) becomes one key.
 */

/** Upper case, letters and digits only. */
export function compact(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The key two references share when they name the same document: compacted, a known
 * prefix dropped when digits follow it, leading zeros of a numeric rest dropped.
 */
export function normaliseReference(reference: string, prefixes: readonly string[]): string {
  let key = compact(reference);
  for (const prefix of sortedPrefixes(prefixes)) {
    if (key.length > prefix.length && key.startsWith(prefix) && /\d/.test(key[prefix.length] ?? '')) {
      key = key.slice(prefix.length);
      break;
    }
  }
  if (/^\d+$/.test(key)) key = key.replace(/^0+(?=\d)/, '');
  return key;
}

/** The key for PO numbers: compacted, leading zeros of an all-digit PO dropped. */
export function normalisePo(po: string): string {
  const key = compact(po);
  return /^\d+$/.test(key) ? key.replace(/^0+(?=\d)/, '') : key;
}

/**
 * The reference with only a known prefix dropped: compacted, leading zeros kept. Truncation
 * is judged on this form, since a payer that keeps the last digits keeps them as written.
 */
export function referenceBase(reference: string, prefixes: readonly string[]): string {
  const key = compact(reference);
  for (const prefix of sortedPrefixes(prefixes)) {
    if (key.length > prefix.length && key.startsWith(prefix) && /\d/.test(key[prefix.length] ?? '')) return key.slice(prefix.length);
  }
  return key;
}

/**
 * Does the line name a document? A reference with at least three digits, or a PO. Lines
 * that do not (`PAYMENT`, `ACH CREDIT`, empty) may be found by amount alone; lines that name
 * something we do not know are never moved onto an invoice by amount without a person.
 */
export function namesDocument(reference: string, po?: string): boolean {
  return (compact(reference).match(/\d/g)?.length ?? 0) >= 3 || (po !== undefined && compact(po) !== '');
}

const prefixCache = new WeakMap<readonly string[], string[]>();

/** The prefixes compacted, longest first (cached per settings list). */
export function sortedPrefixes(prefixes: readonly string[]): string[] {
  let sorted = prefixCache.get(prefixes);
  if (!sorted) {
    sorted = [...new Set(prefixes.map(compact))].filter(Boolean).sort((a, b) => b.length - a.length);
    prefixCache.set(prefixes, sorted);
  }
  return sorted;
}
