/**
 * `remit export-gl`: a balanced journal CSV for applied cash not exported before. The
 * file is written to a temporary name and moved into place inside the ledger
 * transaction that records it, so the ledger and the file never disagree.
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RemitError, UsageError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import { buildJournal } from '../../gl/journal.js';
import { writeGenericCsv } from '../../gl/generic-writer.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { writeFileAtomic } from '../../workspace/atomic-file.js';
import { companyFor, openWorkspace } from '../workspace.js';

export interface ExportOptions {
  out?: string;
  format?: string;
  reexport?: string;
  company?: string;
}

export async function run(options: ExportOptions, ctx: Context): Promise<number> {
  const format = options.format ?? 'generic';
  if (format !== 'generic') throw new UsageError(`--format ${format}: the journal formats are: generic`);
  const { paths, config, ledger } = openWorkspace(ctx);
  const say = sayFor(ctx);
  try {
    if (options.reexport !== undefined) {
      const id = Number(String(options.reexport).replace(/^J/i, ''));
      const journal = Number.isInteger(id) ? ledger.journals.byId(id) : undefined;
      if (!journal) throw new UsageError(`no journal ${options.reexport}`, 'see `remit report batches` and the journal ids in `remit report applications --format csv`');
      const out = resolve(options.out ?? join(paths.exports, `journal-${id}.csv`));
      checkOutFolder(out);
      await writeFileAtomic(out, writeGenericCsv(`J${id}`, ledger.journals.linesOf(id)), 0o644);
      say.ok(`journal J${id} written again to ${out} (${journal.line_count} lines, first exported ${journal.created_at})`);
      return 0;
    }
    const company = companyFor(config, options.company);
    const postable = ledger.journals.unexported(company);
    if (postable.length === 0) {
      say.info('nothing to export: every matched payment is already in a journal');
      return 0;
    }
    const lines = buildJournal(postable, config.companies[company]!.gl);
    const id = ledger.journals.nextId();
    const out = resolve(options.out ?? join(paths.exports, `journal-${id}.csv`));
    checkOutFolder(out);
    const temp = join(dirname(out), `.journal-${id}.${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(temp, writeGenericCsv(`J${id}`, lines), { flag: 'wx' });
    try {
      ledger.transaction(() => {
        ledger.journals.record(id, company, format, out, lines, postable, ledger.invoices.latestSnapshotId(company));
        renameSync(temp, out);
      });
    } catch (err) {
      rmSync(temp, { force: true });
      throw err instanceof RemitError ? err : new RemitError('export', `the journal was not written: ${(err as Error).message}`);
    }
    const debit = lines.reduce((sum, line) => sum + line.debitMinor, 0);
    say.ok(`journal J${id}: ${postable.length} payment(s), ${lines.length} lines, debits = credits = ${displayMinor(debit)} -> ${out}`);
    return 0;
  } finally {
    ledger.close();
  }
}

/** The folder of --out must exist: a typo there is the operator's to fix, not a crash. */
function checkOutFolder(out: string): void {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--out ${out}: the folder ${folder} does not exist`);
}

