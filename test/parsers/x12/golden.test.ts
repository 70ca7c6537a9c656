/**
 * Golden files: each fixtures/parsers/x12/<name>.edi parsed with its <name>.options.json and
 * deep-compared to <name>.expected.json. Regenerate with UPDATE_GOLDEN=1, then read the diff.
 */
import { describe, expect, it } from 'vitest';
import { parseX12_820 } from '../../../src/parsers/x12/index.js';
import { updateGolden, writeGolden } from '../../support/golden.js';
import { goldenCases } from '../edi/support.js';

const cases = goldenCases(new URL('../../../fixtures/parsers/x12/', import.meta.url));

describe('X12 820 golden files', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const golden of cases) {
    it(golden.name, () => {
      const result = parseX12_820(golden.input, golden.options);
      if (updateGolden) writeGolden(golden.expectedPath, result);
      else expect(result).toEqual(golden.expected);
    });
  }
});
