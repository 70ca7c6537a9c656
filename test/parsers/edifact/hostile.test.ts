/**
 * Hostile and broken EDIFACT input: every bad case ends in a ParseError or one-line
 * diagnostics, never a crash, a hang or a silently wrong remittance.
 */
import { describe, expect, it } from 'vitest';
import { parseRemadv } from '../../../src/parsers/edifact/index.js';
import type { ParseResult } from '../../../src/parsers/types.js';
import { parseOptions } from '../../support/parse-options.js';
import { bytes, parseError } from '../edi/support.js';

/** One REMADV with `docs` invoices of 1.00 each; the UNT count is right unless `untCount` says otherwise. */
function message(ref: string, payment: string, docs: number, untCount?: number): string[] {
  const body = [`BGM+481+${payment}+9`, 'DTM+137:20241010:102', 'NAD+PR+PAYER01::9++PAYER CO'];
  for (let i = 1; i <= docs; i += 1) body.push(`DOC+380+INV-${i}`, 'MOA+9:1', 'MOA+12:1');
  body.push('UNS+S', `MOA+12:${docs}`);
  const segments = [`UNH+${ref}+REMADV:D:96A:UN`, ...body];
  return [...segments, `UNT+${untCount ?? segments.length + 1}+${ref}`];
}

function interchange(messages: string[][], trailer: string[] = [`UNZ+${messages.length}+IC1`]): string {
  return ['UNB+UNOC:3+PAYER+NORTHWIND+241010:0800+IC1', ...messages.flat(), ...trailer].map((s) => `${s}'\n`).join('');
}

function parse(text: string | Uint8Array, lenient = true): ParseResult {
  return parseRemadv(typeof text === 'string' ? bytes(text) : text, parseOptions('test.edi', { lenient }));
}

