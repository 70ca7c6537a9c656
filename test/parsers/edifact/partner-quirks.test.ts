/**
 * REMADVs as trading partners really send them (fixtures/payers-edi/edifact, provenance in
 * its README): each file's golden result, plus the behaviours the fixtures exist for.
 */
import { describe, expect, it } from 'vitest';
import { parseRemadv } from '../../../src/parsers/edifact/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { goldenCases, parseError } from '../edi/support.js';
import { checkGoldenOrRefusal } from '../x12/golden-or-refusal.js';

const cases = goldenCases(new URL('../../../fixtures/payers-edi/edifact/', import.meta.url));
const byName = (name: string) => cases.find((c) => c.name === name)!;
const lenient = (input: Uint8Array) => parseRemadv(input, parseOptions('partner.edi'));
const strict = (input: Uint8Array) => parseRemadv(input, parseOptions('partner.edi', { lenient: false }));

describe('REMADV partner quirks: golden files', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(5));
  for (const golden of cases) it(golden.name, () => checkGoldenOrRefusal(golden, lenient));
});

describe('REMADV partner quirks', () => {
  it('DTM format 303 (CCYYMMDDHHMMZZZ, zone escaped as ?+01) and 203 read as days; release characters unescaped', () => {
    const result = lenient(byName('d96a-303-dates-release-chars').input);
    const [payment] = result.remittances;
    expect(payment!.paymentDate).toBe('2024-09-30');
    expect(payment!.paymentRef).toBe('ZV+2024:0930');
    expect(payment!.payerName).toMatch(/^BAECKEREI O'BRIEN GMBH/);
    expect(payment!.lines.map((l) => l.invoiceDate)).toEqual(['2024-08-15', undefined]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/DTM\+3: "20240801-20240831" is a period/) }));
  });

  it('spaces before the terminator and CR LF after it: lenient trims with one warning; UNT reference 1 matches UNH 0001', () => {
    const result = lenient(byName('d01b-no-una-crlf-spaces').input);
    expect(result.remittances[0]!.lines.map((l) => l.paidMinor)).toEqual([1_250_000, -125_000]);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(result.diagnostics.filter((d) => /spaces around its values/.test(d.message))).toHaveLength(1);
  });

  it('spaces before the terminator: strict mode refuses the amount', () => {
    expect(parseError(() => strict(byName('d01b-no-una-crlf-spaces').input)).message).toMatch(/not an EDIFACT number: "12500\.00 "/);
  });

  it('a UNA whose segment terminator is a newline, in a CR LF file, with an INVOIC skipped', () => {
    const result = strict(byName('d96a-newline-terminator-with-invoic').input);
    expect(result.remittances.map((r) => [r.paymentRef, r.lines.map((l) => l.reference)])).toEqual([['RA-3302', ['RE-2024-3290']]]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringMatching(/message 1 is a INVOIC, not a REMADV/) }));
  });

  it('every amount unusable: no payment, the file is refused', () => {
    expect(parseError(() => lenient(byName('refused-all-amounts-unusable').input)).message).toMatch(
      /payment ERR-1 has no usable remittance line: none of its 2 DOC groups has a readable amount/,
    );
  });

  it('no DOC group at all: no payment, the file is refused', () => {
    expect(parseError(() => lenient(byName('refused-no-doc').input)).message).toMatch(/payment ERR-2 has no usable remittance line: it has no DOC group/);
  });
});
