/** Shared by the X12 and EDIFACT parser tests: default options and fixture golden files. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, type ParseOptions, type ParseResult } from '../../src/parsers/types.js';

export function options(overrides: Partial<ParseOptions> = {}): ParseOptions {
  return {
    fileName: 'test.edi',
    currency: 'USD',
    dateOrder: 'mdy',
    decimalComma: false,
    columns: {},
    reasonCodes: {},
    lenient: true,
    limits: DEFAULT_LIMITS,
    ...overrides,
  };
}

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
        options: options({ fileName: file, ...overrides }),
        expectedPath,
        expected: existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : undefined,
      };
    });
}

/** `UPDATE_GOLDEN=1 npx vitest run test/parsers/x12 test/parsers/edifact` rewrites the golden files. */
export const updateGolden = process.env.UPDATE_GOLDEN === '1';

export function writeGolden(path: string, result: ParseResult): void {
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
}
