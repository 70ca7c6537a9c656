/** Column roles the header words leave open, settled from the values; payment fields from labels, sections and the file name. */
import { describe, expect, it } from 'vitest';
import { parseRemittanceFile } from '../../../src/parsers/index.js';
import { fileNameFields } from '../../../src/parsers/tabular/file-name.js';
import type { ParseOptions } from '../../../src/parsers/types.js';
import { parseOptions } from '../../support/parse-options.js';

const read = async (text: string, extra: Partial<ParseOptions> = {}, file = 'r.csv') =>
  parseRemittanceFile(new TextEncoder().encode(text), parseOptions(file, { payer: 'P', ...extra }));

describe('roles from the values', () => {
  it("the column holding the payer's open invoice numbers is the reference, whatever the header says", async () => {
    const text = 'Reference,Document,Amount Paid,Check No,Check Date\n5100098812,LP-1001,100.00,C1,2024-09-16\n5100098840,LP-1002,200.00,C1,2024-09-16\n';
    const plain = await read(text);
    expect(plain.remittances[0]!.lines.map((l) => l.reference)).toEqual(['5100098812', '5100098840']);
    const known = await read(text, { openInvoiceNumbers: new Set(['LP-1001', 'LP-1002', 'LP-9999']) });
    expect(known.remittances[0]!.lines.map((l) => l.reference)).toEqual(['LP-1001', 'LP-1002']);
  });

  it('the one amount column that adds up to the stated total is the amount paid', async () => {
    const text = 'Total: 300.00\nInvoice Number,Col A,Col B,Check No,Check Date\nLP-1,150.00,7.00,C1,2024-09-16\nLP-2,150.00,9.00,C1,2024-09-16\n';
    const result = await read(text);
    expect(result.remittances[0]!.lines.map((l) => l.paidMinor)).toEqual([15000, 15000]);
    expect(result.remittances[0]!.statedTotalMinor).toBe(30000);
  });

  it('no stated total and two unnamed amount columns: refused, not guessed', async () => {
    const text = 'Invoice Number,Col A,Col B,Check No,Check Date\nLP-1,150.00,7.00,C1,2024-09-16\n';
    await expect(read(text)).rejects.toThrow(/no column for amount paid/);
  });

  it('"Amount" alone is the amount paid; beside "Paid Amount" it is the invoice amount', async () => {
    const alone = await read('Invoice,Amount,Check,Date\nLP-1,10.00,C1,2024-09-16\n');
    expect(alone.remittances[0]).toMatchObject({ paymentRef: 'C1', paymentDate: '2024-09-16', lines: [{ paidMinor: 1000 }] });
    const beside = await read('Invoice,Amount,Paid Amount,Check,Check Date\nLP-1,12.00,10.00,C1,2024-09-16\n');
    expect(beside.remittances[0]!.lines[0]).toMatchObject({ grossMinor: 1200, paidMinor: 1000 });
  });

  it('a lone "Date" is the invoice date when the payment date is given above the table', async () => {
    const result = await read('Payment Date: 2024-09-16\nPayment Number: 77\nDate,Invoice,Amount\n2024-08-30,LP-1,10.00\n');
    expect(result.remittances[0]).toMatchObject({ paymentRef: '77', paymentDate: '2024-09-16', lines: [{ invoiceDate: '2024-08-30' }] });
  });

  it('a column of dates under a header remit has no word for is the invoice date', async () => {
    const result = await read('Check No,Check Date,Invoice Number,Belegt am,Amount Paid\nC1,2024-09-16,LP-1,2024-08-30,10.00\n');
    expect(result.remittances[0]!.lines[0]!.invoiceDate).toBe('2024-08-30');
  });

  it('a header named for amounts whose values are not amounts is not read', async () => {
    const result = await read('Invoice Number,Discount,Amount Paid,Check No,Check Date\nLP-1,see note,10.00,C1,2024-09-16\nLP-2,n/a,20.00,C1,2024-09-16\n');
    expect(result.remittances[0]!.lines.map((l) => l.discountMinor)).toEqual([0, 0]);
  });

  it('a "#" column counting 1, 2, 3 is not the invoice number', async () => {
    const result = await read('#,Doc No,Amount Paid,Check No,Check Date\n1,LP-1,10.00,C1,2024-09-16\n2,LP-2,20.00,C1,2024-09-16\n3,LP-3,30.00,C1,2024-09-16\n');
    expect(result.remittances[0]!.lines.map((l) => l.reference)).toEqual(['LP-1', 'LP-2', 'LP-3']);
  });

  it("a payer's columns mapping wins over the words", async () => {
    const text = 'Invoice Number,Our Ref,Amount Paid,Check No,Check Date\nX-1,LP-1,10.00,C1,2024-09-16\n';
    const result = await read(text, { columns: { reference: 'Our Ref' } });
    expect(result.remittances[0]!.lines[0]!.reference).toBe('LP-1');
  });
});

