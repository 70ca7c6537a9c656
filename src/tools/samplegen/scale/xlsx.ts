/**
 * An XLSX remittance report of many payments (a retailer's weekly export): the workbook of
 * writers/xlsx.ts with one row per line of every payment, and a TOTAL row. SheetJS writes
 * a workbook whole, so this one is built in memory; it is a tenth of the CSV's size.
 */
import { renameSync, writeFileSync } from 'node:fs';
import type { ModelPayment } from '../demo-model.js';
import { remittanceWorkbook } from '../writers/xlsx.js';

/** Writes the workbook; returns the number of line rows. */
export function writeRemittanceXlsx(path: string, payments: readonly ModelPayment[], title: string): number {
  const temp = `${path}.partial`;
  writeFileSync(temp, remittanceWorkbook(payments, title));
  renameSync(temp, path);
  return payments.reduce((sum, payment) => sum + payment.lines.length, 0);
}
