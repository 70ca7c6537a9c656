/**
 * Hostile and broken BAI2: cut short, totals and counts off at each level, bad records,
 * limits. Each ends in a one-line ParseError or one-line diagnostics with a location, never
 * a crash or a silently wrong entry; strict mode turns every error diagnostic into a ParseError.
 */
import { describe, expect, it } from 'vitest';
import { bai2File, expectOneLine, parse, parseError, type Bai2Account } from '../support/bank-hostile.js';

const ACCOUNT: Bai2Account = {
  number: '0044712096',
  currency: 'USD',
  summary: '010,100000,,,015,104000,,',
  details: [['16,165,5000,0,AC1,INV-1,ORIG CO NAME:BLUE HERON'], ['16,475,1000,0,CK1,1001,CHECK PAID']],
};

describe('BAI2 hostile input', () => {
  it('a well-formed file reads clean in strict mode', () => {
    const result = parse(bai2File([ACCOUNT]), { strict: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.statements[0]!.entries.map((e) => e.amountMinor)).toEqual([5000, -1000]);
  });

  it('cut short before the 99 file trailer: ParseError even when lenient', () => {
    const text = bai2File([ACCOUNT]).replace(/99,[^\n]*\n$/, '');
    expect(parseError(() => parse(text)).message).toBe('the file ends inside the file at line 1 with no 99 trailer: it is cut short');
  });

  it('cut short inside an account: ParseError naming the account', () => {
    const text = bai2File([ACCOUNT]).split('\n').slice(0, 4).join('\n');
    expect(parseError(() => parse(text)).message).toMatch(/^the file ends inside account 0044712096 \(line 3\) with no 49 trailer: it is cut short$/);
  });

  it('an account control total off: an error with its location; strict fails', () => {
    const text = bai2File([ACCOUNT]).replace(/^49,\d+,/m, '49,1,');
    const result = parse(text);
    expectOneLine(result);
    expect(result.diagnostics).toContainEqual({
      level: 'error',
      message: 'account control total is 1, but the amounts of its 03 and 16 records sum to 210000 (off by -209999)',
      location: 'line 6 (49 of account 0044712096)',
    });
    expect(result.statements[0]!.entries).toHaveLength(2);
    expect(parseError(() => parse(text, { strict: true })).message).toMatch(/^line 6 \(49 of account 0044712096\): account control total is 1/);
  });

  it('a detail amount changed in transit is caught by the 49 total', () => {
    const text = bai2File([ACCOUNT]).replace('16,165,5000,', '16,165,5001,');
    expect(parse(text).diagnostics.map((d) => d.message)).toContain('account control total is 210000, but the amounts of its 03 and 16 records sum to 210001 (off by -1)');
  });

  it('record counts off at account, group and file level are each named', () => {
    const text = bai2File([ACCOUNT])
      .replace(/^(49,\d+),\d+\//m, '$1,9/')
      .replace(/^(98,\d+,\d+),\d+\//m, '$1,99/')
      .replace(/^(99,\d+,\d+),\d+\//m, '$1,77/');
    const messages = parse(text).diagnostics.map((d) => `${d.location}: ${d.message}`);
    expect(messages).toEqual([
      'line 6 (49 of account 0044712096): number of records is 9, but there are 4 records from its 03 to this 49',
      'line 7 (98 of the group at line 2): number of records is 99, but there are 6 records from its 02 to this 98',
      'line 8 (99): number of records is 77, but there are 8 records from 01 to 99',
    ]);
  });

  it('group and file totals off, account and group counts off', () => {
    const text = bai2File([ACCOUNT]).replace(/^98,\d+,1,/m, '98,5,2,').replace(/^99,\d+,1,/m, '99,7,3,');
    const messages = parse(text).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      'group control total is 5, but its account control totals sum to 210000 (off by -209995)',
      'number of accounts is 2, but there are 1 accounts in the group',
      'file control total is 7, but its group control totals sum to 5 (off by 2)',
      'number of groups is 3, but there are 1 groups in the file',
    ]);
  });

  it('a missing 49 before the next 03 is an error; both accounts are still read', () => {
    const two = bai2File([ACCOUNT, { ...ACCOUNT, number: '0099' }]);
    const lines = two.split('\n');
    const first49 = lines.findIndex((l) => l.startsWith('49,'));
    lines.splice(first49, 1);
    const result = parse(lines.join('\n'));
    expect(result.statements.map((s) => s.accountId)).toEqual(['0044712096', '0099']);
    expect(result.diagnostics[0]).toEqual({
      level: 'error',
      message: 'account 0044712096 has no 49 trailer before the next 03 account record; its totals are not checked',
      location: 'line 3',
    });
  });

  it('an amount that is not digits skips that entry with an error, the rest is kept', () => {
    const text = bai2File([{ ...ACCOUNT, details: [['16,165,5000,0,AC1,INV-1,X'], ['16,475,10O0,0,CK1,1001,CHECK PAID']] }]);
    const result = parse(text);
    expect(result.statements[0]!.entries.map((e) => e.bankRef)).toEqual(['AC1']);
    expect(result.diagnostics).toContainEqual({ level: 'error', message: 'type code 475: not an amount: "10O0"; entry skipped', location: 'line 5' });
  });

  it('a signed detail amount is refused: the type code carries the sign', () => {
    const text = bai2File([{ ...ACCOUNT, details: [['16,165,-5000,0,AC1,INV-1,X']] }]);
    expect(parse(text).diagnostics.map((d) => d.message)).toContain('type code 165: not an amount: "-5000"; entry skipped');
  });

  it('unknown type codes, funds types and record types are errors with their line', () => {
    const text = bai2File([{ ...ACCOUNT, details: [['16,ABC,5000,0,AC1,,X'], ['16,165,5000,Q,AC2,,X']] }]).replace('99,', '77,JUNK\n99,');
    const messages = parse(text).diagnostics.map((d) => `${d.location}: ${d.message}`);
    expect(messages).toContain('line 4: "ABC" is not a BAI2 type code; entry skipped');
    expect(messages).toContain('line 5: type code 165: unknown funds type "Q"; entry skipped');
    expect(messages).toContain('line 8: unknown record type "77"; skipped');
  });

  it('a 16 outside an account is skipped with an error (and the counts show the extra record)', () => {
    const text = bai2File([ACCOUNT]).replace('03,', '16,165,1,0,X,,Y\n03,');
    const messages = parse(text).diagnostics.map((d) => `${d.location}: ${d.message}`);
    expect(messages).toEqual([
      'line 3: a 16 detail record outside an account; skipped',
      'line 8 (98 of the group at line 2): number of records is 6, but there are 7 records from its 02 to this 98',
      'line 9 (99): number of records is 8, but there are 9 records from 01 to 99',
    ]);
  });

  it('88 continuations carry on the fields of any record, the 01 included', () => {
    const text = bai2File([ACCOUNT]).replace('01,SENDER,RECEIVER,250301,0600,1,80,,2/', '01,SENDER,RECEIVER,250301/\n88,0600,1,80,,2/').replace(/^99,(\d+),1,(\d+)\//m, (_, t, n) => `99,${t},1,${Number(n) + 1}/`);
    const result = parse(text, { strict: true });
    expect(result.createdAt).toBe('2025-03-01T06:00');
    expect(result.fileId).toBe('1');
  });

  it('an as-of date that is not a date: ParseError (the entries would have no date)', () => {
    const text = bai2File([ACCOUNT], { asOf: '251399' });
    expect(parseError(() => parse(text)).message).toBe('the 02 group header at line 2 has as-of date "251399", not YYMMDD: its entries have no date');
  });

  it('a currency that is not ISO 4217: ParseError, its decimals are unknown', () => {
    const text = bai2File([{ ...ACCOUNT, currency: 'XYZ' }]);
    expect(parseError(() => parse(text)).message).toBe('account 0044712096 at line 3 is in "XYZ", not an ISO 4217 currency: its amounts cannot be read');
  });

  it('thousands of junk records give up with one line at limits.maxProblems', () => {
    const text = bai2File([ACCOUNT]).replace('99,', `${'ZZ,JUNK\n'.repeat(5000)}99,`);
    const error = parseError(() => parse(text));
    expect(error.message).toMatch(/^more than 1000 problems, giving up; the first: line 8: unknown record type "ZZ"; skipped$/);
  });

  it('a record longer than limits.maxFieldChars, and 88s that never end, are refused', () => {
    expect(parseError(() => parse(bai2File([ACCOUNT]).replace('CHECK PAID', 'X'.repeat(70_000)))).message).toMatch(/^line 5 is 70\d{3} characters long, over the limit of 65536 for one record$/);
    const endless = bai2File([{ ...ACCOUNT, details: [['16,165,5000,0,AC1,,START', ...Array.from({ length: 2000 }, () => `88,${'W'.repeat(70)}`)]] }]);
    expect(parseError(() => parse(endless)).message).toBe('the record at line 4 runs past 65536 characters with its continuations');
  });

  it('more entries than limits.maxEntries: ParseError naming the limit', () => {
    const error = parseError(() => parse(bai2File([ACCOUNT]), { limits: { maxEntries: 1 } }));
    expect(error.message).toBe('more than 1 entries in one file');
    expect(error.hint).toBe('raise limits.maxEntries to read it');
  });

  it('the 890 non-monetary record and status codes in a 16 are warnings, not entries', () => {
    const text = bai2File([{ ...ACCOUNT, details: [['16,890,0,,NM1,,NOTICE'], ['16,010,100,,ST1,,OPENING AS DETAIL'], ...ACCOUNT.details] }]);
    const result = parse(text, { strict: true });
    expect(result.statements[0]!.entries.map((e) => e.bankRef)).toEqual(['AC1', 'CK1']);
    expect(result.diagnostics.map((d) => d.level)).toEqual(['warning', 'warning']);
  });

  it('010 + detail not equal to 015, and 100/400 totals off: warnings only (banks need not detail everything)', () => {
    const text = bai2File([{ ...ACCOUNT, summary: '010,100000,,,015,999999,,,100,7000,3,,400,1000,1,' }]);
    const result = parse(text, { strict: true });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'total credits (100) is 7000, the detail records sum to 5000',
      'total credits (100) counts 3 items, there are 1 detail records',
      'opening ledger (010) 100000 + detail 4000 is 104000, not the closing ledger (015) 999999',
    ]);
    expect(result.diagnostics.every((d) => d.level === 'warning')).toBe(true);
  });

  it('physical lines longer than the 01 record length are one warning, still read', () => {
    const text = bai2File([{ ...ACCOUNT, details: [[`16,165,5000,0,AC1,INV-1,${'LONG TEXT '.repeat(10)}`], ['16,475,1000,0,CK1,1001,CHECK PAID']] }]);
    const result = parse(text, { strict: true });
    expect(result.diagnostics).toEqual([{ level: 'warning', message: '1 record(s) have physical lines longer than the 80 characters the 01 record declares (first at line 4)', location: 'line 4' }]);
    expect(result.statements[0]!.entries[0]!.text).toBe('LONG TEXT '.repeat(10).trim());
  });
});
