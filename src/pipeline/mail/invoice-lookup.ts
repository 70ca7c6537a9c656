/**
 * The open-invoice file as the payer finder asks it (src/mail/payer.ts): which customers
 * have an open invoice a reference names, normalised as the matcher normalises references
 * (prefixes from `matching.invoice_prefixes`, leading zeros), and every customer's name.
 */
import type { OpenInvoiceLookup } from '../../mail/payer.js';
import { compact, normaliseReference } from '../../matching/reference.js';
import type { PipelineContext } from '../context.js';

/** Keys shorter than this name too many things (a day, a quantity) to tell a customer. */
const SHORTEST_KEY = 4;

export async function openInvoiceLookup(ctx: PipelineContext, company: string): Promise<OpenInvoiceLookup> {
  const prefixes = ctx.config.matching.invoicePrefixes;
  const byKey = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  for (const invoice of await ctx.ledger.invoices.openNumbers(company)) {
    const key = normaliseReference(invoice.number, prefixes);
    if (key.length < SHORTEST_KEY) continue;
    const set = byKey.get(key) ?? new Set<string>();
    set.add(invoice.customer);
    byKey.set(key, set);
    if (!names.has(invoice.customer) || invoice.customerName) names.set(invoice.customer, invoice.customerName ?? invoice.customer);
  }
  return {
    customersOf(reference: string): string[] {
      // An amount (1,234.56) or a date (09.27.2024) is no invoice reference, whatever its digits.
      if (/[.,]\d/.test(reference) || compact(reference).length < SHORTEST_KEY) return [];
      return [...(byKey.get(normaliseReference(reference, prefixes)) ?? [])];
    },
    customers: [...names].map(([id, name]) => ({ id, name })),
  };
}
