/** `remit match` as a use case, on the demo's real ledger: what is certain is applied, once. */
import { afterEach, describe, expect, it } from 'vitest';
import { match } from '../../src/pipeline/match.js';
import type { TestWorkspace } from '../support/pipeline.js';
import { demoLedger } from './demo-ledger.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

describe('match', () => {
  it('a dry run decides every line and writes nothing', async () => {
    ws = await demoLedger();
    const dry = await match(ws.ctx, { dryRun: true });
    expect(dry.decisions!.length).toBeGreaterThan(50);
    expect(dry.tally.applied).toBeGreaterThan(50);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM applications').pluck().get()).toBe(0);
  });

  it('applies what is certain, counts what needs a person, and a second run changes nothing', async () => {
    ws = await demoLedger();
    const dry = await match(ws.ctx, { dryRun: true });
    const first = await match(ws.ctx);
    expect(first.tally).toEqual(dry.tally);
    expect(first.written).toBe(dry.decisions!.length);
    const db = ws.inspect();
    expect(db.prepare(`SELECT COUNT(DISTINCT line_id) FROM applications WHERE status = 'applied'`).pluck().get()).toBe(first.tally.applied);
    expect(first.waiting).toBe(db.prepare(`SELECT COUNT(*) FROM remittance_lines WHERE status IN ('unapplied', 'review') OR unapplied_minor <> 0`).pluck().get());
    const rows = db.prepare('SELECT COUNT(*) FROM applications').pluck().get();
    const second = await match(ws.ctx);
    expect(second.written).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM applications').pluck().get()).toBe(rows);
    expect(db.prepare('SELECT COUNT(*) FROM remittances WHERE matched_at IS NULL').pluck().get()).toBe(0);
  });
});
