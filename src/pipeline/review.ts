/**
 * What operators do by hand (`remit apply`, `unapply`, `deduction code`, and `remit review`,
 * which uses the same actions): apply a line to an invoice, undo an application, code a
 * deduction, keep cash unapplied; each in one transaction, each in the audit log with user
 * and time, each teaching remit the payer's habit where there is one. An application is
 * never edited or deleted: undoing it adds its mirror image, so an exported application is
 * reversed by the next journal, not changed silently.
 */
import { UsageError } from '../core/errors.js';
import { displayMinor, type Minor } from '../core/money.js';
import { REASON_CODES } from '../core/reasons.js';
import type { LearnedRule } from '../domain/application.js';
import type { Ledger, LineRecord, RuleRecord } from '../ledger/index.js';
import { learnReasonRule, learnRule } from '../matching/learn.js';
import type { PipelineContext } from './context.js';
import { resolveInvoice, resolveLine } from './typed-references.js';

export interface ApplyOutcome {
  line: LineRecord;
  applicationId: number;
  amountMinor: Minor;
  invoiceNumber: string;
  confirmedProposal: boolean;
  /** What stays open on the invoice after this application. */
  openAfterMinor: Minor;
  /** The habit remembered from this match, when it was new. */
  learned?: LearnedRule;
  /** How what was typed was read (`payment 1726 line 4`, `101202 is invoice INV-101202`). */
  resolved?: string[];
}

/** Apply (or confirm a proposal of) `amountMinor` of a line's unapplied cash to an open invoice of its payer; as much as fits when not given. */
export async function applyLine(ctx: PipelineContext, request: { lineId: number; invoice: string; amountMinor?: Minor }): Promise<ApplyOutcome> {
  const { lineId, invoice: invoiceNumber, amountMinor } = request;
  const user = ctx.user;
  return ctx.ledger.transaction(async (tx) => {
    const line = await lineOf(tx, lineId);
    const invoice = await tx.invoices.byNumber(line.company, line.payer, invoiceNumber);
    if (!invoice) throw new UsageError(`no invoice ${invoiceNumber} of payer ${line.payer}`);
    if (invoice.currency !== line.currency) throw new UsageError(`invoice ${invoiceNumber} is in ${invoice.currency}, the payment in ${line.currency}`);
    const remaining = invoice.remainingMinor;
    if (line.unappliedMinor <= 0) throw new UsageError(`line ${lineId} has no unapplied cash to apply`);
    if (remaining <= 0) throw new UsageError(`invoice ${invoiceNumber} is not open`);
    const amount = amountMinor ?? Math.min(line.unappliedMinor, remaining);
    if (amount <= 0 || amount > line.unappliedMinor) throw new UsageError(`--amount must be more than 0 and at most the line's unapplied ${displayMinor(line.unappliedMinor)}`);
    if (amount > remaining) throw new UsageError(`--amount ${displayMinor(amount)} is more than the ${displayMinor(remaining)} open on ${invoiceNumber}`);

    const proposal = await tx.decisions.proposal(lineId, invoice.id, amount);
    let applicationId: number;
    if (proposal !== undefined) {
      await tx.decisions.confirmProposal(proposal, user, `; confirmed by ${user}`);
      applicationId = proposal;
    } else {
      applicationId = await tx.decisions.addApplication({
        lineId, invoiceId: invoice.id, cashMinor: amount, discountMinor: 0, deductionMinor: 0, writeOffMinor: 0, method: 'manual', confidence: 1,
        explanation: `applied by ${user}: ${displayMinor(amount)} to ${invoiceNumber}`, status: 'applied', createdBy: user,
      });
    }
    const left = line.unappliedMinor - amount;
    await tx.decisions.setLine(lineId, { status: left === 0 ? 'applied' : 'review', unappliedMinor: left, note: `applied by ${user} to ${invoiceNumber}` });
    await tx.decisions.audit({ user, action: 'apply', lineId, applicationId, detail: { invoice: invoiceNumber, amountMinor: amount, confirmedProposal: proposal !== undefined } });
    // The payer's habit that made the match hard, if there is one, is remembered for next time.
    const rule = learnRule(line.payer, { reference: line.reference }, { number: invoiceNumber, po: invoice.po ?? undefined }, ctx.config.matching.invoicePrefixes);
    const learned = rule && (await tx.decisions.addRule(rule, user)) ? rule : undefined;
    return { line, applicationId, amountMinor: amount, invoiceNumber, confirmedProposal: proposal !== undefined, openAfterMinor: remaining - amount, ...(learned ? { learned } : {}) };
  });
}