describe('payment fields around the table', () => {
  it('labels in one cell, beside their value, above and below; several sections one after another', async () => {
    const text = [
      'Payment Number: 1001', 'Payment Date:,2024-09-16', 'Amount:,30.00', '',
      'Invoice Number,Amount Paid', 'LP-1,10.00', 'LP-2,20.00', '',
      'Payment Number:,1002', 'Payment Date:,2024-09-17', '',
      'Invoice Number,Amount Paid', 'LP-3,5.00', 'Total:,6.00',
    ].join('\n');
    const result = await read(text);
    expect(result.remittances.map((r) => [r.paymentRef, r.paymentDate, r.statedTotalMinor, r.lines.length])).toEqual([
      ['1001', '2024-09-16', 3000, 2],
      ['1002', '2024-09-17', 600, 1],
    ]);
    expect(result.diagnostics).toEqual([
      { level: 'error', location: 'the totals row (row 14)', message: 'payment 1002: lines add up to 5.00 but the document states 6.00 (the totals row (row 14))' },
    ]);
    expect(result.remittances[0]!.sources).toEqual({ paymentRef: 'label "Payment Number" on row 1', paymentDate: 'label "Payment Date" on row 2', statedTotal: 'label "Amount" on row 3' });
  });

  it("labels the payer names its own way, from remit.yaml's header_fields", async () => {
    const text = 'Zahlungs-ID;ZA-1\nGebucht;2024-09-16\n\nRechnungsnummer;Zahlbetrag\nLP-1;10,00\n';
    // "Zahlungs-ID" has words remit knows; "Gebucht" (booked) does not.
    await expect(read(text)).rejects.toThrow(/no column for payment date, and no label above the table or the file name gives it/);
    const result = await read(text, { headerFields: { payment_ref: 'Zahlungs-ID', payment_date: 'Gebucht' } });
    expect(result.remittances[0]).toMatchObject({ paymentRef: 'ZA-1', paymentDate: '2024-09-16', lines: [{ paidMinor: 1000 }] });
  });

  it('the file name as the last resort, recorded as the source', async () => {
    const result = await read('Invoice Number,Amount Paid\nLP-1,10.00\n', {}, 'Remittance_4471023_2024-09-16.csv');
    expect(result.remittances[0]).toMatchObject({
      paymentRef: '4471023', paymentDate: '2024-09-16',
      sources: { paymentRef: 'file name "Remittance_4471023_2024-09-16.csv"', paymentDate: 'file name "Remittance_4471023_2024-09-16.csv"' },
    });
  });

  it.each([
    ['Remittance_4471023_2024-09-16.csv', { paymentRef: '4471023', paymentDate: '2024-09-16' }],
    ['PaymentAdvice-20240916-CHK10452.xlsx', { paymentRef: 'CHK10452', paymentDate: '2024-09-16' }],
    ['amazon_remittance_13142949 (1).csv', { paymentRef: '13142949' }],
    ['export.csv', {}],
    ['report_2024.csv', {}],
    ['remittance_16-09-2024.csv', {}],
  ])('file name %s', (name, fields) => {
    expect(fileNameFields(name)).toEqual(fields);
  });

  it("the currency a label's total is written in", async () => {
    const result = await read('Montant total :;1 234,50 €\nN° de règlement :;V-1\nDate de paiement :;17/09/2024\n\nN° facture;Montant réglé\nLP-1;1 234,50\n');
    expect(result.remittances[0]).toMatchObject({ currency: 'EUR', paymentDate: '2024-09-17', statedTotalMinor: 123450 });
  });
});

