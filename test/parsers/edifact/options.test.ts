/** ParseOptions and code tables that change how a REMADV is read. */
import { describe, expect, it } from 'vitest';
import { parseRemadv } from '../../../src/parsers/edifact/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { bytes } from '../edi/support.js';

function file(body: string[]): Uint8Array {
  const msg = ['UNH+1+REMADV:D:01B:UN:EAN010', ...body];
  msg.push(`UNT+${msg.length + 1}+1`);
  return bytes(['UNB+UNOC:3+A+B+241010:0800+X', ...msg, 'UNZ+1+X'].map((s) => `${s}'`).join(''));
}

const BODY = ['BGM+481+R1+9', 'DTM+137:20241010:102', 'NAD+PR+GLN1::9++SHOP AG', 'DOC+380+I1', 'MOA+9:100', 'MOA+12:80', 'AJT+11', 'MOA+5:20'];

describe('EDIFACT REMADV options', () => {
  it('4465 numbers are not read as X12 codes: 11 is bank charges, not returns', () => {
    const result = parseRemadv(file(BODY), parseOptions('test.edi'));
    expect(result.remittances[0]!.lines[0]!.adjustments).toEqual([{ amountMinor: 2000, reasonRaw: '11', reasonCode: 'other' }]);
  });

  it("the payer's own reason mapping wins", () => {
    const result = parseRemadv(file(BODY), parseOptions('test.edi', { reasonCodes: { '11': 'freight' } }));
    expect(result.remittances[0]!.lines[0]!.adjustments[0]!.reasonCode).toBe('freight');
  });

  it('the payer comes from the NAD+PR id, then its name, then options.payer', () => {
    expect(parseRemadv(file(BODY), parseOptions('test.edi', { payerIds: { GLN1: 'ID', 'SHOP AG': 'NAME' } })).remittances[0]!.payer).toBe('ID');
    expect(parseRemadv(file(BODY), parseOptions('test.edi', { payerIds: { 'SHOP AG': 'NAME' } })).remittances[0]!.payer).toBe('NAME');
    expect(parseRemadv(file(BODY), parseOptions('test.edi', { payer: 'DEFAULT' })).remittances[0]!.payer).toBe('DEFAULT');
  });

  it('without a payment date the UNB date is used with a warning', () => {
    const result = parseRemadv(file(BODY.filter((s) => !s.startsWith('DTM'))), parseOptions('test.edi'));
    expect(result.remittances[0]!.paymentDate).toBe('2024-10-10');
    expect(result.diagnostics[0]!.message).toMatch(/used the UNB date 2024-10-10/);
  });

  it('an older directory is read with a warning', () => {
    const text = new TextDecoder().decode(file(BODY)).replace('D:01B', 'D:93A');
    const result = parseRemadv(bytes(text), parseOptions('test.edi'));
    expect(result.remittances).toHaveLength(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/older than D.96A/) })]);
  });
});
