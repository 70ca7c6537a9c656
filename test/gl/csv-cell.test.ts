import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, textCell } from '../../src/gl/csv-cell.js';

describe('formula neutralisation', () => {
  it.each(['=cmd|"/c calc"!A1', '+SUM(A1:A9)', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('neutralises %j', (text) => {
    expect(neutraliseFormula(text).startsWith("'")).toBe(true);
  });

  it.each(['INV-101234', '1090', 'cash received AMZ 123', ''])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('quotes what CSV needs quoted, after neutralising', () => {
    expect(textCell('=HYPERLINK("http://x","a")')).toBe(`"'=HYPERLINK(""http://x"",""a"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('plain')).toBe('plain');
  });
});