describe('stated totals the lines do not reach', () => {
  it('a totals row: an error diagnostic naming both figures and the payment', async () => {
    const result = await read('Invoice Number,Amount Paid,Check No,Check Date\nLP-1,10.00,C1,2024-09-16\nLP-2,20.00,C1,2024-09-16\nTOTAL,35.00,,\n');
    expect(result.remittances[0]!.statedTotalMinor).toBe(3500);
    expect(result.diagnostics).toEqual([{ level: 'error', location: 'the totals row (row 4)', message: 'payment C1: lines add up to 30.00 but the document states 35.00 (the totals row (row 4))' }]);
  });

  it('a grand total of several payments is checked against all of them', async () => {
    const good = await read('Invoice Number,Amount Paid,Check No,Check Date\nLP-1,10.00,C1,2024-09-16\nLP-2,20.00,C2,2024-09-16\nTotal,30.00,,\n');
    expect(good.diagnostics).toEqual([]);
    const bad = await read('Invoice Number,Amount Paid,Check No,Check Date\nLP-1,10.00,C1,2024-09-16\nLP-2,20.00,C2,2024-09-16\nTotal,31.00,,\n');
    expect(bad.diagnostics).toMatchObject([{ level: 'error', message: 'payments C1, C2: lines add up to 30.00 but the document states 31.00 (the totals row (row 4))' }]);
  });

  it('a check amount that changes within one payment is an error', async () => {
    const result = await read('Invoice Number,Amount Paid,Check No,Check Date,Check Amount\nLP-1,10.00,C1,2024-09-16,30.00\nLP-2,20.00,C1,2024-09-16,31.00\n');
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'payment C1: column "Check Amount" says 31.00 here but 30.00 on its first row',
    ]);
  });
});

describe('tables printed for people', () => {
  it('a header written over two rows', async () => {
    const text = 'Check No:,C-77\nCheck Date:,2024-09-16\n\nInvoice,Invoice,Gross,Discount,Net\nNumber,Date,Amount,Amount,Amount\nLP-1,2024-08-30,"1,000.00",20.00,980.00\n';
    const result = await read(text);
    expect(result.remittances[0]).toMatchObject({ paymentRef: 'C-77', lines: [{ reference: 'LP-1', invoiceDate: '2024-08-30', grossMinor: 100000, discountMinor: 2000, paidMinor: 98000 }] });
  });

  it('a second, different table (credits applied) is not read, with a warning, and the total still checks the payment', async () => {
    const text = [
      'Confirmation #:,P-9', 'Process Date:,2024-09-18', '',
      'Invoice #,Due Date,Amount Due,Amount Paid', 'LP-1,2024-09-30,100.00,100.00', 'LP-2,2024-09-30,50.00,50.00', '',
      'Vendor Credit Ref #,Invoice #,Amount', 'VC-1,LP-1,-20.00', '',
      'Total Payment Amount:,130.00',
    ].join('\n');
    const result = await read(text);
    expect(result.remittances[0]!.lines.map((l) => l.reference)).toEqual(['LP-1', 'LP-2']);
    expect(result.diagnostics.map((d) => d.level)).toEqual(['warning', 'error']);
    expect(result.diagnostics[0]!.message).toMatch(/another table starts here \(Vendor Credit Ref # \| Invoice # \| Amount\)/);
    // The credit was not read, so the lines do not reach the total: never silent.
    expect(result.diagnostics[1]!.message).toBe('payment P-9: lines add up to 150.00 but the document states 130.00 (the totals row (row 11))');
  });
});
