/** `remit report`: the ledger's listings, a page at a time, and how many rows each has. */
import type { ListingKind, Listings } from '../ledger/index.js';
import { companyOf, type PipelineContext } from './context.js';

export const LISTING_KINDS: readonly ListingKind[] = ['applications', 'exceptions', 'deductions', 'documents', 'batches'];

export interface Listing<K extends ListingKind> {
  /** The rows, oldest first, at most `limit` (0: all), page by page. */
  pages: AsyncIterable<ReadonlyArray<Listings[K]>>;
  /** After the pages are read: were rows left out by the limit, and how many rows in all. */
  rest(): Promise<{ more: boolean; total: number }>;
}

/** A listing for the company named (or every company), cut at `limit` rows when it is not 0. */
export function listing<K extends ListingKind>(ctx: PipelineContext, kind: K, options: { company?: string; limit: number }): Listing<K> {
  const company = options.company ? companyOf(ctx.config, options.company) : undefined;
  const { limit } = options;
  let shown = 0;
  const pages = async function* (): AsyncGenerator<ReadonlyArray<Listings[K]>> {
    for await (const page of ctx.ledger.reports.listing(kind, company)) {
      const take = limit > 0 ? page.slice(0, limit - shown) : page;
      shown += take.length;
      if (take.length) yield take;
      if (limit > 0 && shown >= limit) return;
    }
  };
  return {
    pages: { [Symbol.asyncIterator]: pages },
    // Counted only when the limit was reached, after the listing is closed.
    rest: async () => {
      if (limit === 0 || shown < limit) return { more: false, total: shown };
      const total = await ctx.ledger.reports.count(kind, company);
      return { more: total > shown, total };
    },
  };
}
