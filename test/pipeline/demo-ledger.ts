/** A workspace holding the demo's open invoices and every remittance, imported through the pipeline. */
import { importFiles } from '../../src/pipeline/import-files.js';
import { importInvoices } from '../../src/pipeline/import-invoices.js';
import { DEMO_YAML, demoFiles, testWorkspace, type TestWorkspace } from '../support/pipeline.js';

export async function demoLedger(): Promise<TestWorkspace> {
  const ws = await testWorkspace(DEMO_YAML);
  const { invoices, byPayer } = demoFiles();
  await importInvoices(ws.ctx, { file: invoices });
  for (const [payer, files] of byPayer) await importFiles(ws.ctx, { files, payer });
  return ws;
}
