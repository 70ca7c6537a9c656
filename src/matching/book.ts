/**
 * The payer's invoices as one matching run sees them: working copies whose remaining amount
 * falls as lines are applied, and the lookups the passes use. Lookups the strong passes do
 * not need (near references, truncations, amounts) are built on first use, so a run where
 * every line has an exact reference pays only for the exact indexes.
 */
import { addDays, daysBetween } from '../core/dates.js';
import type { Minor } from '../core/money.js';
import { learnedLookup, zerosKey } from './learn.js';
import { forEachOneEdit, slipKey } from './near.js';
import { compact, normalisePo, normaliseReference, referenceBase } from './reference.js';
import type { Settings } from './settings.js';
import type { InvoiceCandidate, LearnedRule, LineToMatch } from './types.js';

/** An invoice during a run: `startMinor` is what was open before this run applied anything. */
export interface Working extends InvoiceCandidate {
  readonly startMinor: Minor;
  /** Some line of this run was applied to it. */
  touched: boolean;
}

export type Window = 'inside' | 'outside' | 'unknown';

/** Near references shorter than this are not judged: too many numbers are that close. */
const MIN_NEAR_LENGTH = 4;

export class InvoiceBook {
  readonly all: Working[];
  readonly exact = new Map<string, Working[]>();
  readonly normalised = new Map<string, Working[]>();
  readonly po = new Map<string, Working[]>();
  private readonly byId = new Map<number, Working>();
  private slip?: { map: Map<string, Working[]>; alphabet: string };
  private readonly heads = new Map<number, Map<string, Working[]>>();
  private readonly tails = new Map<number, Map<string, Working[]>>();
  private compactMap?: Map<string, Working[]>;
  private zerosMap?: Map<string, Working[]>;
  private amountMap?: Map<Minor, Working[]>;
  private bucketMap?: { width: number; map: Map<number, Working[]> };
  private bases?: string[];
  private readonly openCache = new Map<string, { dated: Working[]; undated: Working[] }>();
  private readonly slipMemo = new Map<string, Working[]>();
  private readonly slipKeys = new Map<Working, string>();

  constructor(
    invoices: readonly InvoiceCandidate[],
    private readonly settings: Settings,
  ) {
    this.all = invoices.map((invoice) => ({ ...invoice, startMinor: invoice.remainingMinor, touched: false }));
    for (const invoice of this.all) {
      this.byId.set(invoice.id, invoice);
      add(this.exact, invoice.number.trim(), invoice);
      add(this.normalised, normaliseReference(invoice.number, settings.invoicePrefixes), invoice);
      if (invoice.po && compact(invoice.po)) add(this.po, normalisePo(invoice.po), invoice);
    }
  }

  get(id: number): Working | undefined {
    return this.byId.get(id);
  }

  /** Apply an amount to an invoice: what stays open falls by it. */
  relieve(invoice: Working, amount: Minor): void {
    if (amount === 0) return;
    const buckets = this.bucketMap;
    if (this.amountMap) remove(this.amountMap, invoice.remainingMinor, invoice);
    if (buckets) remove(buckets.map, Math.floor(invoice.remainingMinor / buckets.width), invoice);
    invoice.remainingMinor -= amount;
    invoice.touched = true;
    this.openCache.clear();
    if (this.amountMap) add(this.amountMap, invoice.remainingMinor, invoice);
    if (buckets) add(buckets.map, Math.floor(invoice.remainingMinor / buckets.width), invoice);
  }

  /**
   * Invoices (open or not, any currency) whose number is within one slip of the reference.
   * About numbers only, not amounts, so one answer per reference serves the whole run.
   */
  slipNeighbours(reference: string): Working[] {
    let found = this.slipMemo.get(reference);
    if (found) return found;
    found = [];
    const key = slipKey(reference, this.settings.invoicePrefixes);
    if (key.length >= MIN_NEAR_LENGTH) {
      const { map, alphabet } = this.slipIndex();
      const out = new Set<Working>();
      forEachOneEdit(key, alphabet, (variant) => {
        const hits = map.get(variant);
        if (hits) for (const invoice of hits) out.add(invoice);
      });
      found = [...out];
    }
    this.slipMemo.set(reference, found);
    return found;
  }

  /**
   * Invoices whose number begins or ends with the reference (at least four characters),
   * judged on the numbers without letters in front (`KT36416` kept as `3641`).
   */
  truncationFits(reference: string): Array<{ invoice: Working; kept: 'first' | 'last' }> {
    const base = numberCore(referenceBase(reference, this.settings.invoicePrefixes));
    if (base.length < MIN_NEAR_LENGTH) return [];
    const out: Array<{ invoice: Working; kept: 'first' | 'last' }> = [];
    for (const invoice of this.truncationMap(this.heads, base.length, 'head').get(base) ?? []) out.push({ invoice, kept: 'first' });
    for (const invoice of this.truncationMap(this.tails, base.length, 'tail').get(base) ?? []) {
      if (!out.some((fit) => fit.invoice === invoice)) out.push({ invoice, kept: 'last' });
    }
    return out;
  }

  byCompact(key: string): Working[] {
    if (!this.compactMap) {
      this.compactMap = new Map();
      for (const invoice of this.all) add(this.compactMap, compact(invoice.number), invoice);
    }
    return this.compactMap.get(key) ?? [];
  }

  byZeros(key: string): Working[] {
    if (!this.zerosMap) {
      this.zerosMap = new Map();
      for (const invoice of this.all) add(this.zerosMap, zerosKey(invoice.number), invoice);
    }
    return this.zerosMap.get(key) ?? [];
  }

