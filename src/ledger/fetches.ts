/** Fetch runs and portal downloads: the memory that makes `remit fetch` incremental. */
import type Database from 'better-sqlite3';

export interface PortalRunRecord {
  accountId: string;
  company: string;
  payer: string;
  status: 'ok' | 'failed';
  errorKind?: string | undefined;
  message?: string | undefined;
  rowsSeen: number;
  files: number;
  payments: number;
  fileErrors: number;
  attempts: number;
  artifacts?: string | undefined;
}

export class Fetches {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  startRun(runId: string, since: string, until: string, dryRun: boolean): number {
    return Number(
      this.db.prepare('INSERT INTO fetch_runs (run_id, started_at, since, until, dry_run) VALUES (?, ?, ?, ?, ?)').run(runId, this.now(), since, until, dryRun ? 1 : 0)
        .lastInsertRowid,
    );
  }

  finishRun(id: number): void {
    this.db.prepare('UPDATE fetch_runs SET finished_at = ? WHERE id = ?').run(this.now(), id);
  }

  recordPortal(fetchRunId: number, record: PortalRunRecord): void {
    this.db
      .prepare(
        `INSERT INTO portal_runs (fetch_run_id, account_id, company, payer, status, error_kind, message, rows_seen, files, payments,
           file_errors, attempts, artifacts, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(fetchRunId, record.accountId, record.company, record.payer, record.status, record.errorKind ?? null, record.message ?? null, record.rowsSeen,
        record.files, record.payments, record.fileErrors, record.attempts, record.artifacts ?? null, this.now());
  }

  /** The last day a fetch of this account covered successfully, or undefined if none has. */
  lastGoodDay(accountId: string): string | undefined {
    const row = this.db
      .prepare(`SELECT MAX(f.until) AS day FROM portal_runs p JOIN fetch_runs f ON f.id = p.fetch_run_id WHERE p.account_id = ? AND p.status = 'ok'`)
      .get(accountId) as { day: string | null };
    return row.day ?? undefined;
  }

  lastRun(): { run_id: string; started_at: string; finished_at: string | null; since: string; until: string } | undefined {
    return this.db.prepare('SELECT run_id, started_at, finished_at, since, until FROM fetch_runs WHERE dry_run = 0 ORDER BY id DESC LIMIT 1').get() as
      | { run_id: string; started_at: string; finished_at: string | null; since: string; until: string }
      | undefined;
  }

  isKnownRow(accountId: string, rowId: string): boolean {
    return this.db.prepare('SELECT 1 FROM portal_downloads WHERE account_id = ? AND row_id = ?').get(accountId, rowId) !== undefined;
  }

  knownRows(accountId: string): Set<string> {
    const rows = this.db.prepare('SELECT row_id FROM portal_downloads WHERE account_id = ?').all(accountId) as Array<{ row_id: string }>;
    return new Set(rows.map((row) => row.row_id));
  }

  recordDownload(accountId: string, rowId: string, sha256: string): void {
    this.db.prepare('INSERT OR IGNORE INTO portal_downloads (account_id, row_id, sha256, downloaded_at) VALUES (?, ?, ?, ?)').run(accountId, rowId, sha256, this.now());
  }

  /** Per account: the last success and how many runs have failed since. */
  portalStatus(): Array<{ account_id: string; last_success: string | null; last_status: string | null; failures_since: number }> {
    return this.db
      .prepare(
        `SELECT a.account_id,
           (SELECT MAX(finished_at) FROM portal_runs p WHERE p.account_id = a.account_id AND p.status = 'ok') AS last_success,
           (SELECT status FROM portal_runs p WHERE p.account_id = a.account_id ORDER BY p.id DESC LIMIT 1) AS last_status,
           (SELECT COUNT(*) FROM portal_runs p WHERE p.account_id = a.account_id AND p.status = 'failed'
              AND p.id > COALESCE((SELECT MAX(id) FROM portal_runs q WHERE q.account_id = a.account_id AND q.status = 'ok'), 0)) AS failures_since
         FROM (SELECT DISTINCT account_id FROM portal_runs) a ORDER BY a.account_id`,
      )
      .all() as Array<{ account_id: string; last_success: string | null; last_status: string | null; failures_since: number }>;
  }
}
