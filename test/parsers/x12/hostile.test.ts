/**
 * Hostile and broken X12 input: every bad case ends in a ParseError or one-line diagnostics,
 * never a crash, a hang or a silently wrong remittance.
 */
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../src/parsers/types.js';
import { parseX12_820 } from '../../../src/parsers/x12/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { bytes, parseError } from '../edi/support.js';

const ISA = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *241001*0900*U*00401*000000001*0*P*>';

/** One ST*820 with `lines` RMR invoices of 1.00 each; the SE count is right unless `seCount` says otherwise. */
function transaction(control: string, ref: string, lines: number, seCount?: number): string[] {
  const body = [`BPR*C*${lines}*C*ACH************20241001`, `TRN*1*${ref}`, 'N1*PR*PAYER CO', 'ENT*1'];
  for (let i = 1; i <= lines; i += 1) body.push(`RMR*IV*INV-${i}**1*1`);
  const segments = [`ST*820*${control}`, ...body];
  return [...segments, `SE*${seCount ?? segments.length + 1}*${control}`];
}

function interchange(transactions: string[][], tail: string[] = ['GE*N*1', 'IEA*1*000000001']): string {
  const ge = tail.map((segment) => segment.replace('GE*N', `GE*${transactions.length}`));
  return [ISA, 'GS*RA*SENDER*RECEIVER*20241001*0900*1*X*004010', ...transactions.flat(), ...ge].map((s) => `${s}~\n`).join('');
}

function parse(text: string | Uint8Array, lenient = true): ParseResult {
  return parseX12_820(typeof text === 'string' ? bytes(text) : text, parseOptions('test.edi', { lenient }));
}

function expectOneLine(result: ParseResult): void {
  for (const diagnostic of result.diagnostics) expect(diagnostic.message).not.toMatch(/[\r\n]/);
}

