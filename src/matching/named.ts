/**
 * The invoice numbers a payer's lines may name, for reading the closed invoices among them
 * by their key: the matcher is given the payer's open invoices and only those closed ones,
 * never every invoice of history. A line that names a paid invoice as written (`INV-104233`),
 * or by its digits with a known prefix left off or written differently (`104233`,
 * `inv 104233`, `0104233`), is still told that invoice is not open and is not moved onto
 * another. Slips, truncations, POs and learned habits are judged against the open set only.
 */
import { normaliseReference, sortedPrefixes } from './reference.js';
import type { LineToMatch } from './types.js';

/** How invoice numbers are commonly written around a prefix: INV-104233, INV104233, INV 104233. */
const SEPARATORS = ['-', '', ' '];

export function namedNumbers(lines: readonly LineToMatch[], invoicePrefixes: readonly string[]): string[] {
  const named = new Set<string>();
  const prefixes = sortedPrefixes(invoicePrefixes);
  for (const line of lines) {
    const reference = line.reference.trim();
    if (!reference || line.referenceKind === 'po') continue;
    named.add(reference);
    const key = normaliseReference(reference, invoicePrefixes);
    if (!key) continue;
    named.add(key);
    for (const prefix of prefixes) for (const separator of SEPARATORS) named.add(`${prefix}${separator}${key}`);
  }
  return [...named];
}