/** `remit apply` as typed: the line and the invoice in any form the matcher would read them. */
export async function applyTyped(ctx: PipelineContext, request: { line: string; invoice: string; amountMinor?: Minor }): Promise<ApplyOutcome> {
  const line = await resolveLine(ctx, request.line);
  const record = await lineOf(ctx.ledger, line.value);
  const invoice = await resolveInvoice(ctx, record, request.invoice);
  const done = await applyLine(ctx, { lineId: line.value, invoice: invoice.value, ...(request.amountMinor !== undefined ? { amountMinor: request.amountMinor } : {}) });
  const resolved = [line.how, invoice.how].filter((how): how is string => how !== undefined);
  return resolved.length ? { ...done, resolved } : done;
}

export interface UnapplyOutcome {
  lineId: number;
  cashMinor: Minor;
  /** The journal the application was exported in: the next journal posts its reversal. */
  exportedIn: number | null;
}

/** Undo an application by adding its mirror image; its deductions are mirrored too. A proposal is withdrawn. */
export async function unapplyApplication(ctx: PipelineContext, applicationId: number): Promise<UnapplyOutcome> {
  const user = ctx.user;
  return ctx.ledger.transaction(async (tx) => {
    const app = await tx.decisions.application(applicationId);
    if (!app) throw new UsageError(`no application ${applicationId}`, 'application ids are in remit report applications --format csv');
    if (app.reversesId !== null) throw new UsageError(`application ${applicationId} is itself a reversal`);
    if ((await tx.decisions.reversalOf(applicationId)) !== undefined) throw new UsageError(`application ${applicationId} is already undone`);
    const mirror = { lineId: app.lineId, invoiceId: app.invoiceId, method: 'reversal', confidence: 1, createdBy: user, reversesId: applicationId };
    if (app.status === 'proposed') {
      // A proposal moved no money: withdrawing it is enough.
      const reversal = await tx.decisions.addApplication({
        ...mirror, cashMinor: 0, discountMinor: 0, deductionMinor: 0, writeOffMinor: 0, explanation: `proposal ${applicationId} rejected by ${user}`, status: 'proposed',
      });
      await tx.decisions.audit({ user, action: 'reject-proposal', lineId: app.lineId, applicationId: reversal, detail: { application: applicationId } });
      return { lineId: app.lineId, cashMinor: 0, exportedIn: app.journalId };
    }
    const reversal = await tx.decisions.addApplication({
      ...mirror, cashMinor: -app.cashMinor, discountMinor: -app.discountMinor, deductionMinor: -app.deductionMinor, writeOffMinor: -app.writeOffMinor,
      explanation: `reverses application ${applicationId} (undone by ${user})`, status: 'applied',
    });
    for (const d of await tx.decisions.openDeductions(app.lineId, app.invoiceId)) {
      await tx.decisions.addDeduction({ lineId: app.lineId, invoiceId: app.invoiceId, amountMinor: -d.amountMinor, reasonCode: d.reasonCode, reasonRaw: d.reasonRaw, status: 'reversed', reversesId: d.id });
      await tx.decisions.setDeductionStatus(d.id, 'reversed');
    }
    await tx.decisions.setLine(app.lineId, { status: 'review', addUnappliedMinor: app.cashMinor, note: `application ${applicationId} undone by ${user}` });
    await tx.decisions.audit({ user, action: 'unapply', lineId: app.lineId, applicationId: reversal, detail: { application: applicationId, cashMinor: app.cashMinor } });
    return { lineId: app.lineId, cashMinor: app.cashMinor, exportedIn: app.journalId };
  });
}

export interface CodeOutcome {
  recoded: number;
  created: number;
  learned?: LearnedRule;
}

