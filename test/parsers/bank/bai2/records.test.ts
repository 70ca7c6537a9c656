/**
 * BAI2 physical lines to logical records: 88s carry on fields or the 16 text, the text keeps
 * its commas and slashes, fixed 80-byte records are cut by the 01's record length.
 */
import { describe, expect, it } from 'vitest';
import { logicalRecords, physicalLines, textStart } from '../../../../src/parsers/bank/bai2/records.js';

function records(text: string): Array<{ code: string; fields: string[]; physical: number }> {
  return [...logicalRecords(physicalLines(text, 65_536), 65_536, () => undefined)].map((r) => ({ code: r.code, fields: r.fields, physical: r.physical }));
}

describe('BAI2 records', () => {
  it('a 16 text keeps its commas and slashes and runs on through its 88s with one space', () => {
    expect(records('16,165,100,0,B1,C1,ORIG CO NAME:Home Depot U.S.A., Inc. ORIG\n88,ID:15/82 IND NAME:X\n88,INC\\')).toEqual([
      { code: '16', fields: ['165', '100', '0', 'B1', 'C1', 'ORIG CO NAME:Home Depot U.S.A., Inc. ORIG ID:15/82 IND NAME:X INC\\'], physical: 3 },
    ]);
  });

  it('a 16 that stops before its text: the 88 carries on the fields', () => {
    expect(records('16,115,10000000,S,5000000,4000000,1000000/\n88,AX13612,B096132,AMALGAMATED CORP. LOCKBOX\n88,DEPOSIT-MISC. RECEIVABLES')).toEqual([
      { code: '16', fields: ['115', '10000000', 'S', '5000000', '4000000', '1000000', 'AX13612', 'B096132', 'AMALGAMATED CORP. LOCKBOX DEPOSIT-MISC. RECEIVABLES'], physical: 3 },
    ]);
  });

  it('a 16 whose text is only the record-ending slash has no text; an 88 then starts it', () => {
    expect(records('16,165,100,0,B1,C1,/')[0]!.fields).toEqual(['165', '100', '0', 'B1', 'C1', '']);
    expect(records('16,165,100,0,B1,C1,/\n88,LATER TEXT')[0]!.fields).toEqual(['165', '100', '0', 'B1', 'C1', 'LATER TEXT']);
  });

  it('the text field is found after the funds type fields (S three amounts, V date and time, D pairs)', () => {
    expect(textStart('165,100,S,1,2,3,B,C,TEXT')).toBe('165,100,S,1,2,3,B,C,'.length);
    expect(textStart('165,100,V,250101,1200,B,C,TEXT')).toBe('165,100,V,250101,1200,B,C,'.length);
    expect(textStart('165,100,D,2,0,50,1,50,B,C,TEXT')).toBe('165,100,D,2,0,50,1,50,B,C,'.length);
    expect(textStart('165,100,0,B,C,TEXT, WITH COMMA')).toBe('165,100,0,B,C,'.length);
    expect(textStart('165,100,0,B')).toBeUndefined();
  });

  it('an 03 continued by 88s; the slash before the 88 is dropped and the fields run on', () => {
    expect(records('03,123,USD,010,500,,,015,600,,/\n88,100,100,1,/')[0]!.fields).toEqual(['123', 'USD', '010', '500', '', '', '015', '600', '', '', '100', '100', '1', '']);
  });

  it('fixed 80-byte records with no line breaks are cut by the declared length, padding removed', () => {
    const lines = ['01,A,B,250101,0000,1,80,,2/', '02,B,122000661,1,250101,2400,USD,2/', '99,0,1,3/'];
    expect(records(lines.map((l) => l.padEnd(80)).join('')).map((r) => r.code)).toEqual(['01', '02', '99']);
  });

  it('CRLF, trailing blanks and blank lines do not reach the fields', () => {
    expect(records('01,A,B,250101,0000,1,80,,2/   \r\n\r\n99,0,1,2/\r\n').map((r) => r.fields)).toEqual([
      ['A', 'B', '250101', '0000', '1', '80', '', '2'],
      ['0', '1', '2'],
    ]);
  });
});
