/**
 * The workbook fixtures of fixtures/payers, as the rows they hold: written to .xlsx with
 * SheetJS when the golden test runs with UPDATE_FIXTURES=1, read back from the committed
 * files otherwise. Invented data; see each family's README for the layout it imitates.
 */
import * as XLSX from '@e965/xlsx';

type Value = string | number | Date | null;

export interface WorkbookFixture {
  path: string;
  sheet: string;
  rows: Value[][];
  /** Cells (A1 addresses) written as dates, with the number format a payer's system uses. */
  dateFormat?: string;
}

const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export const WORKBOOKS: WorkbookFixture[] = [
  {
    path: 'xero-remittance/Remittance Advice - Bayview Catering.xlsx',
    sheet: 'Remittance Advice',
    rows: [
      ['REMITTANCE ADVICE'],
      ['Bayview Catering Ltd'],
      [],
      ['To', 'Lakeside Provisions LLC'],
      ['Payment Date', '20 Sep 2024'],
      ['Amount Paid', 3115.5],
      ['Reference', 'BAYV-PMT-0917'],
      [],
      ['Invoice Date', 'Invoice Number', 'Reference', 'Invoice Total', 'Amount Paid', 'Still Owing'],
      ['2 Sep 2024', 'LP-204701', 'PO 7781', 1250, 1250, 0],
      ['5 Sep 2024', 'LP-204718', 'PO 7790', 1400, 1400, 0],
      ['9 Sep 2024', 'LP-204733', 'PO 7802', 965.5, 465.5, 500],
      [],
      ['', '', '', 'Total Paid', 3115.5],
    ],
  },
  {
    path: 'sap-payment-advice/Payment_Advice_2000045121.xlsx',
    sheet: 'Payment Advice',
    rows: [
      ['Payment Advice Note'],
      ['Company code', '1000'],
      ['Payment document', '2000045121'],
      ['Payment date', '20.09.2024'],
      ['Currency', 'EUR'],
      ['Amount paid', '7,840.12'],
      [],
      ['Doc. Date', 'Your Doc. No.', 'Our Doc. No.', 'Gross Amount', 'Cash Discount', 'Deductions', 'Net Amount'],
      ['05.09.2024', 'LP-204800', '5100098812', '4,000.00', '80.00', '', '3,920.00'],
      ['09.09.2024', 'LP-204811', '5100098840', '4,000.12', '80.00', '', '3,920.12'],
    ],
  },
  {
    path: 'dynamics-bc-remittance/Remittance Advice CHK-88210.xlsx',
    sheet: 'Remittance Advice - Entries',
    dateFormat: 'm/d/yyyy',
    rows: [
      ['Remittance Advice'],
      ['Ravenswood Stores Inc.'],
      ['Vendor No.', 'V01420'],
      ['Check No.', 'CHK-88210'],
      ['Date', d('2024-09-23')],
      ['Amount', 5532.4],
      [],
      ['Document Type', 'Your Document No.', 'Our Document No.', 'Document Date', 'Currency Code', 'Amount', 'Pmt. Disc. Amount', 'Paid Amount'],
      ['Invoice', 'LP-205010', '108233', d('2024-09-02'), 'USD', 2500, 50, 2450],
      ['Invoice', 'LP-205022', '108240', d('2024-09-06'), 'USD', 3082.4, 0, 3082.4],
      ['Total', null, null, null, null, 5582.4, 50, 5532.4],
    ],
  },
  {
    path: 'aviso-de-pago/Aviso_de_pago_TRF-0924-118.xlsx',
    sheet: 'Aviso de pago',
    rows: [
      ['AVISO DE PAGO'],
      ['Ordenante', 'Distribuciones Ibéricas S.L.'],
      ['Nº de pago', 'TRF-0924-118'],
      ['Fecha de pago', '24/09/2024'],
      ['Forma de pago', 'Transferencia'],
      ['Importe total', '5.190,00 EUR'],
      [],
      ['Nº factura', 'Fecha factura', 'Importe factura', 'Dto. pronto pago', 'Importe pagado'],
      ['LP-205500', '03/09/2024', '3.000,00', '60,00', '2.940,00'],
      ['LP-205510', '06/09/2024', '2.250,00', '', '2.250,00'],
    ],
  },
  {
    path: 'ambiguous/xlsx-text-dates-all-under-13.xlsx',
    sheet: 'Remittance',
    rows: [
      ['Payment Advice'],
      ['Payment Number', 'PA-3301'],
      ['Payment Date', '03/10/2024'],
      [],
      ['Invoice Number', 'Invoice Date', 'Amount Paid'],
      ['LP-300101', '01/09/2024', '1,000.00'],
      ['LP-300102', '02/09/2024', '2,000.00'],
    ],
  },
];

/** The workbook's bytes, as SheetJS writes them. */
export function workbookBytes(fixture: WorkbookFixture): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(fixture.rows, { cellDates: true, ...(fixture.dateFormat ? { dateNF: fixture.dateFormat } : {}) });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, fixture.sheet);
  book.Props = { CreatedDate: new Date('2024-10-01T00:00:00Z') };
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
