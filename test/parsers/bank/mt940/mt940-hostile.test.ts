/**
 * Hostile and broken MT940/MT942: cut short (no closing balance, no "-}"), balances off,
 * bad statement lines, lines that are no SWIFT at all, MT942 totals off, limits.
 */
import { describe, expect, it } from 'vitest';
import { expectOneLine, parse, parseError } from '../support/bank-hostile.js';

function message(lines: string[], closing = ':62F:C250305EUR1060,00'): string {
  return [':20:STMT1', ':25:37040044/0532013000', ':28C:00044/001', ':60F:C250304EUR1000,00', ...lines, closing].join('\r\n') + '\r\n';
}

const LINES = [':61:2503050305C100,00NTRFNONREF//B1', ':86:/EREF/E1/REMI/USTD//INV 1/', ':61:250305D40,00NCHGNONREF//B2', ':86:FEE'];

describe('MT940 hostile input', () => {
  it('a well-formed message reads clean in strict mode', () => {
    const result = parse(message(LINES), { strict: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.statements[0]!.entries.map((e) => [e.bankRef, e.amountMinor, e.customerRef])).toEqual([
      ['B1', 10000, 'E1'],
      ['B2', -4000, undefined],
    ]);
  });

  it('cut short: the last message has no closing balance, or a FIN message no "-}"', () => {
    expect(parseError(() => parse(message(LINES, '')))).toBeTruthy();
    expect(parseError(() => parse(message(LINES, ''))).message).toBe('the SWIFT message at line 1 ends before its closing balance (:62F:/:62M:) or "-}": it is cut short');
    const fin = `{1:F01BANKDEFFAXXX0000000000}{2:O9400000250305BANKDEFFAXXX00000000002503050000N}{4:\r\n${message(LINES)}`;
    expect(parseError(() => parse(fin)).message).toMatch(/^the SWIFT message at line 1 ends before .*: it is cut short$/);
  });

  it('opening + entries not the closing balance: an error; strict fails', () => {
    const text = message(LINES, ':62F:C250305EUR1061,00');
    const result = parse(text);
    expectOneLine(result);
    expect(result.diagnostics).toEqual([
      { level: 'error', message: 'opening balance 100000 + entries 6000 is 106000, not the closing balance 106100 (off by 100)', location: 'line 1 (statement STMT1)' },
    ]);
    expect(parseError(() => parse(text, { strict: true })).message).toMatch(/^line 1 \(statement STMT1\): opening balance/);
  });

  it('a statement line that does not follow the :61: format is skipped with an error', () => {
    const result = parse(message([...LINES, ':61:2503XX0305C5,00NTRF//B3', ':61:250305C5.00NTRFNONREF//B4'], ':62F:C250305EUR1060,00'));
    expect(result.diagnostics.map((d) => `${d.location}: ${d.message}`)).toEqual([
      'line 9: :61: "2503XX0305C5,00NTRF//B3" does not follow 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]; entry skipped',
      'line 10: :61: "250305C5.00NTRFNONREF//B4" does not follow 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]; entry skipped',
    ]);
  });

  it('a SWIFT amount needs its comma, and a date must be a date', () => {
    const result = parse(message([':61:2502300305C5,00NTRFNONREF//B3', ':61:250305C500NTRFNONREF//B4']));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      ':61: value date "250230" is not a date; entry skipped',
      ':61: not a SWIFT amount (digits and one comma): "500"; entry skipped',
      'opening balance 100000 + entries 0 is 100000, not the closing balance 106000 (off by 6000)',
    ]);
  });

  it('a balance in an unknown currency or without a date is an error', () => {
    const result = parse(message(LINES).replace(':60F:C250304EUR1000,00', ':60F:C250304ZZZ1000,00'));
    expect(result.diagnostics[0]!.message).toBe(':60F: unknown currency "ZZZ": its decimals are not known');
  });

  it('a line that is no SWIFT field and follows none: ParseError naming it', () => {
    const text = message(LINES).replace(':20:STMT1', ':20:STMT1\r\n-\r\nGARBAGE LINE');
    expect(parseError(() => parse(text)).message).toBe('line 3 is neither a SWIFT field nor part of one: "GARBAGE LINE"');
  });

  it('a message without :25: is skipped with an error; with nothing else the file fails', () => {
    const text = message(LINES).replace(':25:37040044/0532013000\r\n', '');
    expect(parseError(() => parse(text)).message).toBe('no statement could be read from this mt940 file: line 1: the message has no :25: account; skipped');
  });

  it('an :86: longer than limits.maxFieldChars is refused', () => {
    const text = message([':61:2503050305C100,00NTRFNONREF//B1', ':86:X', ...Array.from({ length: 2000 }, () => 'Y'.repeat(64))]);
    expect(parseError(() => parse(text)).message).toBe('field :86: at line 6 runs past 65536 characters');
  });

  it('MT942 :90D:/:90C: that disagree with its lines are errors', () => {
    const text = [
      '{1:F01ABNANL2AAXXX0000000000}{2:O9421015250306ABNANL2AAXXX00000000002503061015N}{4:',
      ':20:I1',
      ':25:NL91ABNA0417164300',
      ':28C:1/1',
      ':34F:EURD0,',
      ':61:250306C10,00NTRFNONREF//B1',
      ':61:250306D3,00NTRFNONREF//B2',
      ':90D:2EUR3,00',
      ':90C:1EUR11,00',
      '-}',
    ].join('\r\n');
    const result = parse(text);
    expect(result.format).toBe('mt942');
    expect(result.diagnostics.map((d) => d.message)).toEqual([':90D: 2 debit entries stated, 1 read', ':90C: credit entries sum to 1000, stated 1100']);
  });
});
