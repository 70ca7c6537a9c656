/**
 * Regenerate fixtures/demo: the open invoices, remittance files and answer key that
 * `remit demo` and the tests use. Deterministic: the same seed writes the same bytes.
 *   node dist/src/tools/samplegen/write-demo.js [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMinor } from '../../core/money.js';
import { buildModel, type ModelPayment, type PayerProfile } from './demo-model.js';
import { openInvoicesCsv, remittanceCsv } from './writers/csv.js';
import { remittanceXlsx } from './writers/xlsx.js';

export const DEMO_PAYERS: PayerProfile[] = [
  {
    code: 'BIGMART', name: 'BigMart Stores Inc.', deductionPrefix: 'DED', paymentDigits: 8, poStyle: 'alnum8',
    reasons: [{ raw: 'Shortage Claim', code: 'shortage' }, { raw: 'Price Claim', code: 'pricing' }, { raw: 'Co-op Agreement', code: 'co-op' }, { raw: 'Damage Allowance', code: 'damaged' }],
  },
  {
    code: 'SHOPCO', name: 'ShopCo Retail Corp.', deductionPrefix: 'D', paymentDigits: 9, poStyle: 'digits7',
    reasons: [{ raw: 'Shortage', code: 'shortage' }, { raw: 'Price Variance', code: 'pricing' }, { raw: 'Damaged/Defective', code: 'damaged' }, { raw: 'Late Shipment Penalty', code: 'late-delivery' }],
  },
];

export interface DemoFile {
  name: string;
  payer: string;
  payment: ModelPayment;
  bytes: Uint8Array | string;
}

export function demoFiles(seed = 20261122): { invoicesCsv: string; files: DemoFile[]; keyCsv: string } {
  const model = buildModel({
    seed, payers: DEMO_PAYERS, invoicesPerPayer: 60, paymentsPerPayer: 5, linesPerPayment: [3, 9], firstInvoiceNumber: 200101, startDate: '2026-08-01',
  });
  const files: DemoFile[] = [];
  for (const payment of model.payments) {
    if (payment.payer === 'BIGMART') files.push({ name: `bigmart_remittance_${payment.paymentRef}.csv`, payer: payment.payer, payment, bytes: remittanceCsv(payment) });
    else files.push({ name: `ShopCo_Remittance_${payment.paymentRef}.xlsx`, payer: payment.payer, payment, bytes: remittanceXlsx(payment, 'ShopCo Retail Corp. - Remittance Advice') });
  }
  // A portal re-download: the same payment again under another name must not be applied twice.
  const first = files[0]!;
  // Saved again with Windows line endings, so it is a different file carrying the same payment.
  files.push({ ...first, name: first.name.replace(/\.csv$/, ' (1).csv'), bytes: String(first.bytes).replace(/\n/g, '\r\n') });

  const key = ['file,payer,payment_ref,payment_date,line_ref,line_no,expected_invoice,cash_minor,discount_minor,deduction_minor,reason_code,case,line_amount_minor,unapplied_minor'];
  const seen = new Set<string>();
  for (const file of files) {
    const duplicate = seen.has(file.payment.paymentRef);
    seen.add(file.payment.paymentRef);
    for (const line of file.payment.lines) {
      key.push([
        `remittances/${file.name}`, file.payer, file.payment.paymentRef, file.payment.paymentDate, JSON.stringify(line.reference), line.lineNo,
        duplicate ? '' : line.expectedInvoice, duplicate ? 0 : line.cashMinor, duplicate ? 0 : line.discountMinor, duplicate ? 0 : line.deductionMinor,
        duplicate ? '' : line.reasonCode, duplicate ? 'duplicate' : line.case, line.paidMinor, duplicate ? 0 : line.unappliedMinor,
      ].join(','));
    }
  }
  return { invoicesCsv: openInvoicesCsv(model.invoices), files, keyCsv: `${key.join('\n')}\n` };
}

export function writeDemo(outDir: string): void {
  const { invoicesCsv, files, keyCsv } = demoFiles();
  mkdirSync(join(outDir, 'remittances'), { recursive: true });
  writeFileSync(join(outDir, 'open_invoices.csv'), invoicesCsv);
  for (const file of files) writeFileSync(join(outDir, 'remittances', file.name), file.bytes);
  writeFileSync(join(outDir, 'key.csv'), keyCsv);
  const manifest = files.map((file) => ({
    file: `remittances/${file.name}`,
    payer: file.payer,
    paymentRef: file.payment.paymentRef,
    paymentDate: file.payment.paymentDate,
    amount: formatMinor(file.payment.totalMinor),
  }));
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ company: 'DEMO', companyName: 'Contoso Snacks Ltd', files: manifest }, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeDemo(resolve(process.argv[2] ?? 'fixtures/demo'));
}
