/**
 * The payer's invoices as one matching run sees them: working copies whose remaining amount
 * falls as lines are applied, and the lookups the passes use. Only the exact-number index is
 * built up front; every other lookup (written differently, PO, near references, truncations,
 * amounts, ids) is built on first use, so a run where every line has an exact reference pays
 * for one index. A run at a year of data keeps tens of thousands of invoices per payer in
 * here: one plain object per invoice and as few arrays as the lookups allow.
 */
import { addDays, daysBetween } from '../core/dates.js';
import type { Minor } from '../core/money.js';
import { learnedLookup, zerosKey } from './learn.js';
import { forEachOneEdit, slipKey } from './near.js';
import { compact, normalisePo, normaliseReference, referenceBase } from './reference.js';
import type { Settings } from './settings.js';
import type { InvoiceCandidate, LearnedRule, LineToMatch } from './types.js';
import { Lookup } from './lookup.js';

/** An invoice during a run: `startMinor` is what was open before this run applied anything. */
export interface Working extends InvoiceCandidate {
  readonly startMinor: Minor;
  /** Some line of this run was applied to it. */
  touched: boolean;
  /** Its number's slip key, once asked for (see slipKeyOf). */
  nearKey: string | undefined;
}

export type Window = 'inside' | 'outside' | 'unknown';

/** Near references shorter than this are not judged: too many numbers are that close. */
const MIN_NEAR_LENGTH = 4;

export class InvoiceBook {
  readonly all: Working[];
  private readonly exactIndex = new Lookup<string, Working>();
  private normalisedIndex?: Lookup<string, Working>;
  private poIndex?: Lookup<string, Working>;
  /** Sorted by id, for `get`: an array rather than a map of every invoice. */
  private byId?: Working[];
  private slip?: { map: Lookup<string, Working>; alphabet: string };
  private readonly heads = new Map<number, Lookup<string, Working>>();
  private readonly tails = new Map<number, Lookup<string, Working>>();
  private compactMap?: Lookup<string, Working>;
  private zerosMap?: Lookup<string, Working>;
  private amountMap?: Map<Minor, Working[]>;
  private bucketMap?: { width: number; map: Map<number, Working[]> };
  private bases?: string[];
  private readonly openCache = new Map<string, { dated: Working[]; undated: Working[] }>();
  private readonly slipMemo = new Map<string, Working[]>();

  constructor(
    invoices: readonly InvoiceCandidate[],
    private readonly settings: Settings,
  ) {
    this.all = new Array<Working>(invoices.length);
    for (let k = 0; k < invoices.length; k += 1) {
      const invoice = workingCopy(invoices[k]!);
      this.all[k] = invoice;
      this.exactIndex.add(invoice.number.trim(), invoice);
    }
  }

  /** Invoices whose number is exactly the (trimmed) reference. */
  byNumber(reference: string): readonly Working[] {
    return this.exactIndex.get(reference);
  }

  /** Invoices whose number has this normalised key (see normaliseReference). */
  byNormalised(key: string): readonly Working[] {
    if (!this.normalisedIndex) {
      this.normalisedIndex = new Lookup();
      for (const invoice of this.all) this.normalisedIndex.add(normaliseReference(invoice.number, this.settings.invoicePrefixes), invoice);
    }
    return this.normalisedIndex.get(key);
  }

  /** Invoices whose PO has this key (see normalisePo). */
  byPo(key: string): readonly Working[] {
    if (!this.poIndex) {
      this.poIndex = new Lookup();
      // An empty key (a PO of punctuation only) indexes nothing.
      for (const invoice of this.all) if (invoice.po) this.poIndex.add(normalisePo(invoice.po), invoice);
    }
    return this.poIndex.get(key);
  }

