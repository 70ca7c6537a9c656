/**
 * The references a bank entry carries, compared with a remittance's payment reference: the
 * customer reference (camt EndToEndId, BAI2 customer reference, MT940 owner reference), the
 * ACH trace and the 820 TRN02 in the addenda, a cheque number, words of the remittance text.
 * Compared without case or punctuation, numbers without leading zeros (`006755200` is
 * `6755200`); short ones (under 4 characters) say too little to count.
 */
import type { BankEntryFacts } from '../domain/bank.js';

export function refKey(ref: string): string | undefined {
  let key = ref.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (/^\d+$/.test(key)) key = key.replace(/^0+/, '');
  return key.length >= 4 ? key : undefined;
}

/** Every reference key of an entry: its reference fields, and the longer words of its remittance text. */
export function entryRefKeys(entry: Pick<BankEntryFacts, 'refs' | 'remittanceText'>): Set<string> {
  const keys = new Set<string>();
  for (const ref of entry.refs) {
    const key = refKey(ref);
    if (key) keys.add(key);
  }
  for (const line of entry.remittanceText ?? []) {
    for (const word of line.split(/[^A-Za-z0-9-]+/)) {
      if (word.length < 6) continue;
      const key = refKey(word);
      if (key) keys.add(key);
    }
  }
  return keys;
}
