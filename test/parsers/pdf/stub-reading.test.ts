/**
 * What the template-free PDF reader promises beyond the golden layouts: no readable line is
 * a failed document, a total the lines do not reach is an error naming both figures, the
 * cheque is never read as lines, generic words count as labels only with a value of their
 * type, and a document's day/month order and decimal mark come from its own values.
 */
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { parsePdf } from '../../../src/parsers/pdf/index.js';
import type { ParseOptions, ParseResult } from '../../../src/parsers/types.js';
import { writePdf, type PdfText } from '../../../src/tools/samplegen/pdf/index.js';
import { parseOptions } from '../../support/parse-options.js';

const read = (texts: PdfText[], options: Partial<ParseOptions> = {}): Promise<ParseResult> => parsePdf(writePdf([texts]), parseOptions('stub.pdf', options));

async function refusal(texts: PdfText[], options: Partial<ParseOptions> = {}): Promise<ParseError> {
  const failure = await read(texts, options).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(ParseError);
  return failure as ParseError;
}

const HEADER: PdfText[] = [
  { x: 40, y: 700, text: 'Invoice No.', size: 8, bold: true },
  { x: 140, y: 700, text: 'Invoice Date', size: 8, bold: true },
  { x: 330, y: 700, text: 'Invoice Amount', size: 8, bold: true, align: 'right' },
  { x: 450, y: 700, text: 'Amount Paid', size: 8, bold: true, align: 'right' },
];

function rowAt(y: number, ref: string, date: string, gross: string, paid: string): PdfText[] {
  return [
    { x: 40, y, text: ref, size: 8 },
    { x: 140, y, text: date, size: 8 },
    { x: 330, y, text: gross, size: 8, align: 'right' },
    { x: 450, y, text: paid, size: 8, align: 'right' },
  ];
}

const PAYMENT: PdfText[] = [
  { x: 40, y: 760, text: 'Harbor Lights Grocers', size: 10, bold: true },
  { x: 300, y: 740, text: 'Check No.', size: 8 },
  { x: 360, y: 740, text: '55120', size: 8 },
  { x: 300, y: 728, text: 'Date', size: 8 },
  { x: 360, y: 728, text: '09/24/2024', size: 8 },
];

