/** What operators do by hand, as use cases: every action audited, undone by a mirror, learned from. */
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { match } from '../../src/pipeline/match.js';
import { applyLine, codeDeduction, explainLine, forgetRule, keepUnapplied, learnedRules, linesForReview, unapplyApplication } from '../../src/pipeline/review.js';
import type { TestWorkspace } from '../support/pipeline.js';
import { demoLedger } from './demo-ledger.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

/** The first line waiting for a person with positive cash, and an open invoice of its payer it fits. */
async function lineAndInvoice(): Promise<{ lineId: number; invoice: string; cash: number }> {
  const db = ws.inspect();
  const row = db
    .prepare(
      `SELECT l.id, l.unapplied_minor, i.number FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
       JOIN invoices i ON i.customer = r.payer AND i.in_latest_snapshot = 1 AND i.open_minor >= l.unapplied_minor
       WHERE l.unapplied_minor > 0 AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.invoice_id = i.id) ORDER BY l.id, i.id LIMIT 1`,
    )
    .get() as { id: number; unapplied_minor: number; number: string };
  return { lineId: row.id, invoice: row.number, cash: row.unapplied_minor };
}

describe('review actions', () => {
  it('apply moves a line\'s cash to an invoice; unapply adds the mirror image; both are in the audit log', async () => {
    ws = await demoLedger();
    await match(ws.ctx);
    const waiting = await linesForReview(ws.ctx);
    expect(waiting.length).toBeGreaterThan(0);
    const { lineId, invoice, cash } = await lineAndInvoice();
    const done = await applyLine(ws.ctx, { lineId, invoice });
    expect(done).toMatchObject({ amountMinor: cash, invoiceNumber: invoice, confirmedProposal: false });
    expect((await explainLine(ws.ctx, lineId)).line).toMatchObject({ status: 'applied', unappliedMinor: 0 });
    const undone = await unapplyApplication(ws.ctx, done.applicationId);
    expect(undone).toEqual({ lineId, cashMinor: cash, exportedIn: null });
    const db = ws.inspect();
    expect(db.prepare('SELECT SUM(cash_minor) FROM applications WHERE line_id = ?').pluck().get(lineId)).toBe(0);
    expect(db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all()).toEqual(['apply', 'unapply']);
    await expect(unapplyApplication(ws.ctx, done.applicationId)).rejects.toThrow(/already undone/);
  });

  it('refuses what would be wrong: more than the line has, an unknown invoice, cash coded as a deduction', async () => {
    ws = await demoLedger();
    await match(ws.ctx);
    const { lineId, invoice, cash } = await lineAndInvoice();
    await expect(applyLine(ws.ctx, { lineId, invoice, amountMinor: cash + 1 })).rejects.toBeInstanceOf(UsageError);
    await expect(applyLine(ws.ctx, { lineId, invoice: 'INV-NOPE' })).rejects.toThrow(/no invoice INV-NOPE/);
    await expect(codeDeduction(ws.ctx, { lineId, reason: 'shortage' })).rejects.toThrow(/cash the payer sent/);
    await expect(codeDeduction(ws.ctx, { lineId, reason: 'theft' })).rejects.toThrow(/choose one of/);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('keep-unapplied takes a line out of review; a recoded deduction teaches the payer\'s wording, and forgetting it is audited', async () => {
    ws = await demoLedger();
    await match(ws.ctx);
    const { lineId } = await lineAndInvoice();
    await keepUnapplied(ws.ctx, lineId);
    expect((await explainLine(ws.ctx, lineId)).line.status).toBe('unapplied');
    const deduction = ws.inspect().prepare(`SELECT line_id FROM deductions WHERE status = 'open' ORDER BY id LIMIT 1`).pluck().get() as number;
    const coded = await codeDeduction(ws.ctx, { lineId: deduction, reason: 'pricing' });
    expect(coded.recoded).toBeGreaterThan(0);
    const rules = await learnedRules(ws.ctx);
    expect(rules.map((r) => r.kind)).toContain('reason-map');
    await forgetRule(ws.ctx, rules[0]!.id);
    expect(await learnedRules(ws.ctx)).toHaveLength(rules.length - 1);
    await expect(forgetRule(ws.ctx, 999)).rejects.toThrow(/no learned rule/);
  });
});
