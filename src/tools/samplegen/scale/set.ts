/**
 * The scale data set for N remittance lines, written to a folder:
 * - remittances.csv: N lines of 20 payers' payments (imported under one payer);
 * - by-payer/<P>.csv: the same lines, one file per payer (to match them per payer);
 * - remittances.820: the same N lines as an X12 820, one transaction per payment;
 * - open-invoices.csv: N open invoices of the 20 payers (plus N/10 closed, not listed);
 * - remittances.xlsx: N/10 lines of one payer; pdf/: N/1000 pages of another.
 * Built payer by payer, so memory holds one payer's book at a time.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../random.js';
import { buildPayerBook, paymentSizes, type PayerBook } from './book.js';
import { Calendar } from './calendar.js';
import { OpenInvoiceCsvFile, RemittanceCsvFile } from './csv.js';
import { SCALE_PAYERS, type ScalePayer } from './payers.js';
import { pdfPaymentSizes, writeRemittancePdfs } from './pdf.js';
import { X12File } from './x12.js';
import { writeRemittanceXlsx } from './xlsx.js';

export interface ScaleSet {
  lines: number;
  seed: number;
  remittanceCsv: { path: string; lines: number };
  payerCsvs: Array<{ payer: string; path: string; lines: number }>;
  x12: { path: string; lines: number; rmr: number };
  openInvoices: { path: string; rows: number };
  /** Lines that pay an open invoice (exact, reformatted, PO, discount, short pay): what match should apply. */
  payingLines: number;
  xlsx: { path: string; payer: string; lines: number };
  pdf: { paths: string[]; payer: string; pages: number; lines: number };
  /** Milliseconds spent writing each part. */
  ms: Record<string, number>;
}

const START = '2026-06-01';
const PAYMENT_LINES: [number, number] = [50, 500];

export function writeScaleSet(dir: string, lines: number, seed = 7): ScaleSet {
  mkdirSync(join(dir, 'by-payer'), { recursive: true });
  mkdirSync(join(dir, 'pdf'), { recursive: true });
  const calendar = new Calendar(START, 120);
  const ms: Record<string, number> = {};
  let started = performance.now();

  const csv = new RemittanceCsvFile(join(dir, 'remittances.csv'));
  const x12 = new X12File(join(dir, 'remittances.820'));
  const invoices = new OpenInvoiceCsvFile(join(dir, 'open-invoices.csv'));
  const payerCsvs: ScaleSet['payerCsvs'] = [];
  let payingLines = 0;
  let firstInvoice = 10_000_000;
  SCALE_PAYERS.forEach((payer, index) => {
    const own = Math.floor(lines / SCALE_PAYERS.length) + (index < lines % SCALE_PAYERS.length ? 1 : 0);
    const random = new Random(seed * 1_000 + index);
    const book = buildPayerBook({
      seed: seed * 1_000 + 500 + index, payer, paymentSizes: paymentSizes(own, ...PAYMENT_LINES, random), openInvoices: own,
      closedInvoices: Math.ceil(own / 10), firstInvoiceNumber: firstInvoice, firstPaymentNumber: 100_000_000 + index * 1_000_000, calendar,
    });
    firstInvoice += book.invoices.length;
    const payerCsv = new RemittanceCsvFile(join(dir, 'by-payer', `${payer.code}.csv`));
    for (const payment of book.payments) {
      csv.add(payment);
      payerCsv.add(payment);
      x12.add(payment, payer);
      for (const line of payment.lines) if (line.expectedInvoice) payingLines += 1;
    }
    payerCsv.close();
    payerCsvs.push({ payer: payer.code, path: join(dir, 'by-payer', `${payer.code}.csv`), lines: payerCsv.lines });
    invoices.add(book.invoices);
  });
  csv.close();
  x12.close();
  invoices.close();
  ms['csv, 820 and open invoices'] = performance.now() - started;

  started = performance.now();
  const xlsxPayer = SCALE_PAYERS[1]!;
  const xlsxLines = Math.max(1, Math.floor(lines / 10));
  const xlsxBook = single(xlsxPayer, paymentSizes(xlsxLines, ...PAYMENT_LINES, new Random(seed + 1)), seed + 2, 30_000_000, 300_000_000, calendar);
  const xlsxPath = join(dir, 'remittances.xlsx');
  const xlsxRows = writeRemittanceXlsx(xlsxPath, xlsxBook.payments, `${xlsxPayer.name} - Remittance Advice`);
  ms['xlsx'] = performance.now() - started;

  started = performance.now();
  const pdfPayer = SCALE_PAYERS[2]!;
  const pages = Math.max(1, Math.floor(lines / 1_000));
  const pdfBook = single(pdfPayer, pdfPaymentSizes(pages, new Random(seed + 3)), seed + 4, 40_000_000, 400_000_000, calendar);
  const pdfPaths = writeRemittancePdfs(join(dir, 'pdf'), pdfBook.payments, pdfPayer.name);
  ms['pdf'] = performance.now() - started;

  return {
    lines,
    seed,
    remittanceCsv: { path: join(dir, 'remittances.csv'), lines: csv.lines },
    payerCsvs,
    x12: { path: join(dir, 'remittances.820'), lines: x12.lines, rmr: x12.rmr },
    openInvoices: { path: join(dir, 'open-invoices.csv'), rows: invoices.rows },
    payingLines,
    xlsx: { path: xlsxPath, payer: xlsxPayer.code, lines: xlsxRows },
    pdf: { paths: pdfPaths, payer: pdfPayer.code, pages, lines: pdfBook.payments.reduce((sum, p) => sum + p.lines.length, 0) },
    ms,
  };
}

/** A payer's book for a file of its own (XLSX, PDF), numbered apart from the main set's. */
function single(payer: ScalePayer, sizes: number[], seed: number, firstInvoice: number, firstPayment: number, calendar: Calendar): PayerBook {
  const lines = sizes.reduce((sum, size) => sum + size, 0);
  return buildPayerBook({
    seed, payer, paymentSizes: sizes, openInvoices: lines, closedInvoices: Math.ceil(lines / 10), firstInvoiceNumber: firstInvoice,
    firstPaymentNumber: firstPayment, calendar,
  });
}
