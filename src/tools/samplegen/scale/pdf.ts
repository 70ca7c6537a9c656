/**
 * Text PDF remittance advice at scale: one file per payment (as payers e-mail them), each
 * written by the demo writer (writers/pdf.ts, 40 lines a page).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelPayment } from '../demo-model.js';
import { remittancePdf } from '../writers/pdf.js';

export const PDF_LINES_PER_PAGE = 40;

/** Writes one PDF per payment into `dir`; returns the paths. */
export function writeRemittancePdfs(dir: string, payments: readonly ModelPayment[], payerName: string): string[] {
  return payments.map((payment) => {
    const path = join(dir, `advice-${payment.paymentRef}.pdf`);
    writeFileSync(`${path}.partial`, remittancePdf(payment, payerName));
    renameSync(`${path}.partial`, path);
    return path;
  });
}

/** Payment sizes filling exactly `pages` pages: 3-10 pages each, the last page of each part full or not. */
export function pdfPaymentSizes(pages: number, random: { int(min: number, max: number): number }): number[] {
  const sizes: number[] = [];
  let left = pages;
  while (left > 0) {
    const own = Math.min(left, random.int(3, 10));
    sizes.push((own - 1) * PDF_LINES_PER_PAGE + random.int(1, PDF_LINES_PER_PAGE));
    left -= own;
  }
  return sizes;
}
