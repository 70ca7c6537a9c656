/**
 * One night's files for a ledger that already holds history: the ERP's open-invoice
 * snapshot of the morning (what the ledger holds open today, still open, and the invoices
 * issued since) and one remittance CSV per payer, the night's lines paying the new invoices
 * in the scale mix (exact, written the payer's way, PO, discounts, short pays, the payer's
 * own deductions, a few invoices not open). Nothing here depends on the history's size:
 * the same night can be run on a ledger with a year of data and on an empty one.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelInvoice } from '../demo-model.js';
import { Random } from '../random.js';
import { buildPayerBook, paymentSizes } from './book.js';
import { Calendar } from './calendar.js';
import { OpenInvoiceCsvFile, RemittanceCsvFile } from './csv.js';
import { SCALE_PAYERS } from './payers.js';

/** After the history's last payment (history/plan.ts ends late 2026): invoices on days 0-60, payments on 62-92. */
const NIGHT_START = '2027-01-01';
/** Invoice and payment numbers apart from the history's (INV-2xxxxxxx) and the scale set's. */
const FIRST_INVOICE = 60_000_000;
const FIRST_PAYMENT = 700_000_000;

export interface NightSet {
  lines: number;
  /** Lines that pay an open invoice: what match should apply. */
  payingLines: number;
  snapshot: { path: string; rows: number };
  payerFiles: Array<{ payer: string; path: string; lines: number }>;
}

/**
 * Write the night into `dir`: `open-invoices.csv` (every invoice of `stillOpen`, then the new
 * ones) and `by-payer/<P>.csv`, `lines` lines over `files` payers (at most the 20 scale payers).
 */
export function writeNight(dir: string, stillOpen: Iterable<ModelInvoice>, options: { lines?: number; files?: number; seed?: number } = {}): NightSet {
  const lines = options.lines ?? 3_000;
  const payers = SCALE_PAYERS.slice(0, Math.min(options.files ?? 20, SCALE_PAYERS.length));
  const seed = options.seed ?? 19;
  mkdirSync(join(dir, 'by-payer'), { recursive: true });
  const calendar = new Calendar(NIGHT_START, 120);
  const snapshot = new OpenInvoiceCsvFile(join(dir, 'open-invoices.csv'));
  let batch: ModelInvoice[] = [];
  for (const invoice of stillOpen) {
    batch.push(invoice);
    if (batch.length === 10_000) {
      snapshot.add(batch);
      batch = [];
    }
  }
  snapshot.add(batch);
  const payerFiles: NightSet['payerFiles'] = [];
  let payingLines = 0;
  payers.forEach((payer, index) => {
    const own = Math.floor(lines / payers.length) + (index < lines % payers.length ? 1 : 0);
    const random = new Random(seed * 1_000 + index);
    const book = buildPayerBook({
      seed: seed * 1_000 + 500 + index, payer, paymentSizes: paymentSizes(own, 20, 80, random), openInvoices: own, closedInvoices: Math.ceil(own / 10),
      firstInvoiceNumber: FIRST_INVOICE + index * 100_000, firstPaymentNumber: FIRST_PAYMENT + index * 10_000, calendar,
    });
    snapshot.add(book.invoices);
    const path = join(dir, 'by-payer', `${payer.code}.csv`);
    const file = new RemittanceCsvFile(path);
    for (const payment of book.payments) {
      file.add(payment);
      for (const line of payment.lines) if (line.expectedInvoice) payingLines += 1;
    }
    file.close();
    payerFiles.push({ payer: payer.code, path, lines: file.lines });
  });
  snapshot.close();
  return { lines, payingLines, snapshot: { path: join(dir, 'open-invoices.csv'), rows: snapshot.rows }, payerFiles };
}
