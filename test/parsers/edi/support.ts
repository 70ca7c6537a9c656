/** Shared by the X12 and EDIFACT parser tests: text as bytes, fixture golden files, ParseError checks. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import type { ParseOptions } from '../../../src/parsers/types.js';
import { parseOptions } from '../../support/parse-options.js';

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export interface GoldenCase {
  name: string;
  input: Uint8Array;
  options: ParseOptions;
  expectedPath: string;
  expected: unknown;
}

/**
 * Every `<name>.edi` in a fixtures folder, with `<name>.options.json` (optional overrides)
 * and `<name>.expected.json` (the golden ParseResult, absent until first generated).
 */
export function goldenCases(folder: URL): GoldenCase[] {
  const dir = fileURLToPath(folder);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.edi'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.edi'.length);
      const optionsPath = `${dir}/${name}.options.json`;
      const expectedPath = `${dir}/${name}.expected.json`;
      const overrides = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as Partial<ParseOptions>) : {};
      return {
        name,
        input: readFileSync(`${dir}/${file}`),
        options: parseOptions(file, overrides),
        expectedPath,
        expected: existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : undefined,
      };
    });
}

/** The ParseError `run` throws, checked to be one line; fails the test when it throws nothing. */
export function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    const parseError = error as ParseError;
    expect(parseError.message).not.toMatch(/[\r\n]/);
    return parseError;
  }
  throw new Error('expected a ParseError');
}
