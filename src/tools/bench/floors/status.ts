/**
 * Floor for `remit status`: the figures it shows (lines needing a person, open deductions
 * and their sum, failed documents, the last fetch run), each by one SQL on the ledger
 * (read-only).
 */
import Database from 'better-sqlite3';
import { phase, type FloorResult } from './types.js';

export async function run([ledgerFile]: string[]): Promise<FloorResult> {
  if (!ledgerFile) throw new Error('usage: status <ledger.db>');
  const phases: Record<string, number> = {};
  const db = new Database(ledgerFile, { readonly: true });
  try {
    const figures = await phase(phases, 'queries', () => ({
      exceptions: db.prepare("SELECT COUNT(*) AS n FROM remittance_lines WHERE status IN ('unapplied', 'review') OR unapplied_minor <> 0").get() as { n: number },
      deductions: db.prepare("SELECT COUNT(*) AS n, COALESCE(SUM(amount_minor), 0) AS minor FROM deductions WHERE status = 'open'").get() as { n: number; minor: number },
      failed: db.prepare("SELECT COUNT(*) AS n FROM documents WHERE status = 'failed'").get() as { n: number },
      lastRun: db.prepare('SELECT run_id, started_at FROM fetch_runs ORDER BY id DESC LIMIT 1').get() as { run_id: string } | undefined,
    }));
    process.stdout.write(`need a person ${figures.exceptions.n}\ndeductions ${figures.deductions.n} open (${figures.deductions.minor} cents)\nfailed files ${figures.failed.n}\nlast run ${figures.lastRun?.run_id ?? 'never'}\n`);
    return { rows: figures.exceptions.n, phases, counts: { openDeductions: figures.deductions.n, failedDocuments: figures.failed.n } };
  } finally {
    db.close();
  }
}
