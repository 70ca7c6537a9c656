/** CSV and workbook remittances: encodings, delimiters, title rows, totals, several payments, mappings. */
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { parseRemittanceFile } from '../../../src/parsers/index.js';
import type { ParseOptions } from '../../../src/parsers/types.js';
import { parseOptions } from '../../support/parse-options.js';

const options = (extra: Partial<ParseOptions> = {}): ParseOptions => parseOptions('t', { payer: 'AMZ', ...extra });

const CSV = [
  'Remittance advice from Example Retail',
  '',
  'Inv No;Inv Date;Gross Amt;Disc Amt;Deduction;Reason;Net Paid;Check No;Check Date',
  'INV-1;01/05/2026;1.000,00;20,00;;;980,00;P-1;01/20/2026',
  'Café-2;01/06/2026;500,00;0;(50,00);Shortage;450,00;P-1;01/20/2026',
  'CB-9;;;;;Price claim;-30,00;P-1;01/20/2026',
  'INV-3;01/07/2026;70,00;0;;;70,00;P-2;01/21/2026',
  'TOTAL;;;;;;1.470,00;;',
].join('\r\n');

function utf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => (c === 'é' ? 0xe9 : c.charCodeAt(0))));
}

describe('remittance CSV', () => {
  it.each([
    ['UTF-8', new TextEncoder().encode(CSV)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
    ['UTF-16 LE with BOM', utf16le(CSV, true)],
    ['UTF-16 LE without BOM', utf16le(CSV, false)],
    ['Windows-1252', windows1252(CSV)],
  ])('reads %s, semicolons, title rows, comma decimals, totals row, two payments', async (_name, bytes) => {
    const result = await parseRemittanceFile(bytes, options({ decimalComma: true }));
    expect(result.format).toBe('csv');
    expect(result.remittances.map((r) => [r.paymentRef, r.paymentDate, r.lines.length])).toEqual([
      ['P-1', '2026-01-20', 3],
      ['P-2', '2026-01-21', 1],
    ]);
    const [first, second, chargeback] = result.remittances[0]!.lines;
    expect(first).toMatchObject({ lineNo: 1, reference: 'INV-1', grossMinor: 100000, discountMinor: 2000, paidMinor: 98000, adjustments: [] });
    expect(second).toMatchObject({ reference: 'Café-2', paidMinor: 45000, adjustments: [{ amountMinor: 5000, reasonRaw: 'Shortage', reasonCode: 'shortage' }] });
    expect(chargeback).toMatchObject({ reference: 'CB-9', paidMinor: -3000, adjustments: [{ amountMinor: 3000, reasonCode: 'pricing' }] });
  });

  it('sniffs tabs and pipes too', async () => {
    for (const d of ['\t', '|']) {
      const text = [['Invoice Number', 'Amount Paid', 'Payment Number', 'Payment Date'], ['INV-1', '"1,234.56"', 'P1', '2026-01-02']].map((row) => row.join(d)).join('\n');
      const result = await parseRemittanceFile(new TextEncoder().encode(text), options());
      expect(result.remittances[0]!.lines[0]!.paidMinor).toBe(123456);
    }
  });

  it('uses the payer column mapping from remit.yaml for headers it does not know', async () => {
    const text = 'Doc Ref,Cash In,Remit Id,Value Dt\nA-1,10.00,R9,01/02/2026\n';
    await expect(parseRemittanceFile(new TextEncoder().encode(text), options())).rejects.toThrow(/no header row|no column/);
    const mapped = await parseRemittanceFile(
      new TextEncoder().encode(text),
      // 01/02/2026 reads both ways and nothing in the file tells which: the payer's date_order does.
      options({ columns: { reference: 'Doc Ref', paid: 'Cash In', payment_ref: 'Remit Id', payment_date: 'Value Dt' }, knownDateOrder: 'mdy' }),
    );
    expect(mapped.remittances[0]).toMatchObject({ paymentRef: 'R9', paymentDate: '2026-01-02', lines: [{ reference: 'A-1', paidMinor: 1000 }] });
  });

  it('reads every negative notation', async () => {
    const text = ['Invoice Number,Amount Paid,Payment Number,Payment Date', 'A,(1.00),P,01/01/2026', 'B,2.00-,P,01/01/2026', 'C,-3.00,P,01/01/2026', 'D,$4.00,P,01/01/2026'].join('\n');
    const result = await parseRemittanceFile(new TextEncoder().encode(text), options());
    expect(result.remittances[0]!.lines.map((l) => l.paidMinor)).toEqual([-100, -200, -300, 400]);
  });
});

describe('remittance workbooks', () => {
  it('reads number, date and text cells from an XLSX with a title row and a TOTAL row', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Example Retail - Remittance Advice'],
      [],
      ['Vendor Invoice #', 'Inv Date', 'Gross Amt', 'Disc Amt', 'Adj Amt', 'Adj Reason', 'Net Paid', 'Check/EFT #', 'Pay Date'],
      [101234, 45534, 12414.98, 0, 0, '', 4700, '003311497', 45559],
      ['INV-1', 45534, 30680, 613.6, -1139.8, 'Co-op Advertising', 28926.6, '003311497', 45559],
      ['TOTAL', '', '', '', '', '', 33626.6],
    ]);
    for (const address of ['B4', 'I4', 'B5', 'I5']) (sheet[address] as XLSX.CellObject).z = 'mm/dd/yyyy';
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Remittance');
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
    const result = await parseRemittanceFile(bytes, options());
    expect(result.format).toBe('xlsx');
    expect(result.remittances).toHaveLength(1);
    expect(result.remittances[0]).toMatchObject({ paymentRef: '003311497', paymentDate: '2024-09-24' });
    expect(result.remittances[0]!.lines).toMatchObject([
      { reference: '101234', invoiceDate: '2024-08-30', paidMinor: 470000, grossMinor: 1241498 },
      { reference: 'INV-1', discountMinor: 61360, paidMinor: 2892660, adjustments: [{ amountMinor: 113980, reasonCode: 'co-op' }] },
    ]);
  });

  it('reads an HTML table saved as .xls, as some portals do', async () => {
    const html = '<html><body><table><tr><th>Invoice Number</th><th>Amount Paid</th><th>Payment Number</th><th>Payment Date</th></tr><tr><td>INV-7</td><td>12.50</td><td>P7</td><td>03/04/2026</td></tr></table></body></html>';
    const result = await parseRemittanceFile(new TextEncoder().encode(html), options());
    expect(result.remittances[0]).toMatchObject({ paymentRef: 'P7', lines: [{ reference: 'INV-7', paidMinor: 1250 }] });
  });
});
