/** Hostile and odd tabular input for the layout, label and convention readers: one-line errors, never a wrong value, bounded work. */
import { describe, expect, it } from 'vitest';
import { parseRemittanceFile, streamRemittanceFile } from '../../../src/parsers/index.js';
import { NotStreamable } from '../../../src/parsers/stream.js';
import { parseOptions } from '../../support/parse-options.js';

const options = (file = 'h.csv') => parseOptions(file, { payer: 'P' });
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('hostile tabular input', () => {
  it('60,000 rows whose dates all read both ways: the stream gives up holding them, the whole file fails naming date_order', async () => {
    const rows = ['Invoice Number,Invoice Date,Amount Paid,Payment Number,Payment Date'];
    for (let i = 0; i < 60_000; i += 1) rows.push(`LP-${i},0${1 + (i % 9)}/0${1 + ((i + 1) % 9)}/2024,1.00,P${Math.floor(i / 100)},02/03/2024`);
    const bytes = bytesOf(`${rows.join('\n')}\n`);
    const stream = streamRemittanceFile(bytes.subarray(0, 65_536), [bytes], options())!;
    expect(() => [...stream.remittances]).toThrow(NotStreamable);
    await expect(parseRemittanceFile(bytes, options())).rejects.toThrow(/read as day-first or month-first.*payers\.P\.date_order/);
  });

  it('a day above 12 on the last row decides the order of every row before it', async () => {
    const rows = ['Invoice Number,Invoice Date,Amount Paid,Payment Number,Payment Date'];
    for (let i = 0; i < 2_000; i += 1) rows.push(`LP-${i},03/04/2024,1.00,P1,05/06/2024`);
    rows.push('LP-last,25/04/2024,1.00,P1,05/06/2024');
    const bytes = bytesOf(`${rows.join('\n')}\n`);
    const whole = await parseRemittanceFile(bytes, options());
    expect(whole.remittances[0]).toMatchObject({ paymentDate: '2024-06-05' });
    expect(whole.remittances[0]!.lines[0]!.invoiceDate).toBe('2024-04-03');
    const streamed = [...streamRemittanceFile(bytes.subarray(0, 65_536), [bytes.subarray(0, 1000), bytes.subarray(1000)], options())!.remittances];
    expect(streamed).toEqual(whole.remittances);
  });

  it('a month-first date after the file was decided day-first fails, naming both', async () => {
    const text = 'Invoice Number,Invoice Date,Amount Paid,Payment Number,Payment Date\nLP-1,25/04/2024,1.00,P1,05/06/2024\nLP-2,04/25/2024,1.00,P1,05/06/2024\n';
    await expect(parseRemittanceFile(bytesOf(text), options())).rejects.toThrow(/row 3, column "Invoice Date": day-first "25\/04\/2024" \(row 2, column "Invoice Date"\) and month-first "04\/25\/2024" dates in one file: set payers\.P\.date_order/);
  });

  it('a decimal comma after the file was decided decimal point fails, naming both', async () => {
    const text = 'Invoice Number,Amount Paid,Payment Number,Payment Date\nLP-1,1.50,P1,2024-09-16\nLP-2,"2,50",P1,2024-09-16\n';
    await expect(parseRemittanceFile(bytesOf(text), options())).rejects.toThrow(/"2,50" has a decimal comma but "1\.50" \(row 2, column "Amount Paid"\) has a decimal point: set payers\.P\.decimal_comma/);
  });

  it('a header of 5,000 columns is read in bounded time', async () => {
    const header = ['Invoice Number', 'Amount Paid', 'Payment Number', 'Payment Date', ...Array.from({ length: 5_000 }, (_, i) => `Extra ${i}`)];
    const row = ['LP-1', '1.00', 'P1', '2024-09-16', ...Array.from({ length: 5_000 }, () => 'x')];
    const started = Date.now();
    const result = await parseRemittanceFile(bytesOf(`${header.join(',')}\n${row.join(',')}\n`), options());
    expect(result.remittances[0]!.lines[0]!.paidMinor).toBe(100);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('labels with huge values and colons in data cells are not taken for payment fields', async () => {
    const text = `Payment Number:,${'9'.repeat(500)}\nPayment Number:,P-7\nPayment Date:,2024-09-16\nInvoice Number,Amount Paid,Note\nLP-1,1.00,ref: 12:30 call\nNote: see attached,,\n`;
    const result = await parseRemittanceFile(bytesOf(text), options());
    expect(result.remittances[0]).toMatchObject({ paymentRef: 'P-7', lines: [{ reference: 'LP-1', paidMinor: 100 }] });
    expect(result.remittances[0]!.lines).toHaveLength(1);
  });

  it('page headers repeated inside the table are skipped', async () => {
    const text = 'Invoice Number,Amount Paid,Check No,Check Date\nLP-1,1.00,C1,2024-09-16\nInvoice Number,Amount Paid,Check No,Check Date\nLP-2,2.00,C1,2024-09-16\n';
    const result = await parseRemittanceFile(bytesOf(text), options());
    expect(result.remittances[0]!.lines.map((l) => l.reference)).toEqual(['LP-1', 'LP-2']);
  });

  it('a label date that reads both ways with no other evidence fails even though the table has ISO dates', async () => {
    const text = 'Check Date: 03/04/2024\nCheck No: 5\nInvoice Number,Invoice Date,Amount Paid\nLP-1,2024-02-01,1.00\n';
    await expect(parseRemittanceFile(bytesOf(text), options())).rejects.toThrow(/"03\/04\/2024" \(label "Check Date" on row 1\).*payers\.P\.date_order/);
  });
});
