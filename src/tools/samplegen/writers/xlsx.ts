/** Model payments as the XLSX remittance advice some retailers attach: title rows, a TOTAL row. */
import * as XLSX from '@e965/xlsx';
import { formatMinor } from '../../../core/money.js';
import type { ModelPayment } from '../demo-model.js';

/** Excel holds amounts as numbers; this is the one place remit turns cents into one. */
const cellNumber = (minor: number): number => Number(formatMinor(minor));

function serial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const HEADER = ['Vendor Invoice #', 'Inv Date', 'Gross Amt', 'Disc Amt', 'Adj Amt', 'Adj Reason', 'Net Paid', 'Check/EFT #', 'Pay Date'];
const DATE_COLUMNS = [1, 8];

export function remittanceXlsx(payment: ModelPayment, title: string): Uint8Array {
  return remittanceWorkbook([payment], title);
}

/** Several payments in one sheet (a retailer's weekly report): a row per line, each naming its payment, one TOTAL. */
export function remittanceWorkbook(payments: readonly ModelPayment[], title: string): Uint8Array {
  const rows: unknown[][] = [[title], [], HEADER];
  let total = 0;
  for (const payment of payments) {
    const paid = serial(payment.paymentDate);
    for (const line of payment.lines) {
      const deductionOnly = line.case === 'deduction-only';
      rows.push([
        /^[1-9]\d*$/.test(line.reference) ? Number(line.reference) : line.reference,
        line.invoiceDate ? serial(line.invoiceDate) : '',
        deductionOnly ? '' : cellNumber(line.grossMinor),
        deductionOnly ? '' : cellNumber(line.discountMinor),
        cellNumber(deductionOnly ? line.paidMinor : -line.deductionMinor),
        line.reasonRaw,
        cellNumber(line.paidMinor),
        payment.paymentRef,
        paid,
      ]);
    }
    total += payment.totalMinor;
  }
  const lineRows = rows.length - 3;
  rows.push(['TOTAL', '', '', '', '', '', cellNumber(total)]);
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  for (let r = 3; r < 3 + lineRows; r += 1) {
    for (const c of DATE_COLUMNS) {
      const cell = sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      if (cell?.t === 'n') cell.z = 'mm/dd/yyyy';
    }
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Remittance');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
