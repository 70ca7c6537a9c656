/** Remittances written in a body: which HTML table, how a text table's columns are found, which fields are added. */
import { describe, expect, it } from 'vitest';
import { bodyTables } from '../../../src/mail/parts/body-tables.js';
import { htmlTables } from '../../../src/mail/parts/html-tables.js';
import { remittancesFromRows } from '../../../src/parsers/tabular/remittance-table.js';
import { parseOptions } from '../../support/parse-options.js';

const OPTIONS = { columns: {}, decimalComma: false };
const texts = (rows: Array<Array<{ text: string }>>) => rows.map((row) => row.map((cell) => cell.text));
const read = (html: string | undefined, text = '') => bodyTables({ html, text }, '', OPTIONS);

describe('HTML tables', () => {
  it('spreads colspan, leaves rowspan cells empty below, reads <br> as a space, keeps nested tables apart', () => {
    const { tables } = htmlTables(`<table>
      <tr><td rowspan="2">A<br>1</td><td colspan="2">wide</td></tr>
      <tr><td>b</td><td>c<table><tr><td>inner</td></tr></table></td></tr>
    </table>`);
    expect(tables.map((t) => t.rows)).toEqual([
      [['A 1', 'wide', ''], ['', 'b', 'c']],
      [['inner']],
    ]);
  });

  it('takes the table with the most remittance-like header, not a summary or a price list', () => {
    const [table] = read(`<p>Payment Number: 55<br>Payment Date: 10/15/2024</p>
      <table><tr><th>Item</th><th>Price</th></tr><tr><td>Apples</td><td>1.00</td></tr></table>
      <table><tr><th>Invoice</th><th>Net Amount</th></tr><tr><td>INV-9</td><td>5.00</td></tr></table>
      <table><tr><th>Invoice Number</th><th>Invoice Date</th><th>Discount</th><th>Amount Paid</th></tr>
        <tr><td>INV-1</td><td>09/01/2024</td><td>0.00</td><td>10.00</td></tr></table>`);
    expect(texts(table!.rows)).toEqual([
      ['Invoice Number', 'Invoice Date', 'Discount', 'Amount Paid', 'Payment Number', 'Payment Date'],
      ['INV-1', '09/01/2024', '0.00', '10.00', '55', '10/15/2024'],
    ]);
  });

  it('reads two payments in one body, each with the fields written above its own table', () => {
    const tables = read(`<p>Payment Number: P-1<br>Payment Date: 10/01/2024</p>
      <table><tr><th>Invoice Number</th><th>Amount Paid</th></tr><tr><td>INV-1</td><td>10.00</td></tr></table>
      <p>Payment Number: P-2<br>Payment Date: 10/02/2024</p>
      <table><tr><th>Invoice Number</th><th>Amount Paid</th></tr><tr><td>INV-2</td><td>20.00</td></tr></table>`);
    const remittances = tables.flatMap((t) => remittancesFromRows(t.rows, parseOptions('body', { dateOrder: 'mdy' })).remittances);
    expect(remittances.map((r) => [r.paymentRef, r.paymentDate, r.lines.map((l) => l.paidMinor)])).toEqual([
      ['P-1', '2024-10-01', [1000]],
      ['P-2', '2024-10-02', [2000]],
    ]);
  });

  it('a table that has its own payment columns gets nothing added, and says what is missing when nothing names it', () => {
    const [own] = read('<table><tr><th>Check #</th><th>Check Date</th><th>Invoice #</th><th>Net Paid</th></tr><tr><td>77</td><td>10/01/2024</td><td>A-1</td><td>1.00</td></tr></table>');
    expect(own!.addedColumns).toEqual([]);
    expect(own!.missing).toEqual([]);
    const [bare] = read('<table><tr><th>Invoice Number</th><th>Amount Paid</th></tr><tr><td>A-1</td><td>1.00</td></tr></table>');
    expect(bare!.missing).toEqual(['payment_ref', 'payment_date']);
  });

  it('drops a totals row even when "Total" is not in the first columns', () => {
    const [table] = read(`<p>Payment Number: 9<br>Payment Date: 10/01/2024</p><table>
      <tr><th>Invoice Number</th><th>Invoice Date</th><th>Gross</th><th>Discount</th><th>Amount Paid</th></tr>
      <tr><td>INV-1</td><td>09/01/2024</td><td>10.00</td><td>0.00</td><td>10.00</td></tr>
      <tr><td></td><td></td><td></td><td>Grand Total</td><td>10.00</td></tr></table>`);
    expect(texts(table!.rows).map((row) => row[0])).toEqual(['Invoice Number', 'INV-1']);
  });
});

describe('text tables', () => {
  it('uses the dash rule for column extents and right-aligned numbers that start left of their header', () => {
    const text = [
      'Check No: 4411',
      'Check Date: 2024-10-15',
      '',
      'Invoice No   Invoice Date        Amount Paid',
      '-----------  ------------  -----------------',
      'INV-1          2024-09-01   1,234,567.89',
      'INV-2          2024-09-02              5.00',
      '',
      'Thank you for your business.',
    ].join('\n');
    const [table] = read(undefined, text);
    expect(texts(table!.rows)).toEqual([
      ['Invoice No', 'Invoice Date', 'Amount Paid', 'Payment Number', 'Payment Date'],
      ['INV-1', '2024-09-01', '1,234,567.89', '4411', '2024-10-15'],
      ['INV-2', '2024-09-02', '5.00', '4411', '2024-10-15'],
    ]);
  });

  it('keeps single spaces inside a cell, reads on past a blank line between rows, stops at prose', () => {
    const text = [
      'Payment Number: 1',
      'Payment Date: 10/01/2024',
      'Invoice Number    Description        Amount Paid',
      'CB-1              Shortage Claim          -10.00',
      '',
      'INV-2             Invoice                  30.00',
      'Questions? Call us.',
    ].join('\n');
    const [table] = read(undefined, text);
    expect(texts(table!.rows).slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['CB-1', 'Shortage Claim', '-10.00'],
      ['INV-2', 'Invoice', '30.00'],
    ]);
  });

  it('expands tabs and reads a table behind "> " quote marks', () => {
    const text = ['> Payment Number: 3', '> Payment Date: 10/03/2024', '>', '> Invoice Number\tAmount Paid', '> INV-1\t\t7.50'].join('\n');
    const [table] = read(undefined, text);
    expect(texts(table!.rows).slice(1)).toEqual([['INV-1', '7.50', '3', '10/03/2024']]);
  });

  it('an aligned price list is not a remittance', () => {
    expect(read(undefined, 'Romaine (24 ct)     $28.50   +4.1%\nAvocados 48s        $61.25   -2.3%\n')).toEqual([]);
  });

  it('an HTML remittance table wins over the same payment written in the text part', () => {
    const tables = read(
      '<p>Payment Number: 8<br>Payment Date: 10/08/2024</p><table><tr><th>Invoice Number</th><th>Amount Paid</th></tr><tr><td>INV-8</td><td>8.00</td></tr></table>',
      'Payment Number: 8\nPayment Date: 10/08/2024\n\nInvoice Number   Amount Paid\nINV-8                   8.00\n',
    );
    expect(tables.map((t) => t.origin)).toEqual(['HTML body']);
  });
});