/** Code a line as a deduction with a reason: recode its deductions, or turn its negative unapplied amount into one. */
export async function codeDeduction(ctx: PipelineContext, request: { lineId: number; reason: string }): Promise<CodeOutcome> {
  const { lineId, reason } = request;
  if (!(REASON_CODES as readonly string[]).includes(reason)) throw new UsageError(`--reason ${reason}: choose one of ${REASON_CODES.join(', ')}`);
  const user = ctx.user;
  return ctx.ledger.transaction(async (tx) => {
    const line = await lineOf(tx, lineId);
    const existing = await tx.decisions.openDeductions(lineId);
    let reasonRaw: string;
    let outcome: CodeOutcome;
    if (existing.length > 0) {
      await tx.decisions.recodeDeductions(lineId, reason);
      await tx.decisions.audit({ user, action: 'code-deduction', lineId, applicationId: null, detail: { reasonCode: reason, recoded: existing.length } });
      reasonRaw = existing[0]!.reasonRaw;
      outcome = { recoded: existing.length, created: 0 };
    } else {
      if (line.unappliedMinor >= 0) throw new UsageError(`line ${lineId} is cash the payer sent, not money it kept: apply it, or leave it unapplied`);
      await tx.decisions.addDeduction({ lineId, invoiceId: null, amountMinor: -line.unappliedMinor, reasonCode: reason, reasonRaw: line.reference });
      await tx.decisions.setLine(lineId, { status: 'deduction', unappliedMinor: 0, note: `coded as ${reason} by ${user}` });
      await tx.decisions.audit({ user, action: 'code-deduction', lineId, applicationId: null, detail: { reasonCode: reason, amountMinor: -line.unappliedMinor } });
      reasonRaw = line.reference;
      outcome = { recoded: 0, created: 1 };
    }
    // The payer's own wording for the reason is remembered.
    const rule = learnReasonRule(line.payer, reasonRaw, reason);
    return reasonRaw && (await tx.decisions.addRule(rule, user)) ? { ...outcome, learned: rule } : outcome;
  });
}

/** The operator has looked: the cash stays unapplied (on account) and the line leaves review. */
export async function keepUnapplied(ctx: PipelineContext, lineId: number): Promise<void> {
  await ctx.ledger.transaction(async (tx) => {
    const line = await lineOf(tx, lineId);
    await tx.decisions.setLine(lineId, { status: 'unapplied', note: `kept as unapplied cash by ${ctx.user}` });
    await tx.decisions.audit({ user: ctx.user, action: 'keep-unapplied', lineId, applicationId: null, detail: { unappliedMinor: line.unappliedMinor } });
  });
}

export async function learnedRules(ctx: PipelineContext): Promise<RuleRecord[]> {
  return ctx.ledger.decisions.rules();
}

/** Forget a learned rule; `remit match` no longer uses it. */
export async function forgetRule(ctx: PipelineContext, ruleId: number): Promise<void> {
  await ctx.ledger.transaction(async (tx) => {
    if (!(await tx.decisions.removeRule(ruleId))) throw new UsageError(`no learned rule ${ruleId}`, 'see remit report rules');
    await tx.decisions.audit({ user: ctx.user, action: 'forget-rule', lineId: null, applicationId: null, detail: { rule: ruleId } });
  });
}

/** The lines a person walks in `remit review`: every line of the exceptions listing but overpayments. */
export async function linesForReview(ctx: PipelineContext, company?: string): Promise<LineRecord[]> {
  const ids: number[] = [];
  for await (const page of ctx.ledger.reports.listing('exceptions', company)) {
    for (const row of page) if (row.lineId !== null && row.status !== 'overpaid') ids.push(row.lineId);
  }
  const lines: LineRecord[] = [];
  for (const id of ids) lines.push(await lineOf(ctx.ledger, id));
  return lines;
}

/** What remit decided for a line (an id, or what a person types: see typed-references.ts) and every candidate it weighed. */
export async function explainLine(ctx: PipelineContext, lineText: string | number) {
  const resolved = typeof lineText === 'number' ? { value: lineText } : await resolveLine(ctx, lineText);
  const line = await lineOf(ctx.ledger, resolved.value);
  return { line, applications: await ctx.ledger.decisions.applicationsOf(line.id), candidates: line.candidates, ...('how' in resolved && resolved.how ? { resolved: resolved.how } : {}) };
}

async function lineOf(ledger: Ledger, lineId: number): Promise<LineRecord> {
  const line = await ledger.decisions.line(lineId);
  if (!line) throw new UsageError(`no remittance line ${lineId}`, 'line ids are in remit report exceptions --format csv (line_id)');
  return line;
}
