/**
 * Items by a key, for the invoice book's indexes. Most keys (an invoice number, a PO) name
 * one item, which is kept as it is rather than in an array of its own: at a year of data a
 * payer's book holds tens of thousands of invoices in several indexes, and an array per key
 * per index is most of what the garbage collector would otherwise have to copy and trace.
 */
export class Lookup<K, V extends object> {
  private readonly map = new Map<K, V | V[]>();

  /** Index `item` under `key`; an empty key indexes nothing. */
  add(key: K, item: V): void {
    if (key === '') return;
    const found = this.map.get(key);
    if (found === undefined) this.map.set(key, item);
    else if (Array.isArray(found)) found.push(item);
    else this.map.set(key, [found, item]);
  }

  /** The items under `key`, in the order they were added. */
  get(key: K): readonly V[] {
    const found = this.map.get(key);
    if (found === undefined) return NONE;
    return Array.isArray(found) ? found : [found];
  }

  has(key: K): boolean {
    return this.map.has(key);
  }
}

const NONE: readonly never[] = Object.freeze([]);
