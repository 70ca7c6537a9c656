/**
 * Golden files of the bank readers: every input in a fixtures/bank/<folder> is parsed and,
 * with the kind classifyEntry gives each entry, deep-compared to <name>.expected.json beside
 * it. UPDATE_GOLDEN=1 rewrites them from what the code produces now; then read the diff.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyEntry, parseBankFile, type BankParseResult } from '../../../../src/parsers/bank/index.js';
import { updateGolden, writeGolden } from '../../../support/golden.js';

export interface BankGolden {
  result: BankParseResult;
  /** "bankRef: kind[/channel] (scheme code)" per entry, in file order. */
  classified: string[];
}

export function goldenOf(input: Uint8Array): BankGolden {
  const result = parseBankFile(input, {});
  const classified = result.statements.flatMap((s) =>
    s.entries.map((e) => {
      const c = classifyEntry(e);
      return `${e.bankRef ?? '(no ref)'}: ${c.kind}${c.channel ? `/${c.channel}` : ''} (${c.basis.scheme} ${c.basis.code})`;
    }),
  );
  return { result, classified };
}

/** One golden test per fixture in each folder; at least `minimum` fixtures in all. */
export function bankGoldenSuite(title: string, folders: string[], minimum: number): void {
  const cases = folders.flatMap((folder) => {
    const dir = fileURLToPath(new URL(`../../../../fixtures/bank/${folder}/`, import.meta.url));
    return readdirSync(dir)
      .filter((file) => !file.endsWith('.json') && !file.endsWith('.md'))
      .sort()
      .map((file) => ({ name: `${folder}/${file}`, input: `${dir}${file}`, expected: `${dir}${file.replace(/\.[^.]+$/, '')}.expected.json` }));
  });
  describe(title, () => {
    it(`has at least ${minimum} fixtures`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(minimum);
    });
    for (const golden of cases) {
      it(golden.name, () => {
        const actual = goldenOf(readFileSync(golden.input));
        if (updateGolden) writeGolden(golden.expected, actual);
        else {
          expect(existsSync(golden.expected), `${golden.expected} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
          expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(golden.expected, 'utf8')));
        }
      });
    }
  });
}
