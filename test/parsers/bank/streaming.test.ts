/**
 * readBankFile hands the same statements and entries to a sink as parseBankFile returns,
 * in order, with each statement begun before its entries and ended after them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBankFile, readBankFile, type BankEntry, type BankStatement } from '../../../src/parsers/bank/index.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/bank/', import.meta.url));
const files = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(`${FIXTURES}${d.name}`).filter((f) => !f.endsWith('.json')).map((f) => `${d.name}/${f}`));

describe('readBankFile streams what parseBankFile returns', () => {
  for (const file of files) {
    it(file, () => {
      const bytes = readFileSync(`${FIXTURES}${file}`);
      const events: string[] = [];
      const streamed: Array<{ statement: BankStatement; entries: BankEntry[] }> = [];
      const rest = readBankFile(bytes, {}, {
        begin(statement) {
          events.push(`begin ${statement.accountId}`);
          streamed.push({ statement, entries: [] });
        },
        entry(entry, statement) {
          expect(streamed[streamed.length - 1]!.statement).toBe(statement);
          streamed[streamed.length - 1]!.entries.push(entry);
        },
        end(statement) {
          events.push(`end ${statement.accountId}`);
          expect(statement.entries).toEqual([]);
        },
      });
      const whole = parseBankFile(bytes, {});
      const { statements: _, ...summary } = whole;
      expect(rest).toEqual(summary);
      expect(streamed.map((s) => ({ ...s.statement, entries: s.entries }))).toEqual(whole.statements);
      expect(events).toEqual(whole.statements.flatMap((s) => [`begin ${s.accountId}`, `end ${s.accountId}`]));
    });
  }
});
