/**
 * Who a bank entry is from, by the debtor's name or account: a bank writes `WAL-MART
 * STORES` or `Amazon.com Services LLC SEATTLE US` for a payer the ERP calls `Walmart Inc.`
 * or `AMZ`. Names are compared without case, punctuation or legal suffixes, and a debtor
 * name that starts with a known name (a bank adds the city) counts; a name two payers share
 * tells nothing.
 */
import type { EntryToReconcile, PayerNames } from './types.js';

const SUFFIXES = new Set(['INC', 'INCORPORATED', 'LLC', 'LTD', 'CORP', 'CORPORATION', 'CO', 'COMPANY', 'LP', 'PLC', 'THE', 'NA']);

/** A name as compared: upper case, letters and digits, legal suffixes dropped. */
export function nameKey(name: string): string {
  const words = name.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim().split(' ').filter((w) => w !== '');
  return words.filter((w, i) => !(SUFFIXES.has(w) && i > 0)).join(' ');
}

export class PayerFinder {
  private readonly byName = new Map<string, Set<string>>();
  private readonly byAccount = new Map<string, Set<string>>();

  constructor(payers: readonly PayerNames[]) {
    for (const p of payers) {
      for (const name of [p.payer, ...p.names]) {
        const key = nameKey(name);
        if (key.length >= 3) add(this.byName, key, p.payer);
      }
      for (const account of p.accounts) add(this.byAccount, account, p.payer);
    }
  }

  /** The one payer the entry's debtor is, with how that was found; undefined when none or several fit. */
  find(entry: EntryToReconcile): { payer: string; how: string } | { ambiguous: string[] } | undefined {
    const byName = this.byDebtorName(entry);
    if (byName && 'payer' in byName) return byName;
    // An account that paid one payer before tells who sent a credit whose name does not.
    for (const account of [entry.debtorAccount, entry.debtorId]) {
      const payers = account ? this.byAccount.get(account) : undefined;
      if (payers?.size === 1) return { payer: [...payers][0]!, how: `debtor account ${account} paid this payer before` };
    }
    return byName;
  }

  private byDebtorName(entry: EntryToReconcile): { payer: string; how: string } | { ambiguous: string[] } | undefined {
    if (!entry.debtorName) return undefined;
    const key = nameKey(entry.debtorName);
    const found = new Set<string>();
    for (const [name, payers] of this.byName) {
      if (key === name || key.startsWith(`${name} `)) for (const p of payers) found.add(p);
    }
    if (found.size === 1) return { payer: [...found][0]!, how: `debtor "${entry.debtorName}" is a name of this payer` };
    if (found.size > 1) return { ambiguous: [...found].sort() };
    return undefined;
  }
}

function add(map: Map<string, Set<string>>, key: string, payer: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(payer);
}
