/**
 * Golden files: each fixtures/parsers/edifact/<name>.edi parsed with its <name>.options.json and
 * deep-compared to <name>.expected.json. Regenerate with UPDATE_GOLDEN=1, then read the diff.
 */
import { describe, expect, it } from 'vitest';
import { parseRemadv } from '../../../src/parsers/edifact/index.js';
import { updateGolden, writeGolden } from '../../support/golden.js';
import { goldenCases } from '../edi/support.js';

const cases = goldenCases(new URL('../../../fixtures/parsers/edifact/', import.meta.url));

describe('EDIFACT REMADV golden files', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  for (const golden of cases) {
    it(golden.name, () => {
      const result = parseRemadv(golden.input, golden.options);
      if (updateGolden) writeGolden(golden.expectedPath, result);
      else expect(result).toEqual(golden.expected);
    });
  }
});
