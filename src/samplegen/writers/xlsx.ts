/** Model payments as the XLSX remittance advice some retailers attach: title rows, a TOTAL row. */
import * as XLSX from '@e965/xlsx';
import { formatMinor } from '../../core/money.js';
import type { ModelPayment } from '../demo-model.js';

/** Excel holds amounts as numbers; this is the one place remit turns cents into one. */
const cellNumber = (minor: number): number => Number(formatMinor(minor));

function serial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export function remittanceXlsx(payment: ModelPayment, title: string): Uint8Array {
  const rows: unknown[][] = [[title], [], ['Vendor Invoice #', 'Inv Date', 'Gross Amt', 'Disc Amt', 'Adj Amt', 'Adj Reason', 'Net Paid', 'Check/EFT #', 'Pay Date']];
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
      serial(payment.paymentDate),
    ]);
  }
  rows.push(['TOTAL', '', '', '', '', '', cellNumber(payment.totalMinor)]);
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  for (const address of Object.keys(sheet)) {
    const cell = sheet[address] as XLSX.CellObject | undefined;
    if (!cell || address.startsWith('!')) continue;
    const { c, r } = XLSX.utils.decode_cell(address);
    if (r >= 3 && (c === 1 || c === 8) && cell.t === 'n') cell.z = 'mm/dd/yyyy';
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Remittance');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
