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
  const sorted = [...new Set(prefixes.map(compact))].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const prefix of sorted) {
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
