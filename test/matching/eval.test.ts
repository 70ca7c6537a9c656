/** The generated evaluation set: committed as generated, and no wrong automatic application on it or other seeds. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/tools/eval/score.js';
import { buildEvalSet, evalSetJson, type EvalSet } from '../../src/tools/samplegen/eval-set.js';

const FIXTURE = new URL('../../fixtures/eval/eval-set.json', import.meta.url);

describe('evaluation set', () => {
  it('is committed exactly as the generator writes it (seed 6)', () => {
    expect(readFileSync(FIXTURE, 'utf8')).toBe(evalSetJson(buildEvalSet(6)));
  });

  it('has every noise type and every trap in its key', () => {
    const set = JSON.parse(readFileSync(FIXTURE, 'utf8')) as EvalSet;
    const cases = new Set(set.key.map((k) => k.case));
    for (const c of ['typo', 'ocr', 'truncated', 'multi', 'missing-ref', 'no-lines', 'tolerance-in', 'tolerance-out', 'late-discount', 'habit',
      'trap-two-near', 'trap-closed-near', 'trap-same-amount', 'trap-subset-two', 'trap-truncated-two', 'trap-real-word', 'trap-outside-window', 'trap-unknown']) {
      expect(cases.has(c as never), c).toBe(true);
    }
  });

  it('is matched with no wrong automatic application and every trap kept for a person', () => {
    const report = evaluate(JSON.parse(readFileSync(FIXTURE, 'utf8')) as EvalSet);
    expect(report.wrong).toEqual([]);
    expect(report.traps.kept).toBe(report.traps.total);
    expect(report.overall.found / report.overall.expected).toBeGreaterThan(0.9);
  });

  it.each([101, 202, 303, 404])('has no wrong automatic application with seed %i either', (seed) => {
    expect(evaluate(buildEvalSet(seed)).wrong).toEqual([]);
  });
});