describe('X12 820 hostile input', () => {
  it('a valid interchange parses clean in strict mode', () => {
    const result = parse(interchange([transaction('0001', 'P1', 2)]), false);
    expect(result.diagnostics).toEqual([]);
    expect(result.remittances[0]!.lines).toHaveLength(2);
  });

  it('missing IEA at the end: the file was cut short, so it fails whole even in lenient mode', () => {
    const text = interchange([transaction('0001', 'P1', 2)], ['GE*N*1']);
    expect(parseError(() => parse(text)).message).toMatch(/^interchange 000000001 \(segment 1\) has no IEA: the file ends early, it may be cut short$/);
    expect(parseError(() => parse(text, false)).message).toMatch(/has no IEA/);
  });

  it('missing GE and SE at the end of the file: cut short, nothing kept', () => {
    const cut = transaction('0002', 'P2', 3).slice(0, -1);
    const text = [ISA, 'GS*RA*S*R*20241001*0900*1*X*004010', ...transaction('0001', 'P1', 1), ...cut].map((s) => `${s}~`).join('');
    expect(parseError(() => parse(text)).message).toMatch(/has no IEA: the file ends early/);
  });

  it('wrong SE count names the segment number; lenient keeps the other transactions', () => {
    const text = interchange([transaction('0001', 'P1', 2), transaction('0002', 'P2', 3, 14), transaction('0003', 'P3', 1)]);
    const result = parse(text);
    expect(result.remittances.map((r) => r.paymentRef)).toEqual(['P1', 'P3']);
    expect(result.diagnostics).toEqual([
      { level: 'error', message: 'SE count 14 but transaction has 9 segments (segment 19); transaction 0002 skipped', location: 'segment 19' },
    ]);
    expect(parseError(() => parse(text, false)).message).toBe('SE count 14 but transaction has 9 segments (segment 19)');
  });

  it('control numbers that do not match are errors', () => {
    const tx = transaction('0001', 'P1', 1);
    tx[tx.length - 1] = 'SE*7*0009';
    const text = interchange([tx, transaction('0002', 'P2', 1)], ['GE*3*7', 'IEA*2*000000002']);
    const result = parse(text);
    expect(result.remittances.map((r) => r.paymentRef)).toEqual(['P2']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'SE control number 0009 does not match ST 0001 (segment 9); transaction 0001 skipped',
      'GE count 3 but group 1 has 2 transactions (segment 17); its complete transactions are kept',
      'GE control number 7 does not match GS 1 (segment 17); its complete transactions are kept',
      'IEA count 2 but interchange 000000001 has 1 groups (segment 18); its complete transactions are kept',
      'IEA control number 000000002 does not match ISA 000000001 (segment 18); its complete transactions are kept',
    ]);
  });

  it('a file cut in half fails whole: what looks complete may not be all of it', () => {
    const full = interchange([transaction('0001', 'P1', 3), transaction('0002', 'P2', 3)]);
    expect(parseError(() => parse(full.slice(0, Math.floor(full.length * 0.7)))).message).toMatch(/has no IEA: the file ends early/);
  });

  it('a file cut inside its first transaction has nothing usable', () => {
    const full = interchange([transaction('0001', 'P1', 3)]);
    expect(parseError(() => parse(full.slice(0, 200))).message).toMatch(/has no IEA: the file ends early/);
  });

  it('binary junk named .edi', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xff, 0xfe, 0x01]);
    expect(parseError(() => parse(zip)).message).toBe('not an X12 interchange: starts with "PK\\x03\\x04\\x14\\x00\\x06\\x00\\x08\\x00\\x00\\x00!\\x00\\xff\\xfe…"');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(parseError(() => parse(noise)).message).toMatch(/^not an X12 interchange: starts with "/);
  });

  it('an ISA followed by binary junk', () => {
    const junk = String.fromCharCode(...new Uint8Array(300).map((_, i) => (i * 31 + 7) % 256));
    const result = () => parse(`${ISA}~${junk}`);
    const error = parseError(result);
    expect(error.message).toMatch(/has no IEA: the file ends early/);
  });

  it('empty and blank files', () => {
    expect(parseError(() => parse(new Uint8Array(0))).message).toBe('empty file');
    expect(parseError(() => parse('  \r\n\n\0\0')).message).toBe('file holds only blank space');
  });

  it('a malformed ISA', () => {
    expect(parseError(() => parse('ISA*00*   *00~')).message).toMatch(/^not a readable X12 interchange: ISA segment has 3 of its 16 elements$/);
    expect(parseError(() => parse('ISAX00X')).message).toMatch(/ISA element separator is "X"/);
  });

  it('an interchange with no 820 in it', () => {
    const text = [ISA, 'GS*FA*S*R*20241001*0900*1*X*004010', 'ST*997*0001', 'AK1*RA*1', 'SE*3*0001', 'GE*1*1', 'IEA*1*000000001']
      .map((s) => `${s}~`)
      .join('');
    expect(parseError(() => parse(text)).message).toBe('no 820 transaction: found 997');
  });

  it('a bad amount drops the line (lenient) and the totals disagree; strict throws', () => {
    const tx = transaction('0001', 'P1', 2);
    tx[5] = 'RMR*IV*INV-1**1,000.00*1000';
    const text = interchange([tx]);
    const result = parse(text);
    expect(result.remittances[0]!.lines.map((l) => l.reference)).toEqual(['INV-2']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'RMR INV-1 amount paid: not an X12 amount: "1,000.00" (segment 8); line skipped',
      'payment P1: lines add up to 1.00 but BPR02 states 2.00 (segment 4)',
    ]);
    expect(parseError(() => parse(text, false)).message).toBe('RMR INV-1 amount paid: not an X12 amount: "1,000.00" (segment 8)');
  });

  // Message changed on purpose: a missing TRN now falls back to REF*CK/TN/EF, and the error names them.
  it('a transaction without TRN or a payment REF is dropped', () => {
    const tx = transaction('0001', 'P1', 1).filter((s) => !s.startsWith('TRN'));
    tx[tx.length - 1] = `SE*${tx.length}*0001`;
    expect(parseError(() => parse(interchange([tx]))).message).toBe(
      'no usable 820 transaction: transaction 0001 has no payment reference: no TRN02 and no REF*CK, REF*TN or REF*EF (segment 3); transaction 0001 skipped',
    );
  });

  it('NUL padding and junk after the last IEA are ignored with a warning', () => {
    const text = `${interchange([transaction('0001', 'P1', 1)])}\0\0\0-- sent by mailer --\r\n`;
    const result = parse(text);
    expect(result.remittances).toHaveLength(1);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^22 characters after the last IEA ignored: "-- sent by maile…"$/) }),
    ]);
  });

  it('a segment count over limits.maxRows stops with a ParseError', () => {
    const text = interchange([transaction('0001', 'P1', 50)]);
    const limited = parseOptions('test.edi', { limits: { maxRows: 20, maxFieldChars: 65_536, maxExpandedBytes: 1 } });
    expect(() => parseX12_820(bytes(text), limited)).toThrow(/more than 20 segments/);
  });

  it('200,000 segments parse', () => {
    const result = parse(interchange([transaction('0001', 'BIG', 199_990)]));
    expect(result.diagnostics).toEqual([]);
    expect(result.remittances[0]!.lines).toHaveLength(199_990);
    expect(result.remittances[0]!.statedTotalMinor).toBe(19_999_000);
  });
});