describe('PDF stubs and advices without a template', () => {
  it('a table whose rows have no readable amount is a failed document, never a payment with no lines', async () => {
    const failure = await refusal([...PAYMENT, ...HEADER, ...rowAt(686, 'INV-1', '09/01/2024', 'n/a', 'see note'), ...rowAt(674, 'INV-2', '09/02/2024', 'n/a', 'see note')]);
    expect(failure.message).toMatch(/^no remittance line could be read: a table with 2 rows; first problem: row skipped, Net not an amount/);
  });

  it('a stated total the lines do not reach is an error naming both figures', async () => {
    const result = await read([
      ...PAYMENT,
      { x: 300, y: 716, text: 'Check Amount', size: 8 },
      { x: 360, y: 716, text: '$1,500.00', size: 8 },
      ...HEADER,
      ...rowAt(686, 'INV-1', '09/01/2024', '1,000.00', '1,000.00'),
      ...rowAt(674, 'INV-2', '09/02/2024', '250.00', '250.00'),
    ]);
    expect(result.remittances[0]!.statedTotalMinor).toBe(150_000);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({
      level: 'error',
      message: 'payment 55120: lines add up to 1,250.00 but the stated total is 1,500.00 (difference 250.00)',
    }));
  });

  it('the total printed under the table is the payment\'s total and is checked', async () => {
    const result = await read([
      ...PAYMENT,
      ...HEADER,
      ...rowAt(686, 'INV-1', '09/01/2024', '1,000.00', '1,000.00'),
      { x: 300, y: 660, text: 'Check Amount', size: 8, bold: true },
      { x: 450, y: 660, text: '1,000.00', size: 8, bold: true, align: 'right' },
    ]);
    expect(result.remittances[0]!.statedTotalMinor).toBe(100_000);
    expect(result.diagnostics).toEqual([]);
  });

  it('the cheque below the stub is never read: its MICR line and amount in words are not lines', async () => {
    const result = await read([
      ...PAYMENT,
      ...HEADER,
      ...rowAt(686, 'INV-1', '09/01/2024', '1,000.00', '1,000.00'),
      { x: 40, y: 640, text: 'PAY TO THE ORDER OF', size: 7 },
      { x: 140, y: 640, text: 'NORTHWIND FOODS INC', size: 8 },
      { x: 450, y: 640, text: '$****1,000.00', size: 8, align: 'right' },
      { x: 40, y: 625, text: 'One thousand and 00/100 Dollars', size: 8 },
      { x: 40, y: 600, text: 'C055120C A021000021A 9988776655C', size: 11 },
    ]);
    expect(result.remittances[0]!.lines.map((l) => l.reference)).toEqual(['INV-1']);
    expect(result.diagnostics).toEqual([]);
  });

  it('a bare "Date" label needs a date after it: a row of column names is not a payment date', async () => {
    const failure = await refusal([
      { x: 300, y: 740, text: 'Check No.', size: 8 },
      { x: 360, y: 740, text: '55120', size: 8 },
      { x: 40, y: 700, text: 'Date', size: 8, bold: true },
      { x: 140, y: 700, text: 'Invoice No.', size: 8, bold: true },
      { x: 450, y: 700, text: 'Amount Paid', size: 8, bold: true, align: 'right' },
      { x: 40, y: 686, text: '09/01/2024', size: 8 },
      { x: 140, y: 686, text: 'INV-1', size: 8 },
      { x: 450, y: 686, text: '10.00', size: 8, align: 'right' },
    ], { dateOrder: 'mdy' });
    expect(failure.message).toBe('payment 55120: no payment date found');
  });

  it('a label row with its values below gives the payment number, date and amount', async () => {
    const result = await read([
      { x: 300, y: 740, text: 'Payment No.', size: 8, bold: true },
      { x: 380, y: 740, text: 'Payment Date', size: 8, bold: true },
      { x: 460, y: 740, text: 'Payment Amount', size: 8, bold: true },
      { x: 300, y: 728, text: 'EFT-7731', size: 8 },
      { x: 380, y: 728, text: '09/24/2024', size: 8 },
      { x: 460, y: 728, text: '10.00', size: 8 },
      ...HEADER,
      ...rowAt(686, 'INV-1', '09/01/2024', '10.00', '10.00'),
    ]);
    const [payment] = result.remittances;
    expect([payment!.paymentRef, payment!.paymentDate, payment!.statedTotalMinor]).toEqual(['EFT-7731', '2024-09-24', 1_000]);
  });

  it('day-first dates are decided from the document (a day above 12); a configured order they contradict fails it', async () => {
    const texts: PdfText[] = [
      { x: 300, y: 740, text: 'Payment No.: 88', size: 8 },
      { x: 300, y: 728, text: 'Payment Date: 05/09/2024', size: 8 },
      ...HEADER,
      ...rowAt(686, 'INV-1', '28/08/2024', '10.00', '10.00'),
    ];
    const result = await read(texts);
    expect(result.remittances[0]!.paymentDate).toBe('2024-09-05');
    expect(result.remittances[0]!.lines[0]!.invoiceDate).toBe('2024-08-28');
    expect(result.dateOrder).toBe('dmy');
    expect((await refusal(texts, { dateOrder: 'mdy' })).message).toMatch(/"28\/08\/2024".*payers\.<ID>\.date_order gives \(mdy\)/);
  });

  it('a document whose dates read either way fails naming the setting, unless the payer\'s earlier documents proved the order', async () => {
    const texts: PdfText[] = [
      { x: 300, y: 740, text: 'Payment No.: 89', size: 8 },
      { x: 300, y: 728, text: 'Payment Date: 05/09/2024', size: 8 },
      ...HEADER,
      ...rowAt(686, 'INV-1', '03/08/2024', '10.00', '10.00'),
    ];
    expect((await refusal(texts, { payer: 'ACME' })).message).toMatch(/read as day-first or month-first.*payers\.ACME\.date_order/);
    const usual = await read(texts, { payer: 'ACME', usualDateOrder: { order: 'dmy', source: "payer ACME's document 7 (a.pdf)" } });
    expect(usual.remittances[0]!.paymentDate).toBe('2024-09-05');
    expect(usual.dateOrder).toBeUndefined();
    expect(usual.diagnostics).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringMatching(/read dmy, as payer ACME's document 7/) }));
  });

  it('dates that contradict each other fail the document', async () => {
    const failure = await refusal([
      { x: 300, y: 740, text: 'Payment No.: 88', size: 8 },
      { x: 300, y: 728, text: 'Payment Date: 09/24/2024', size: 8 },
      ...HEADER,
      ...rowAt(686, 'INV-1', '28/08/2024', '10.00', '10.00'),
    ]);
    expect(failure.message).toMatch(/day-first "28\/08\/2024" and month-first "09\/24\/2024" dates in one file/);
  });

  it('a decimal comma is taken from amounts that read no other way', async () => {
    const result = await read([
      { x: 300, y: 740, text: 'Payment No.: 88', size: 8 },
      { x: 300, y: 728, text: 'Payment Date: 2024-09-24', size: 8 },
      ...HEADER,
      ...rowAt(686, 'INV-1', '2024-08-28', '1.234,50', '1.234,50'),
      ...rowAt(674, 'INV-2', '2024-08-29', '99,95', '99,95'),
    ]);
    expect(result.remittances[0]!.lines.map((l) => l.paidMinor)).toEqual([123_450, 9_995]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^amounts are written with a decimal comma/) }));
  });

  it('a generic "Amount" column is the paid amount only when no column says "Paid"', async () => {
    const header: PdfText[] = [
      { x: 40, y: 700, text: 'Invoice #', size: 8, bold: true },
      { x: 330, y: 700, text: 'Amount', size: 8, bold: true, align: 'right' },
      { x: 450, y: 700, text: 'Paid', size: 8, bold: true, align: 'right' },
    ];
    const result = await read([
      { x: 300, y: 740, text: 'Payment No.: 88', size: 8 },
      { x: 300, y: 728, text: 'Payment Date: 2024-09-24', size: 8 },
      ...header,
      { x: 40, y: 686, text: 'INV-1', size: 8 },
      { x: 330, y: 686, text: '100.00', size: 8, align: 'right' },
      { x: 450, y: 686, text: '98.00', size: 8, align: 'right' },
    ]);
    expect(result.remittances[0]!.lines[0]!.paidMinor).toBe(9_800);
  });

  it('of two generic columns "Amount" is the paid one, not "Payment" (which can hold payment numbers)', async () => {
    const header: PdfText[] = [
      { x: 40, y: 700, text: 'Payment', size: 8, bold: true },
      { x: 140, y: 700, text: 'Invoice #', size: 8, bold: true },
      { x: 450, y: 700, text: 'Amount', size: 8, bold: true, align: 'right' },
    ];
    const result = await read([
      { x: 300, y: 740, text: 'Payment No.: 10452', size: 8 },
      { x: 300, y: 728, text: 'Payment Date: 2024-09-24', size: 8 },
      ...header,
      { x: 40, y: 686, text: '10452', size: 8 },
      { x: 140, y: 686, text: 'INV-1', size: 8 },
      { x: 450, y: 686, text: '98.00', size: 8, align: 'right' },
    ]);
    expect(result.remittances[0]!.lines[0]!.paidMinor).toBe(9_800);
  });

  describe('a generic "Amount" column beside a Discount column', () => {
    const advice = (total?: string): PdfText[] => [
      { x: 300, y: 740, text: 'Payment No.: 88', size: 8 },
      { x: 300, y: 728, text: 'Payment Date: 2024-09-24', size: 8 },
      ...(total ? [{ x: 300, y: 716, text: `Payment Amount: ${total}`, size: 8 }] : []),
      { x: 40, y: 700, text: 'Invoice #', size: 8, bold: true },
      { x: 330, y: 700, text: 'Amount', size: 8, bold: true, align: 'right' as const },
      { x: 450, y: 700, text: 'Discount', size: 8, bold: true, align: 'right' as const },
      { x: 40, y: 686, text: 'INV-1', size: 8 },
      { x: 330, y: 686, text: '100.00', size: 8, align: 'right' as const },
      { x: 450, y: 686, text: '2.00', size: 8, align: 'right' as const },
    ];

    it('is the amount paid when the lines reach the stated total as they are', async () => {
      const result = await read(advice('100.00'));
      expect(result.remittances[0]!.lines[0]!.paidMinor).toBe(10_000);
      expect(result.diagnostics).toEqual([]);
    });

    it('is the invoice amount when the stated total is reached only after the discount', async () => {
      const result = await read(advice('98.00'));
      expect(result.remittances[0]!.lines[0]).toMatchObject({ grossMinor: 10_000, discountMinor: 200, paidMinor: 9_800 });
      expect(result.diagnostics).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/is read as the invoice amount/) })]);
    });

    it('is an error when no total is stated to tell', async () => {
      const result = await read(advice());
      expect(result.diagnostics).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/may be the invoice amount or the amount paid/) })]);
    });
  });
});