  get(id: number): Working | undefined {
    // Stable sort: of invoices sharing an id, the last given wins, as it would in a map.
    this.byId ??= [...this.all].sort((a, b) => a.id - b.id);
    let lo = 0;
    let hi = this.byId.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.byId[mid]!.id <= id) lo = mid + 1;
      else hi = mid;
    }
    const found = this.byId[lo - 1];
    return found?.id === id ? found : undefined;
  }

  /** Apply an amount to an invoice: what stays open falls by it. */
  relieve(invoice: Working, amount: Minor): void {
    if (amount === 0) return;
    const buckets = this.bucketMap;
    if (this.amountMap) remove(this.amountMap, invoice.remainingMinor, invoice);
    if (buckets) remove(buckets.map, Math.floor(invoice.remainingMinor / buckets.width), invoice);
    invoice.remainingMinor -= amount;
    invoice.touched = true;
    if (this.openCache.size > 0) this.openCache.clear();
    if (this.amountMap) addAmount(this.amountMap, invoice.remainingMinor, invoice);
    if (buckets) addAmount(buckets.map, Math.floor(invoice.remainingMinor / buckets.width), invoice);
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
        for (const invoice of map.get(variant)) out.add(invoice);
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
    for (const invoice of this.truncationMap(this.heads, base.length, 'head').get(base)) out.push({ invoice, kept: 'first' });
    for (const invoice of this.truncationMap(this.tails, base.length, 'tail').get(base)) {
      if (!out.some((fit) => fit.invoice === invoice)) out.push({ invoice, kept: 'last' });
    }
    return out;
  }

  byCompact(key: string): readonly Working[] {
    if (!this.compactMap) {
      this.compactMap = new Lookup();
      for (const invoice of this.all) this.compactMap.add(compact(invoice.number), invoice);
    }
    return this.compactMap.get(key);
  }

  byZeros(key: string): readonly Working[] {
    if (!this.zerosMap) {
      this.zerosMap = new Lookup();
      for (const invoice of this.all) this.zerosMap.add(zerosKey(invoice.number), invoice);
    }
    return this.zerosMap.get(key);
  }

  /** The invoices a learned habit reads the reference as (none for a reason mapping). */
  byRule(rule: LearnedRule, reference: string): readonly Working[] {
    const lookup = learnedLookup(rule, reference);
    if (!lookup) return [];
    if (lookup.index === 'compact') return this.byCompact(lookup.key);
    if (lookup.index === 'zeros') return this.byZeros(lookup.key);
    return this.byPo(lookup.key);
  }

  /**
   * Invoices whose remaining amount is exactly `amount` now. Settled invoices (nothing
   * remaining) are not indexed: no caller asks for 0, and after the reference passes most of
   * a payer's invoices are settled.
   */
  byAmount(amount: Minor): Working[] {
    if (!this.amountMap) {
      this.amountMap = new Map();
      for (const invoice of this.all) addAmount(this.amountMap, invoice.remainingMinor, invoice);
    }
    return this.amountMap.get(amount) ?? [];
  }

  /**
   * The open invoices with something left to pay, in one currency, that were dated within
   * the window before `paymentDate` (all dated ones when there is no payment date), and
   * those with no date. Sorted once per state, so each line only slices it.
   */
  openInWindow(currency: string, paymentDate: string | undefined): { dated: Working[]; undated: Working[] } {
    const open = this.openSorted(currency);
    if (!paymentDate) return open;
    const { from, to } = this.windowBounds(open.dated, paymentDate);
    return { dated: open.dated.slice(from, to), undated: open.undated };
  }

  /** How many invoices openInWindow would return, without copying them. */
  openInWindowCount(currency: string, paymentDate: string | undefined): number {
    const open = this.openSorted(currency);
    if (!paymentDate) return open.dated.length + open.undated.length;
    const { from, to } = this.windowBounds(open.dated, paymentDate);
    return to - from + open.undated.length;
  }

  /** Invoices with something remaining that is within the write-off tolerance of `amount` now. */
  byAmountNear(amount: Minor): Working[] {
    const tolerance = this.settings.writeOffToleranceMinor;
    if (tolerance === 0) return this.byAmount(amount);
    if (!this.bucketMap) {
      this.bucketMap = { width: tolerance + 1, map: new Map() };
      for (const invoice of this.all) addAmount(this.bucketMap.map, Math.floor(invoice.remainingMinor / this.bucketMap.width), invoice);
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
    invoice.nearKey ??= slipKey(invoice.number, this.settings.invoicePrefixes);
    return invoice.nearKey;
  }

  /** Is the invoice dated within the date window before the line's payment date? */
  window(line: LineToMatch, invoice: InvoiceCandidate): Window {
    if (!line.paymentDate || !invoice.invoiceDate) return 'unknown';
    const days = daysBetween(invoice.invoiceDate, line.paymentDate);
    return days >= 0 && days <= this.settings.dateWindowDays ? 'inside' : 'outside';
  }

  private openSorted(currency: string): { dated: Working[]; undated: Working[] } {
    let open = this.openCache.get(currency);
    if (!open) {
      const all = this.all.filter((invoice) => available(invoice, currency) && invoice.remainingMinor > 0);
      const dated = all.filter((invoice) => invoice.invoiceDate).sort((a, b) => (a.invoiceDate! < b.invoiceDate! ? -1 : a.invoiceDate! > b.invoiceDate! ? 1 : a.id - b.id));
      open = { dated, undated: all.filter((invoice) => !invoice.invoiceDate) };
      this.openCache.set(currency, open);
    }
    return open;
  }

  private windowBounds(dated: Working[], paymentDate: string): { from: number; to: number } {
    return { from: firstAtOrAfter(dated, addDays(paymentDate, -this.settings.dateWindowDays)), to: firstAtOrAfter(dated, addDays(paymentDate, 1)) };
  }

  private slipIndex(): { map: Lookup<string, Working>; alphabet: string } {
    if (!this.slip) {
      const map = new Lookup<string, Working>();
      const chars = new Set<string>();
      for (const invoice of this.all) {
        const key = this.slipKeyOf(invoice);
        map.add(key, invoice);
        // Keys are letters and digits only (compacted), so a character is a code unit.
        for (let k = 0; k < key.length; k += 1) chars.add(key.charAt(k));
      }
      this.slip = { map, alphabet: [...chars].sort().join('') };
    }
    return this.slip;
  }

  private truncationMap(cache: Map<number, Lookup<string, Working>>, length: number, end: 'head' | 'tail'): Lookup<string, Working> {
    let map = cache.get(length);
    if (!map) {
      map = new Lookup();
      this.bases ??= this.all.map((invoice) => numberCore(referenceBase(invoice.number, this.settings.invoicePrefixes)));
      this.all.forEach((invoice, k) => {
        const base = this.bases![k]!;
        if (base.length > length) map!.add(end === 'head' ? base.slice(0, length) : base.slice(base.length - length), invoice);
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

/** A copy the run may change; every field written out, so all copies share one shape. */
function workingCopy(invoice: InvoiceCandidate): Working {
  return {
    id: invoice.id,
    number: invoice.number,
    po: invoice.po,
    currency: invoice.currency,
    originalMinor: invoice.originalMinor,
    remainingMinor: invoice.remainingMinor,
    open: invoice.open,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    discountPercent: invoice.discountPercent,
    discountDays: invoice.discountDays,
    startMinor: invoice.remainingMinor,
    touched: false,
    nearKey: undefined,
  };
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

/** Index an invoice by its remaining amount (or that amount's bucket), unless it is settled. */
function addAmount(map: Map<number, Working[]>, key: number, invoice: Working): void {
  if (invoice.remainingMinor === 0) return;
  const list = map.get(key);
  if (list) list.push(invoice);
  else map.set(key, [invoice]);
}

function remove(map: Map<number, Working[]>, key: number, invoice: Working): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(invoice);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}
