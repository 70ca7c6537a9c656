/**
 * `remit reconcile [--dry-run]`: every bank entry of each company paired with the
 * remittances it pays (src/reconcile), and the decisions written in one transaction per
 * company. An entry decided before is kept unless it was unidentified; a decision that is
 * the same as the stored one is not written again, so a second run changes nothing.
 */
import { UsageError } from '../core/errors.js';
import type { ReconciliationDecision } from '../domain/bank.js';
import { reconcile } from '../reconcile/reconcile.js';
import type { InvoiceForCash, PayerNames } from '../reconcile/types.js';
import { companyOf, type PipelineContext } from './context.js';

export interface ReconcileRequest {
  company?: string;
  dryRun?: boolean;
}

export interface ReconciledEntry {
  entryId: number;
  company: string;
  entryRef: string | null;
  valueDate: string | null;
  amountMinor: number;
  currency: string;
  decision: ReconciliationDecision;
  /** The remittances it pays, as `PAYER|PAYMENT_REF`. */
  paymentRefs: string[];
}

export interface ReconcileOutcome {
  /** Every decision made in this run that differs from what was stored (all of them with --dry-run). */
  changed: ReconciledEntry[];
  unchanged: number;
  tally: Record<ReconciliationDecision['status'], number>;
  written: boolean;
}

export async function reconcileCash(ctx: PipelineContext, request: ReconcileRequest = {}): Promise<ReconcileOutcome> {
  const companies = request.company ? [companyOf(ctx.config, request.company)] : await ctx.ledger.bank.companies();
  if (companies.length === 0 && !request.company) {
    throw new UsageError('no bank statement has been imported yet: nothing to reconcile', 'remit bank import FILE... first');
  }
  const outcome: ReconcileOutcome = { changed: [], unchanged: 0, tally: { reconciled: 0, unidentified: 0, ignored: 0, returned: 0 }, written: !request.dryRun };
  for (const company of companies) {
    const entries = await ctx.ledger.bank.entries(company);
    const remittances = await ctx.ledger.bank.cashRemittances(company);
    const payers = await payerNames(ctx, company, entries);
    const invoices = await openInvoices(ctx, company, payers.map((p) => p.payer));
    const decisions = reconcile({ entries, remittances, payers, invoices, settings: ctx.config.bank });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const refs = new Map(remittances.map((r) => [r.id, `${r.payer}|${r.paymentRef}`]));
    const changed = decisions.filter((d) => !d.unchanged);
    outcome.unchanged += decisions.length - changed.length;
    for (const d of changed) {
      outcome.tally[d.decision.status] += 1;
      const e = byId.get(d.entryId)!;
      outcome.changed.push({
        entryId: e.id, company, entryRef: e.bankRef ?? null, valueDate: e.valueDate ?? e.bookingDate ?? null, amountMinor: e.amountMinor, currency: e.currency,
        decision: d.decision, paymentRefs: d.decision.remittances.map((r) => refs.get(r.remittanceId) ?? String(r.remittanceId)),
      });
    }
    if (request.dryRun || changed.length === 0) continue;
    await ctx.ledger.transaction(async (tx) => {
      for (const d of changed) await tx.bank.decide(d.entryId, d.decision, ctx.user);
    });
  }
  return outcome;
}

/** The names each payer is known by: remit.yaml (name, ids, bank_names), the ERP's customer name, the payer's own; and debtor accounts that paid it before. */
async function payerNames(ctx: PipelineContext, company: string, entries: Awaited<ReturnType<PipelineContext['ledger']['bank']['entries']>>): Promise<PayerNames[]> {
  const byPayer = new Map<string, PayerNames>();
  const of = (payer: string) => {
    let p = byPayer.get(payer);
    if (!p) byPayer.set(payer, (p = { payer, names: [], accounts: [] }));
    return p;
  };
  for (const [code, settings] of Object.entries(ctx.config.payers)) {
    of(code).names.push(...(settings.name ? [settings.name] : []), ...settings.ids, ...settings.bankNames);
  }
  for (const code of await ctx.ledger.invoices.customers(company)) of(code);
  for (const { payer, name } of await ctx.ledger.bank.payerNames(company)) of(payer).names.push(name);
  for (const e of entries) {
    if (e.decision?.status !== 'reconciled' || !e.decision.payer) continue;
    for (const account of [e.debtorAccount, e.debtorId]) if (account && !of(e.decision.payer).accounts.includes(account)) of(e.decision.payer).accounts.push(account);
  }
  return [...byPayer.values()];
}

async function openInvoices(ctx: PipelineContext, company: string, payers: readonly string[]): Promise<Map<string, InvoiceForCash[]>> {
  const out = new Map<string, InvoiceForCash[]>();
  for (const payer of payers) {
    for (const invoice of await ctx.ledger.matching.invoicesForPayer(company, payer)) {
      if (!invoice.open || invoice.remainingMinor <= 0) continue;
      const key = `${payer}|${invoice.currency}`;
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push({ id: invoice.id, number: invoice.number, payer, currency: invoice.currency, remainingMinor: invoice.remainingMinor });
    }
  }
  return out;
}
