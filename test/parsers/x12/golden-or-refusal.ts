/**
 * Golden files that may also record a refusal: `<name>.expected.json` holds the whole
 * ParseResult, or `{ "refused": "<ParseError message>" }` for a file that must fail whole.
 * Shared by the X12 and EDIFACT partner-quirk tests; UPDATE_GOLDEN=1 rewrites them.
 */
import { expect } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import type { ParseResult } from '../../../src/parsers/types.js';
import { updateGolden, writeGolden } from '../../support/golden.js';
import type { GoldenCase } from '../edi/support.js';

export function checkGoldenOrRefusal(golden: GoldenCase, parse: (input: Uint8Array) => ParseResult): void {
  let actual: unknown;
  try {
    actual = parse(golden.input);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    expect(error.message).not.toMatch(/[\r\n]/);
    actual = { refused: error.message };
  }
  if (updateGolden) writeGolden(golden.expectedPath, actual);
  else expect(actual).toEqual(golden.expected);
  // Files named refused-* must fail whole; every other file must give payments with lines.
  if (golden.name.startsWith('refused-')) expect(actual).toHaveProperty('refused');
  else for (const remittance of (actual as ParseResult).remittances) expect(remittance.lines.length).toBeGreaterThan(0);
}