describe('EDIFACT REMADV hostile input', () => {
  it('a valid interchange parses clean in strict mode', () => {
    const result = parse(interchange([message('1', 'P1', 2)]), false);
    expect(result.diagnostics).toEqual([]);
    expect(result.remittances[0]!.lines).toHaveLength(2);
  });

  it('missing UNZ: lenient keeps the messages with an error, strict throws', () => {
    const text = interchange([message('1', 'P1', 2)], []);
    const result = parse(text);
    expect(result.remittances.map((r) => r.paymentRef)).toEqual(['P1']);
    expect(result.diagnostics).toEqual([
      {
        level: 'error',
        message: 'interchange IC1 (segment 1) has no UNZ before the end of the file (segment 15); its complete messages are kept',
        location: 'segment 1',
      },
    ]);
    expect(parseError(() => parse(text, false)).message).toBe('interchange IC1 (segment 1) has no UNZ before the end of the file (segment 15)');
  });

  it('wrong UNT count names the segment number; lenient keeps the other messages', () => {
    const text = interchange([message('1', 'P1', 1), message('2', 'P2', 2, 99), message('3', 'P3', 1)]);
    const result = parse(text);
    expect(result.remittances.map((r) => r.paymentRef)).toEqual(['P1', 'P3']);
    expect(result.diagnostics).toEqual([
      { level: 'error', message: 'UNT count 99 but message has 13 segments (segment 24); message 2 skipped', location: 'segment 24' },
    ]);
    expect(parseError(() => parse(text, false)).message).toBe('UNT count 99 but message has 13 segments (segment 24)');
  });

  it('UNZ count and reference mismatches are errors', () => {
    const result = parse(interchange([message('1', 'P1', 1)], ['UNZ+3+OTHER']));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'UNZ count 3 but interchange IC1 has 1 messages (segment 12); its complete messages are kept',
      'UNZ reference OTHER does not match IC1 (segment 12); its complete messages are kept',
    ]);
  });

  it('a REMADV cut in half keeps what is whole and says what was lost', () => {
    const full = interchange([message('1', 'P1', 3), message('2', 'P2', 3)]);
    const result = parse(full.slice(0, Math.floor(full.length * 0.75)));
    expect(result.remittances.map((r) => r.paymentRef)).toEqual(['P1']);
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages.some((m) => /^message 2 \(segment \d+\) has no UNT before the end of the file/.test(m))).toBe(true);
    expect(messages.some((m) => /has no UNZ/.test(m))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(/[\r\n]/);
  });

  it('a REMADV cut inside its only message has nothing usable', () => {
    const full = interchange([message('1', 'P1', 4)]);
    const half = full.slice(0, Math.floor(full.length / 2));
    expect(parseError(() => parse(half)).message).toMatch(/^no usable REMADV message: message 1 \(segment 2\) has no UNT/);
    expect(parseError(() => parse(half, false)).message).toMatch(/^message 1 \(segment 2\) has no UNT/);
  });

  it('binary junk named .edi', () => {
    const pdf = bytes('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj');
    expect(parseError(() => parse(pdf)).message).toBe('not an EDIFACT interchange: starts with "%PDF-1.7\\x0a%\\xe2\\xe3\\xcf\\xd3\\x0a1…"');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(parseError(() => parse(noise)).message).toMatch(/^not an EDIFACT interchange: starts with "/);
  });

  it('a UNB followed by binary junk', () => {
    const junk = String.fromCharCode(...new Uint8Array(400).map((_, i) => (i * 31 + 7) % 256));
    expect(parseError(() => parse(`UNB+UNOC:3+A+B+241010:0800+1'${junk}`)).message).toMatch(/^no usable REMADV message: /);
  });

  it('empty and blank files', () => {
    expect(parseError(() => parse(new Uint8Array(0))).message).toBe('empty file');
    expect(parseError(() => parse('\r\n  \0')).message).toBe('file holds only blank space');
  });

  it('a broken UNA', () => {
    expect(parseError(() => parse('UNA:+')).message).toBe('not a readable EDIFACT interchange: UNA service string advice is cut short');
    expect(parseError(() => parse("UNA++.? 'UNB")).message).toMatch(/^not a readable EDIFACT interchange: UNA uses one character for two purposes/);
    expect(parseError(() => parse("UNA:+;? 'UNB")).message).toBe('not a readable EDIFACT interchange: UNA decimal mark is ";", not "." or ","');
  });

  it('a file ending on a release character', () => {
    const text = `${interchange([message('1', 'P1', 1)])}?`;
    const result = parse(text);
    expect(result.remittances).toHaveLength(1);
    expect(result.diagnostics).toEqual([{ level: 'warning', message: 'the file ends with a release character', location: 'segment 13' }]);
  });

  it('an interchange of other messages', () => {
    const text = interchange([['UNH+1+INVOIC:D:96A:UN', 'BGM+380+X+9', 'UNT+3+1']]);
    expect(parseError(() => parse(text)).message).toBe('no REMADV message: found INVOIC');
  });

  it('a bad amount is left out (lenient) and the paid amount derived from the due; strict throws', () => {
    const msg = message('1', 'P1', 2);
    msg[msg.indexOf('MOA+12:1')] = 'MOA+12:1.000,00';
    const text = interchange([msg]);
    const result = parse(text);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'MOA+12: not an EDIFACT number: "1.000,00" (segment 8); value left out',
      'DOC INV-1 has no MOA+12 amount remitted; taken as due - discount - adjustments (segment 6)',
    ]);
    expect(result.remittances[0]!.lines[0]!.paidMinor).toBe(100);
    expect(parseError(() => parse(text, false)).message).toBe('MOA+12: not an EDIFACT number: "1.000,00" (segment 8)');
  });

  it('a segment count over limits.maxRows stops with a ParseError', () => {
    const limited = parseOptions('test.edi', { limits: { maxRows: 10, maxFieldChars: 65_536, maxExpandedBytes: 1 } });
    expect(() => parseRemadv(bytes(interchange([message('1', 'P1', 20)])), limited)).toThrow(/more than 10 segments/);
  });

  it('200,000 segments parse', () => {
    const result = parse(interchange([message('1', 'BIG', 66_662)]));
    expect(result.diagnostics).toEqual([]);
    expect(result.remittances[0]!.lines).toHaveLength(66_662);
    expect(result.remittances[0]!.statedTotalMinor).toBe(6_666_200);
  });
});
