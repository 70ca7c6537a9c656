/**
 * `remit bank confirm ENTRY --payment PAYER|REF... | --payer ID`: a person says what a bank
 * credit pays (the remittances, or only whose unapplied cash it is). Recorded as a manual
 * reconciliation that `remit reconcile` never redoes, and the debtor name the bank wrote is
 * learned as one of the payer's `bank_names` in remit.yaml, so the next credit with that
 * name is found on its own.
 */
import { readFileSync } from 'node:fs';
import { addPayerBankName } from '../config/edit.js';
import { UsageError } from '../core/errors.js';
import { displayMinor } from '../core/money.js';
import type { ReconciliationDecision } from '../domain/bank.js';
import { nameKey } from '../reconcile/names.js';
import { writeFileAtomic } from '../workspace/atomic-file.js';
import { companyOf, type PipelineContext } from './context.js';

export interface ConfirmRequest {
  entry: string;
  payments: string[];
  payer?: string;
  company?: string;
}

export interface ConfirmOutcome {
  entryRef: string;
  decision: ReconciliationDecision;
  /** The debtor name added to payers.<ID>.bank_names, when it was new. */
  learned?: { payer: string; name: string };
}

export async function confirmEntry(ctx: PipelineContext, request: ConfirmRequest): Promise<ConfirmOutcome> {
  if (request.payments.length === 0 && !request.payer) throw new UsageError('say what the credit pays: --payment PAYER|PAYMENT_REF (repeat for several), or --payer ID for unapplied cash of that payer');
  const company = companyOf(ctx.config, request.company);
  const entries = await ctx.ledger.bank.entries(company);
  const byId = /^entry:(\d+)$/i.exec(request.entry.trim());
  const found = entries.filter((e) => (byId ? e.id === Number(byId[1]) : e.bankRef === request.entry.trim()));
  if (found.length !== 1) throw new UsageError(found.length ? `${found.length} entries have the reference ${request.entry}: give entry:<id>` : `no bank entry ${request.entry} of ${company}`, 'entry references and ids are in remit report cash --format csv');
  const entry = found[0]!;
  if (entry.amountMinor <= 0) throw new UsageError(`entry ${request.entry} is a debit of ${displayMinor(entry.amountMinor)}: only credits pay remittances`);
  if (entry.decision && entry.decision.status !== 'unidentified') throw new UsageError(`entry ${request.entry} is ${entry.decision.status} already (${entry.decision.explanation})`);
  const remittances = await ctx.ledger.bank.cashRemittances(company);
  const chosen = request.payments.map((text) => {
    const [payer, ref] = text.split('|');
    const fits = remittances.filter((r) => r.payer === payer && r.paymentRef === ref);
    if (fits.length !== 1) throw new UsageError(`--payment ${text}: ${fits.length ? `${fits.length} payments have that reference` : 'no such payment'} (PAYER|PAYMENT_REF as remit report cash writes it)`);
    const r = fits[0]!;
    if (r.currency !== entry.currency) throw new UsageError(`--payment ${text} is in ${r.currency}, the entry in ${entry.currency}`);
    const cash = r.paidBy.reduce((n, p) => n + (p.status === 'reconciled' ? 1 : p.status === 'returned' ? -1 : 0), 0);
    if (cash > 0) throw new UsageError(`--payment ${text}: its cash came already (entry ${r.paidBy.find((p) => p.status === 'reconciled')?.bankRef ?? ''})`);
    return r;
  });
  const payers = [...new Set([...chosen.map((r) => r.payer), ...(request.payer ? [request.payer] : [])])];
  if (payers.length > 1) throw new UsageError(`one credit pays one payer's remittances: got ${payers.join(', ')}`);
  const payer = payers[0]!;
  const total = chosen.reduce((sum, r) => sum + r.totalMinor, 0);
  const fee = chosen.length ? total - entry.amountMinor : 0;
  if (fee < 0 || fee > ctx.config.bank.feeToleranceMinor) {
    throw new UsageError(`the payments add up to ${displayMinor(total)} but ${displayMinor(entry.amountMinor)} arrived`, `a bank fee may be at most bank.fee_tolerance (${displayMinor(ctx.config.bank.feeToleranceMinor)})`);
  }
  const decision: ReconciliationDecision = chosen.length
    ? {
        status: 'reconciled', method: 'manual', confidence: 1, payer, feeMinor: fee, remittances: chosen.map((r) => ({ remittanceId: r.id, amountMinor: r.totalMinor })),
        explanation: `confirmed by ${ctx.user}: pays ${chosen.map((r) => `${r.payer}|${r.paymentRef}`).join(', ')}${fee ? `, net of a bank fee of ${displayMinor(fee)}` : ''}`,
      }
    : { status: 'unidentified', method: 'manual-on-account', confidence: 1, payer, feeMinor: 0, remittances: [], explanation: `confirmed by ${ctx.user}: unapplied cash of ${payer}` };
  await ctx.ledger.transaction((tx) => tx.bank.decide(entry.id, decision, ctx.user));
  const outcome: ConfirmOutcome = { entryRef: entry.bankRef ?? `entry:${entry.id}`, decision };
  const known = [...(ctx.config.payers[payer]?.bankNames ?? []), ...(ctx.config.payers[payer]?.name ? [ctx.config.payers[payer]!.name!] : [])].map(nameKey);
  if (entry.debtorName && !known.includes(nameKey(entry.debtorName))) {
    const text = readFileSync(ctx.paths.config, 'utf8');
    const changed = addPayerBankName(text, payer, entry.debtorName, ctx.paths.config);
    if (changed !== text) {
      await writeFileAtomic(ctx.paths.config, changed, 0o644);
      outcome.learned = { payer, name: entry.debtorName };
    }
  }
  return outcome;
}
