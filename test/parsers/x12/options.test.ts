/** ParseOptions that change how an 820 is read: ADX sign, payer mapping, reason mapping, strictness. */
import { describe, expect, it } from 'vitest';
import { parseX12_820 } from '../../../src/parsers/x12/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { bytes } from '../edi/support.js';

const ISA = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *241001*0900*U*00401*000000001*0*P*>';

function file(body: string[], version = '004010'): Uint8Array {
  const tx = ['ST*820*0001', ...body];
  tx.push(`SE*${tx.length + 1}*0001`);
  return bytes([ISA, `GS*RA*S*R*20241001*0900*1*X*${version}`, ...tx, 'GE*1*1', 'IEA*1*000000001'].map((s) => `${s}~`).join(''));
}

const BODY = [
  'BPR*C*90*C*ACH************20241001',
  'TRN*1*P1',
  'N1*PR*PAYER CO*92*V123',
  'ENT*1',
  'RMR*IV*INV-1**90*100',
  'ADX*-10*ZZ',
];

describe('X12 820 options', () => {
  it('adxSign overrides the version default', () => {
    const negative = parseX12_820(file(BODY), parseOptions('test.edi'));
    expect(negative.remittances[0]!.lines[0]!.adjustments[0]!.amountMinor).toBe(1000);
    const positive = parseX12_820(file(BODY), parseOptions('test.edi', { adxSign: 'positive-kept' }));
    expect(positive.remittances[0]!.lines[0]!.adjustments[0]!.amountMinor).toBe(-1000);
  });

  it('the payer comes from N104, then N102, then options.payer', () => {
    const byId = parseX12_820(file(BODY), parseOptions('test.edi', { payer: 'DEFAULT', payerIds: { V123: 'BY-ID', 'PAYER CO': 'BY-NAME' } }));
    expect(byId.remittances[0]!.payer).toBe('BY-ID');
    const byName = parseX12_820(file(BODY), parseOptions('test.edi', { payer: 'DEFAULT', payerIds: { 'PAYER CO': 'BY-NAME' } }));
    expect(byName.remittances[0]!.payer).toBe('BY-NAME');
    const fallback = parseX12_820(file(BODY), parseOptions('test.edi', { payer: 'DEFAULT' }));
    expect(fallback.remittances[0]!.payer).toBe('DEFAULT');
    expect(fallback.remittances[0]!.payerName).toBe('PAYER CO');
  });

  it("the payer's own reason mapping wins", () => {
    const result = parseX12_820(file(BODY), parseOptions('test.edi', { reasonCodes: { ZZ: 'freight' } }));
    expect(result.remittances[0]!.lines[0]!.adjustments[0]).toEqual({ amountMinor: 1000, reasonRaw: 'ZZ', reasonCode: 'freight' });
  });

  it('a total mismatch is an error diagnostic even in strict mode, never a throw', () => {
    const body = BODY.map((s) => (s.startsWith('BPR') ? 'BPR*C*95*C*ACH************20241001' : s));
    const result = parseX12_820(file(body), parseOptions('test.edi', { lenient: false }));
    expect(result.remittances).toHaveLength(1);
    expect(result.diagnostics).toEqual([
      { level: 'error', message: 'payment P1: lines add up to 90.00 but BPR02 states 95.00 (segment 4)', location: 'segment 4' },
    ]);
  });

  it('dates: DTM*097 when BPR16 is empty, the GS date when both are', () => {
    const noBpr16 = BODY.map((s) => (s.startsWith('BPR') ? 'BPR*C*90*C*ACH' : s));
    const withDtm = parseX12_820(file([...noBpr16.slice(0, 2), 'DTM*097*20240930', ...noBpr16.slice(2)]), parseOptions('test.edi'));
    expect(withDtm.remittances[0]!.paymentDate).toBe('2024-09-30');
    const none = parseX12_820(file(noBpr16), parseOptions('test.edi'));
    expect(none.remittances[0]!.paymentDate).toBe('2024-10-01');
    expect(none.diagnostics[0]!.message).toMatch(/used the GS04 group date 2024-10-01/);
  });

  it('an unknown version is read as 4010 with a warning', () => {
    const result = parseX12_820(file(BODY, '002001'), parseOptions('test.edi'));
    expect(result.remittances[0]!.lines[0]!.adjustments[0]!.amountMinor).toBe(1000);
    expect(result.diagnostics).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/outside 003030-008030/) })]);
  });

  it('segment-like text after the last IEA is an error, not a footer', () => {
    const text = `${new TextDecoder().decode(file(BODY))}\nISX*broken*interchange~GS*RA~`;
    const result = parseX12_820(bytes(text), parseOptions('test.edi'));
    expect(result.diagnostics).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/after the last IEA ignored/) })]);
    expect(() => parseX12_820(bytes(text), parseOptions('test.edi', { lenient: false }))).toThrow(/after the last IEA ignored/);
  });
});
