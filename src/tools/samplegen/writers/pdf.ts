/** Model payments as a text PDF remittance advice: header block, a table over pages, totals. */
import { displayMinor } from '../../../core/money.js';
import type { ModelPayment } from '../demo-model.js';
import { writePdf, type PdfText } from '../pdf/index.js';

const ROWS_PER_PAGE = 40;
const COLUMNS: Array<[string, number, 'left' | 'right']> = [
  ['Invoice No', 40, 'left'], ['Invoice Date', 125, 'left'], ['PO No', 195, 'left'], ['Gross', 330, 'right'],
  ['Discount', 395, 'right'], ['Deduction', 465, 'right'], ['Rsn', 480, 'left'], ['Net', 570, 'right'],
];

const us = (iso: string): string => (iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}` : '');

export function remittancePdf(payment: ModelPayment, payerName: string): Uint8Array {
  const pages: PdfText[][] = [];
  const count = Math.max(1, Math.ceil(payment.lines.length / ROWS_PER_PAGE));
  for (let p = 0; p < count; p += 1) {
    const texts: PdfText[] = [];
    let y = 750;
    if (p === 0) {
      texts.push({ x: 40, y, text: payerName, size: 14 });
      for (const [label, value] of [
        ['Payment Number:', payment.paymentRef], ['Payment Date:', us(payment.paymentDate)], ['Payment Method:', 'ACH'], ['Payment Amount:', displayMinor(payment.totalMinor)],
      ] as const) {
        y -= 16;
        texts.push({ x: 40, y, text: label }, { x: 150, y, text: value });
      }
      y -= 30;
    }
    for (const [title, x, align] of COLUMNS) texts.push({ x, y, text: title, align });
    for (const line of payment.lines.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE)) {
      y -= 14;
      const deductionOnly = line.case === 'deduction-only';
      const cells = [
        line.reference, us(line.invoiceDate), line.po, deductionOnly ? '' : displayMinor(line.grossMinor), line.discountMinor ? displayMinor(line.discountMinor) : '',
        line.deductionMinor ? displayMinor(-line.deductionMinor) : '', line.deductionMinor ? 'SH' : '', displayMinor(line.paidMinor),
      ];
      cells.forEach((text, i) => {
        const [, x, align] = COLUMNS[i]!;
        if (text) texts.push({ x, y, text, align });
      });
    }
    if (p === count - 1) texts.push({ x: 400, y: y - 24, text: 'Total Payment' }, { x: 570, y: y - 24, text: displayMinor(payment.totalMinor), align: 'right' });
    texts.push({ x: 280, y: 30, text: `Page ${p + 1} of ${count}` });
    pages.push(texts);
  }
  return writePdf(pages);
}
