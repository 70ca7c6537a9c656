/** Helpers of the bank hostile tests: text as bytes, the one-line ParseError, a BAI2 file with its trailers right. */
import { expect } from 'vitest';
import { ParseError } from '../../../../src/core/errors.js';
import { parseBankFile, type BankParseOptions, type BankParseResult } from '../../../../src/parsers/bank/index.js';

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function parse(text: string | Uint8Array, options: BankParseOptions = {}): BankParseResult {
  return parseBankFile(typeof text === 'string' ? bytes(text) : text, options);
}

/** The ParseError `run` throws, checked to be one line; fails the test when it throws nothing. */
export function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).not.toMatch(/[\r\n]/);
    return error as ParseError;
  }
  throw new Error('expected a ParseError');
}

export function expectOneLine(result: BankParseResult): void {
  for (const diagnostic of result.diagnostics) expect(diagnostic.message).not.toMatch(/[\r\n]/);
}

export interface Bai2Account {
  number: string;
  currency?: string;
  /** 03 groups as written after the currency: type code, amount, item count, funds type. */
  summary: string;
  /** 16 records, each with its 88 continuations as separate lines. */
  details: string[][];
}

/**
 * A BAI2 file whose 49/98/99 totals and record counts are right: the sum of every amount in
 * the 03 and 16 records (as written), and the records from 03 to 49, 02 to 98, 01 to 99.
 */
export function bai2File(accounts: Bai2Account[], options: { asOf?: string; originator?: string } = {}): string {
  const lines = ['01,SENDER,RECEIVER,250301,0600,1,80,,2/', `02,RECEIVER,${options.originator ?? '122000661'},1,${options.asOf ?? '250228'},2400,USD,2/`];
  let groupTotal = 0;
  let groupRecords = 1;
  for (const account of accounts) {
    const record03 = `03,${account.number},${account.currency ?? ''},${account.summary}/`;
    const amounts03 = account.summary.split(',').filter((_, i) => i % 4 === 1 && _ !== '');
    let total = amounts03.reduce((sum, a) => sum + Number(a), 0);
    const block = [record03];
    for (const detail of account.details) {
      total += Number(detail[0]!.split(',')[2]);
      block.push(...detail);
    }
    block.push(`49,${total},${block.length + 1}`.concat('/'));
    lines.push(...block);
    groupTotal += total;
    groupRecords += block.length;
  }
  lines.push(`98,${groupTotal},${accounts.length},${groupRecords + 1}/`);
  lines.push(`99,${groupTotal},1,${lines.length + 1}/`);
  return `${lines.join('\n')}\n`;
}
