/**
 * 820s as trading partners really send them (fixtures/payers-edi/x12, provenance in its
 * README): each file's golden result, plus the behaviours the fixtures exist for.
 */
import { describe, expect, it } from 'vitest';
import { decodeEdiChunks } from '../../../src/parsers/edi/text.js';
import { parseX12_820, streamX12_820 } from '../../../src/parsers/x12/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { bytes, goldenCases, parseError } from '../edi/support.js';
import { checkGoldenOrRefusal } from './golden-or-refusal.js';

const folder = new URL('../../../fixtures/payers-edi/x12/', import.meta.url);
const cases = goldenCases(folder);
const byName = (name: string) => cases.find((c) => c.name === name)!;
const lenient = (input: Uint8Array) => parseX12_820(input, parseOptions('partner.edi'));
const strict = (input: Uint8Array) => parseX12_820(input, parseOptions('partner.edi', { lenient: false }));

describe('X12 820 partner quirks: golden files', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(5));
  for (const golden of cases) it(golden.name, () => checkGoldenOrRefusal(golden, lenient));

  for (const golden of cases.filter((c) => !c.name.startsWith('refused-'))) {
    it(`${golden.name}: the streaming reader, fed 7 bytes at a time, gives the same payments`, () => {
      const chunks = Array.from({ length: Math.ceil(golden.input.length / 7) }, (_, i) => golden.input.subarray(i * 7, i * 7 + 7));
      const stream = streamX12_820(decodeEdiChunks(chunks), parseOptions('partner.edi'));
      expect([...stream.remittances]).toEqual(lenient(golden.input).remittances);
    });
  }
});

describe('X12 820 partner quirks', () => {
  it('spaces before the terminator: lenient reads every amount, with one warning', () => {
    const result = lenient(byName('4010-spaces-before-terminator').input);
    const [payment] = result.remittances;
    expect(payment!.paymentRef).toBe('EFT77120045');
    expect(payment!.lines.map((l) => l.paidMinor)).toEqual([100_000, 23_450]);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(result.diagnostics.filter((d) => /spaces around its elements/.test(d.message))).toHaveLength(1);
  });

  it('spaces before the terminator: strict mode refuses the amount instead of trimming it', () => {
    expect(parseError(() => strict(byName('4010-spaces-before-terminator').input)).message).toMatch(/RMR INV-88101 discount: not an X12 amount: "20\.41 "/);
  });

  it('control numbers that differ only by padding are accepted with a warning, in strict mode too', () => {
    const input = byName('4010-newline-terminator-padded-controls').input;
    const result = strict(input);
    expect(result.remittances.map((r) => r.paymentRef)).toEqual(['0004512']);
    expect(result.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/SE control number "000001203 " is ST's "0001203"/));
  });

  it('control numbers that really differ still drop the transaction', () => {
    const text = new TextDecoder().decode(byName('4010-newline-terminator-padded-controls').input).replace('SE*7*000001203 ', 'SE*7*000001204');
    expect(parseError(() => lenient(bytes(text))).message).toMatch(/SE control number 000001204 does not match ST 0001203/);
  });

  it('no TRN: the payment reference comes from REF*CK, never from REF*VR, and the choice is a warning', () => {
    const result = lenient(byName('5010-no-trn-ref-ck-dtm-formats').input);
    expect(result.remittances[0]!.paymentRef).toBe('0007781');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({
      level: 'warning',
      message: expect.stringMatching(/has no TRN02; payment reference taken from REF\*CK/),
    }));
  });

  it('no TRN and only REF*TN: REF*TN is the reference', () => {
    const text = new TextDecoder().decode(byName('5010-no-trn-ref-ck-dtm-formats').input).replace('REF*CK*0007781', 'REF*TN*ACH-5521');
    expect(lenient(bytes(text)).remittances[0]!.paymentRef).toBe('ACH-5521');
  });

  it('DTM05/DTM06 dates: DT gives the payment date, D8 an invoice date, a month-long RD8 period is no invoice date', () => {
    const result = lenient(byName('5010-no-trn-ref-ck-dtm-formats').input);
    const [payment] = result.remittances;
    expect(payment!.paymentDate).toBe('2024-09-19');
    expect(payment!.lines.map((l) => l.invoiceDate)).toEqual(['2024-08-15', undefined]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/DTM\*003 DTM06 \(RD8\) "20240801-20240831" is a period/) }));
  });

  it('other transaction sets in the interchange are skipped with a warning; an 820 with no detail gives no payment', () => {
    const result = lenient(byName('4010-mixed-sets-and-empty-transaction').input);
    expect(result.remittances.map((r) => r.paymentRef)).toEqual(['ACH24092501']);
    const messages = result.diagnostics.map((d) => `${d.level}: ${d.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^warning: transaction 0001 is a 810, not an 820/));
    expect(messages).toContainEqual(expect.stringMatching(/^warning: transaction 0001 is a 997, not an 820/));
    expect(messages).toContainEqual(expect.stringMatching(/^error: payment ACH24092502 has no usable remittance line: it has no RMR or ADX remittance detail .*skipped$/));
  });

  it('a guide template with placeholder text is refused, never a 0.00 payment', () => {
    const failure = parseError(() => lenient(byName('refused-4010-guide-template-placeholders').input));
    expect(failure.message).toMatch(/no usable 820 transaction: payment CHECK OR EFT NUMBER has no usable remittance line: none of its 2 RMR segments has a readable amount/);
  });
});
