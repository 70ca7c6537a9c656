/** `remit run` as a use case on one open ledger: each step's outcome in order, and the run's summary file. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchServices } from '../../src/pipeline/fetch-portals.js';
import { nightlyRun, type NightlyStep } from '../../src/pipeline/nightly-run.js';
import type { TestWorkspace } from '../support/pipeline.js';
import { demoLedger } from './demo-ledger.js';

let ws: TestWorkspace;
afterEach(async () => ws.close());

/** No portal is fetched here: opening the browser or the keychain would be a bug. */
const NO_SERVICES: FetchServices = {
  browser: () => Promise.reject(new Error('the browser was opened with no portal to fetch')),
  secrets: () => Promise.reject(new Error('the keychain was opened with nothing to read')),
};

describe('nightlyRun', () => {
  it('with no portal accounts: matches, exports, says each step, and writes the summary', async () => {
    ws = await demoLedger();
    const steps: NightlyStep[] = [];
    const outcome = await nightlyRun(ws.ctx, NO_SERVICES, { exportGl: true }, (step) => steps.push(step));
    expect(steps.map((s) => s.kind)).toEqual(['backup', 'fetch', 'match', 'export', 'notify']);
    const matchStep = steps.find((s) => s.kind === 'match');
    const matched = matchStep?.kind === 'match' ? matchStep.outcome : undefined;
    expect(matched!.tally.applied).toBeGreaterThan(50);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.added['applied']).toBe(ws.inspect().prepare(`SELECT COUNT(*) FROM applications WHERE status = 'applied'`).pluck().get());
    const summary = JSON.parse(readFileSync(outcome.summaryFile, 'utf8')) as Record<string, unknown>;
    expect(summary).toMatchObject({ runId: outcome.runId, portals: [], exitCode: 0, notifications: [] });
    expect(String(summary['journal'])).toMatch(/exports\/journal-2026-11-02-run\.csv$/);
    const second = await nightlyRun(ws.ctx, NO_SERVICES, {});
    expect(second.added['applied']).toBe(0);
  });
});