  /** The invoices a learned habit reads the reference as (none for a reason mapping). */
  byRule(rule: LearnedRule, reference: string): Working[] {
    const lookup = learnedLookup(rule, reference);
    if (!lookup) return [];
    if (lookup.index === 'compact') return this.byCompact(lookup.key);
    if (lookup.index === 'zeros') return this.byZeros(lookup.key);
    return this.po.get(lookup.key) ?? [];
  }

  /** Invoices whose remaining amount is exactly `amount` now. */
  byAmount(amount: Minor): Working[] {
    if (!this.amountMap) {
      this.amountMap = new Map();
      for (const invoice of this.all) add(this.amountMap, invoice.remainingMinor, invoice);
    }
    return this.amountMap.get(amount) ?? [];
  }

  /**
   * The open invoices with something left to pay, in one currency, that were dated within
   * the window before `paymentDate` (all dated ones when there is no payment date), and
   * those with no date. Sorted once per state, so each line only slices it.
   */
  openInWindow(currency: string, paymentDate: string | undefined): { dated: Working[]; undated: Working[] } {
    let open = this.openCache.get(currency);
    if (!open) {
      const all = this.all.filter((invoice) => available(invoice, currency) && invoice.remainingMinor > 0);
      const dated = all.filter((invoice) => invoice.invoiceDate).sort((a, b) => (a.invoiceDate! < b.invoiceDate! ? -1 : a.invoiceDate! > b.invoiceDate! ? 1 : a.id - b.id));
      open = { dated, undated: all.filter((invoice) => !invoice.invoiceDate) };
      this.openCache.set(currency, open);
    }
    if (!paymentDate) return open;
    const from = firstAtOrAfter(open.dated, addDays(paymentDate, -this.settings.dateWindowDays));
    const to = firstAtOrAfter(open.dated, addDays(paymentDate, 1));
    return { dated: open.dated.slice(from, to), undated: open.undated };
  }

  /** Invoices whose remaining amount is within the write-off tolerance of `amount` now. */
  byAmountNear(amount: Minor): Working[] {
    const tolerance = this.settings.writeOffToleranceMinor;
    if (tolerance === 0) return this.byAmount(amount);
    if (!this.bucketMap) {
      this.bucketMap = { width: tolerance + 1, map: new Map() };
      for (const invoice of this.all) add(this.bucketMap.map, Math.floor(invoice.remainingMinor / this.bucketMap.width), invoice);
    }
    const { width, map } = this.bucketMap;
    const out: Working[] = [];
    for (let bucket = Math.floor((amount - tolerance) / width); bucket <= Math.floor((amount + tolerance) / width); bucket += 1) {
      for (const invoice of map.get(bucket) ?? []) if (Math.abs(invoice.remainingMinor - amount) <= tolerance) out.push(invoice);
    }
    return out;
  }

  /** The key an invoice's number is judged on for slips (see slipKey). */
  slipKeyOf(invoice: Working): string {
    let key = this.slipKeys.get(invoice);
    if (key === undefined) {
      key = slipKey(invoice.number, this.settings.invoicePrefixes);
      this.slipKeys.set(invoice, key);
    }
    return key;
  }

  /** Is the invoice dated within the date window before the line's payment date? */
  window(line: LineToMatch, invoice: InvoiceCandidate): Window {
    if (!line.paymentDate || !invoice.invoiceDate) return 'unknown';
    const days = daysBetween(invoice.invoiceDate, line.paymentDate);
    return days >= 0 && days <= this.settings.dateWindowDays ? 'inside' : 'outside';
  }

  private slipIndex(): { map: Map<string, Working[]>; alphabet: string } {
    if (!this.slip) {
      const map = new Map<string, Working[]>();
      const chars = new Set<string>();
      for (const invoice of this.all) {
        const key = this.slipKeyOf(invoice);
        add(map, key, invoice);
        for (const c of key) chars.add(c);
      }
      this.slip = { map, alphabet: [...chars].sort().join('') };
    }
    return this.slip;
  }

  private truncationMap(cache: Map<number, Map<string, Working[]>>, length: number, end: 'head' | 'tail'): Map<string, Working[]> {
    let map = cache.get(length);
    if (!map) {
      map = new Map();
      this.bases ??= this.all.map((invoice) => numberCore(referenceBase(invoice.number, this.settings.invoicePrefixes)));
      this.all.forEach((invoice, k) => {
        const base = this.bases![k]!;
        if (base.length > length) add(map!, end === 'head' ? base.slice(0, length) : base.slice(base.length - length), invoice);
      });
      cache.set(length, map);
    }
    return map;
  }
}

/** Open for this line: listed in the newest snapshot, something left, same currency. */
export function available(invoice: InvoiceCandidate, currency: string): boolean {
  return invoice.open && invoice.remainingMinor !== 0 && invoice.currency === currency;
}

/** The number from its first digit on: letters in front are a prefix, not digits kept. */
function numberCore(base: string): string {
  return base.replace(/^[^0-9]+(?=\d)/, '');
}

function firstAtOrAfter(sorted: Working[], date: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.invoiceDate! < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function add<K>(map: Map<K, Working[]>, key: K, invoice: Working): void {
  if (key === '') return;
  const list = map.get(key);
  if (list) list.push(invoice);
  else map.set(key, [invoice]);
}

function remove<K>(map: Map<K, Working[]>, key: K, invoice: Working): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(invoice);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}
