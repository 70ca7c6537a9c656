/**
 * References that are nearly an invoice number: a typing slip (one character wrong, missing,
 * extra, or two neighbours swapped), an OCR confusion (O/0, I/1, S/5, B/8), or a truncation
 * (the payer kept only the first or last characters). These only ever propose neighbours;
 * whether one may be applied is the pass's decision (unique, and the amount agrees).
 */
import { compact, sortedPrefixes } from './reference.js';

const OCR: Record<string, string> = { O: '0', I: '1', S: '5', B: '8' };

/** Letters OCR reads for digits, folded to the digit: `1O4233` and `104233` are one key. */
export function foldOcr(key: string): string {
  return key.replace(/[OISB]/g, (letter) => OCR[letter] ?? letter);
}

/**
 * The key slips are judged on: compacted, a known prefix dropped (also when OCR turned the
 * digit after it into a letter), OCR letters folded, leading zeros of a numeric key dropped.
 */
export function slipKey(reference: string, prefixes: readonly string[]): string {
  let key = compact(reference);
  for (const prefix of sortedPrefixes(prefixes)) {
    if (key.length > prefix.length && key.startsWith(prefix) && /\d/.test(foldOcr(key[prefix.length] ?? ''))) {
      key = key.slice(prefix.length);
      break;
    }
  }
  key = foldOcr(key);
  return /^\d+$/.test(key) ? key.replace(/^0+(?=\d)/, '') : key;
}

/**
 * Every key one edit away (deletion, insertion, substitution, adjacent transposition), and
 * the key itself (an OCR-only difference), each passed to `visit` (some more than once).
 * `alphabet` is the characters invoice keys use (letters and digits: one code unit each).
 */
export function forEachOneEdit(key: string, alphabet: string, visit: (variant: string) => void): void {
  const emit = (variant: string): void => {
    visit(variant);
    // A numeric variant with a leading zero is the same number without it.
    if (variant.charCodeAt(0) === 48 && /^0+\d+$/.test(variant)) visit(variant.replace(/^0+(?=\d)/, ''));
  };
  emit(key);
  for (let i = 0; i < key.length; i += 1) {
    const head = key.slice(0, i);
    const tail = key.slice(i + 1);
    emit(head + tail);
    if (i + 1 < key.length && key[i] !== key[i + 1]) emit(head + key[i + 1] + key[i] + key.slice(i + 2));
    for (let a = 0; a < alphabet.length; a += 1) if (alphabet[a] !== key[i]) emit(head + alphabet[a] + tail);
  }
  for (let i = 0; i <= key.length; i += 1) {
    const head = key.slice(0, i);
    const tail = key.slice(i);
    for (let a = 0; a < alphabet.length; a += 1) emit(head + alphabet[a] + tail);
  }
}

/** Are two keys at most one edit apart (deletion, insertion, substitution, adjacent transposition)? */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The keys one edit away, as a set (see forEachOneEdit). */
export function oneEditVariants(key: string, alphabet: string): Set<string> {
  const out = new Set<string>();
  forEachOneEdit(key, alphabet, (variant) => out.add(variant));
  return out;
}

/** What separates a written reference from an invoice number, in words for the explanation. */
export function describeSlip(written: string, invoiceNumber: string, prefixes: readonly string[]): string {
  const a = compactWithoutPrefix(written, prefixes);
  const b = compactWithoutPrefix(invoiceNumber, prefixes);
  if (a !== b && foldOcr(a) === foldOcr(b)) return 'an OCR confusion (O/0, I/1, S/5, B/8)';
  const x = foldOcr(a).replace(/^0+(?=\d)/, '');
  const y = foldOcr(b).replace(/^0+(?=\d)/, '');
  const ocr = foldOcr(a) !== a ? ' after OCR letters read as digits' : '';
  if (x.length === y.length) {
    const diffs = [...x].map((c, i) => (c === y[i] ? -1 : i)).filter((i) => i >= 0);
    if (diffs.length === 2 && diffs[1] === diffs[0]! + 1) return `two neighbouring characters swapped${ocr}`;
    return `one character different${ocr}`;
  }
  return x.length < y.length ? `one character missing${ocr}` : `one character extra${ocr}`;
}

function compactWithoutPrefix(text: string, prefixes: readonly string[]): string {
  const key = compact(text);
  for (const prefix of sortedPrefixes(prefixes)) {
    if (key.length > prefix.length && key.startsWith(prefix) && /\d/.test(foldOcr(key[prefix.length] ?? ''))) return key.slice(prefix.length);
  }
  return key;
}
