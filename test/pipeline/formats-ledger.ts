/** The demo's invoices and remittances, matched, in a company set up for every export format. */
import { importFiles } from '../../src/pipeline/import-files.js';
import { importInvoices } from '../../src/pipeline/import-invoices.js';
import { match } from '../../src/pipeline/match.js';
import { demoFiles, testWorkspace, type TestWorkspace } from '../support/pipeline.js';

/** The demo company with every format set up (TEST_CLOCK is 2026-11-02T06:00Z). */
export const FORMATS_YAML = `companies:
  DEMO:
    name: Contoso Snacks Ltd
    gl:
      closed_through: 2026-10-31
      time_zone: America/Chicago
      customers:
        BIGMART: { id: C-BIG, name: "BigMart Stores Inc." }
        SHOPCO: { id: C-SHOP, name: "ShopCo Retail LLC" }
      formats:
        netsuite-journal: { date_format: MM/DD/YYYY }
        netsuite-payment: { date_format: MM/DD/YYYY, payment_method: ACH }
        qbo-journal:
          date_format: MM/DD/YYYY
          accounts: { bank_clearing: "Undeposited Funds", accounts_receivable: "Accounts Receivable (A/R)", unapplied_cash: "Accounts Receivable (A/R)", discounts_allowed: "Discounts:Early Payment" }
        xero-journal: { tax_rate: "Tax Exempt", accounts: { accounts_receivable: "1210" } }
        bc-cash-receipt: { journal_template: CASHRCPT, journal_batch: REMIT, local_currency: USD }
        intacct-journal: { journal: CRJ }
        sap-lockbox:
          destination: CONTOSO
          origin: "021000021"
          lockbox_number: "1234567"
          reason_codes: { discount: DIS, write-off: WO, default: D99 }
`;

export async function formatsLedger(yaml = FORMATS_YAML): Promise<TestWorkspace> {
  const ws = await testWorkspace(yaml);
  const { invoices, byPayer } = demoFiles();
  await importInvoices(ws.ctx, { file: invoices });
  for (const [payer, files] of byPayer) await importFiles(ws.ctx, { files, payer });
  await match(ws.ctx);
  return ws;
}

