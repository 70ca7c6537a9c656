/**
 * `remit demo`: the whole morning in one command, on the sample data shipped in
 * fixtures/demo, in a temporary workspace: invoices, remittances, match, journal, each step
 * the pipeline's own use case on one open ledger.
 */
import { mkdtempSync, readFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RemitError, UsageError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import { setCompanyGl } from '../../config/edit.js';
import { exportJournal } from '../../pipeline/export-journal.js';
import { importFailed, importFiles } from '../../pipeline/import-files.js';
import { importInvoices } from '../../pipeline/import-invoices.js';
import { initWorkspace } from '../../pipeline/init-workspace.js';
import { match } from '../../pipeline/match.js';
import { workspacePaths } from '../../workspace/resolve.js';
import type { Context } from '../context.js';
import { demoSecrets, fetchFromDemoPortal, type DemoPayment } from '../demo/portal-step.js';
import { sayFor } from '../say.js';
import { withWorkspace } from '../workspace.js';

/** The package root: dist/src/cli/commands -> four levels up. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Manifest {
  company: string;
  companyName: string;
  files: DemoPayment[];
}

/** The payer whose files the demo fetches from a portal; the others "arrived by e-mail". */
const PORTAL_PAYER = 'BIGMART';
/** The ERP format the demo posts the portal payer's payments in, besides the generic journal for the others (settings: fixtures/demo/erp.json). */
const DEMO_ERP_FORMAT = 'netsuite-payment';

export async function run(options: { keep?: string }, ctx: Context): Promise<number> {
  const demoDir = join(PACKAGE_ROOT, 'fixtures', 'demo');
  const manifestFile = join(demoDir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new RemitError('demo', `no demo data at ${demoDir}`, { hint: 'run remit demo from a full checkout of remit' });
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const chosen = options.keep ?? ctx.home;
  if (chosen && existsSync(chosen) && readdirSync(chosen).length > 0) {
    throw new UsageError(`${chosen} is not empty: the demo makes a workspace of its own`, 'name a new folder, or leave out --keep to use a temporary one');
  }
  const home = chosen ? resolve(chosen) : mkdtempSync(join(tmpdir(), 'remit-demo-'));
  const say = sayFor(ctx);
  const paths = workspacePaths(home);

  say.info(`remit demo: a workspace for ${manifest.companyName} at ${home}`);
  await initWorkspace(paths, { company: manifest.company, name: manifest.companyName, currency: 'USD' }, ctx.clock);
  // The ERP customers and the NetSuite settings, in remit.yaml as an operator would write them.
  const erp = JSON.parse(readFileSync(join(demoDir, 'erp.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(paths.config, setCompanyGl(readFileSync(paths.config, 'utf8'), manifest.company, erp, paths.config));
  const secrets = await demoSecrets(paths, ctx);
  const quiet: Context = { ...secrets.ctx, home, quiet: true, stdout: { write: () => undefined, isTTY: false } };
  const out = join(home, 'exports', 'journal-demo.csv');
  const erpOut = join(home, 'exports', 'netsuite-demo.csv');
  const { importCode, counts, erpFiles, held } = await withWorkspace(quiet, async (pipeline) => {
    say.info('1. open invoices from the ERP (open_invoices.csv)');
    await importInvoices(pipeline, { file: join(demoDir, 'open_invoices.csv') });

    say.info(`2. remittances of ${PORTAL_PAYER} from its supplier portal (a local copy of one, with MFA)`);
    const portal = await fetchFromDemoPortal(PACKAGE_ROOT, demoDir, manifest.files.filter((f) => f.payer === PORTAL_PAYER), pipeline, quiet, secrets.store);
    say.info(`   ${portal.note}`);
    const local = manifest.files.filter((f) => f.payer !== PORTAL_PAYER || !portal.fetched);
    say.info(`3. remittance files that arrived by e-mail (${local.length} files${portal.fetched ? '' : ', one payment sent twice'})`);
    let importCode = 0;
    for (const payer of [...new Set(local.map((f) => f.payer))]) {
      const files = local.filter((f) => f.payer === payer).map((f) => join(demoDir, f.file));
      if (importFailed((await importFiles(pipeline, { files, payer })).files)) importCode = 1;
    }
    say.info('4. match payments to open invoices');
    await match(pipeline);
    say.info(`5. post to the ERP: ${PORTAL_PAYER}'s payments as NetSuite customer payments applied to their invoices (${DEMO_ERP_FORMAT}), the others as the generic journal CSV`);
    const posted = await exportJournal(pipeline, { out: erpOut, format: DEMO_ERP_FORMAT, payer: PORTAL_PAYER });
    const rest = await exportJournal(pipeline, { out });
    const held = new Set([...posted.held, ...rest.held].map((h) => `${h.payer} ${h.paymentRef}`)).size;
    return { importCode, counts: await pipeline.ledger.reports.counts(), erpFiles: posted.kind === 'written' ? posted.files : [], held };
  });

  const c = counts;
  const remit = remitCommand(ctx);
  say.ok('\nDone. What remit did:');
  say.info(`  files read          ${c.documents} (${c.failedDocuments} failed)`);
  say.info(`  payments            ${c.payments} (a re-sent copy was recognised and not applied twice)`);
  say.info(`  remittance lines    ${c.lines}`);
  say.info(`  applied to invoices ${c.applied} lines, ${displayMinor(c.appliedMinor)} USD`);
  say.info(`  payer deductions    ${c.deductions} recorded for follow-up`);
  say.info(`  need a person       ${c.exceptions} line(s) with cash not applied (${remit} report exceptions --home ${home})`);
  say.info(`  GL journal          ${out} (generic)`);
  say.info(`  ERP (${DEMO_ERP_FORMAT}) ${erpFiles.join(', ') || 'nothing to post'}: import in NetSuite with Import CSV Records > Customer Payment, then the -journal file as Journal Entry`);
  if (held) say.info(`  held back           ${held} payment(s) with a line awaiting review: exported once decided`);
  say.info(`  journals            ${remit} report journals --home ${home}`);
  say.info(`\nLook around: ${remit} report morning --home ${home}`);
  say.info(`             ${remit} report applications --home ${home}`);
  if (remit !== 'remit') say.info('(`npm link` in the checkout puts remit on your PATH, then plain `remit ...` works)');
  return importCode;
}

/** How the operator runs remit: `remit` when it is on the PATH, else the checkout's own bin. */
function remitCommand(ctx: Context): string {
  const names = ctx.platform === 'win32' ? ['remit.cmd', 'remit.exe', 'remit'] : ['remit'];
  const dirs = (ctx.env['PATH'] ?? ctx.env['Path'] ?? '').split(ctx.platform === 'win32' ? ';' : ':').filter(Boolean);
  if (dirs.some((dir) => names.some((name) => existsSync(join(dir, name))))) return 'remit';
  const bin = join(PACKAGE_ROOT, 'bin', 'remit');
  return `node ${/\s/.test(bin) ? `"${bin}"` : bin}`;
}
