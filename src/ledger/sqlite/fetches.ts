/** Fetch runs and portal downloads: the memory that makes `remit fetch` incremental. */
import type { FetchStore } from '../ledger.js';
import type { FetchRunRecord, PortalHealth, PortalHold, PortalRunRecord } from '../records.js';
import type { Scope } from './connection.js';

export class SqliteFetches implements FetchStore {
  constructor(private readonly s: Scope) {}

  async startRun(runId: string, since: string, until: string, dryRun: boolean): Promise<number> {
    await this.s.ready();
    const { conn } = this.s;
    return Number(
      conn.statement('INSERT INTO fetch_runs (run_id, started_at, since, until, dry_run) VALUES (?, ?, ?, ?, ?)').run(runId, conn.now(), since, until, dryRun ? 1 : 0).lastInsertRowid,
    );
  }

  async finishRun(fetchRunId: number): Promise<void> {
    await this.s.ready();
    this.s.conn.statement('UPDATE fetch_runs SET finished_at = ? WHERE id = ?').run(this.s.conn.now(), fetchRunId);
  }

  async recordPortal(fetchRunId: number, record: PortalRunRecord): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn
      .statement(
        `INSERT INTO portal_runs (fetch_run_id, account_id, company, payer, status, error_kind, message, rows_seen, files, payments,
           file_errors, attempts, artifacts, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(fetchRunId, record.accountId, record.company, record.payer, record.status, record.errorKind ?? null, record.message ?? null, record.rowsSeen,
        record.files, record.payments, record.fileErrors, record.attempts, record.artifacts ?? null, conn.now());
  }

  async lastGoodDay(accountId: string): Promise<string | undefined> {
    await this.s.ready();
    const day = this.s.conn
      .statement(`SELECT MAX(f.until) FROM portal_runs p JOIN fetch_runs f ON f.id = p.fetch_run_id WHERE p.account_id = ? AND p.status = 'ok'`)
      .pluck()
      .get(accountId) as string | null;
    return day ?? undefined;
  }

  async lastRun(): Promise<FetchRunRecord | undefined> {
    await this.s.ready();
    return this.s.conn
      .statement('SELECT run_id AS runId, started_at AS startedAt, finished_at AS finishedAt, since, until FROM fetch_runs WHERE dry_run = 0 ORDER BY id DESC LIMIT 1')
      .get() as FetchRunRecord | undefined;
  }

  async knownRows(accountId: string): Promise<Set<string>> {
    await this.s.ready();
    return new Set(this.s.conn.statement('SELECT row_id FROM portal_downloads WHERE account_id = ?').pluck().all(accountId) as string[]);
  }

  async recordDownload(accountId: string, rowId: string, sha256: string): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn.statement('INSERT OR IGNORE INTO portal_downloads (account_id, row_id, sha256, downloaded_at) VALUES (?, ?, ?, ?)').run(accountId, rowId, sha256, conn.now());
  }

  async portalHealth(): Promise<PortalHealth[]> {
    await this.s.ready();
    return this.s.conn
      .statement(
        `SELECT a.account_id AS accountId,
           (SELECT MAX(finished_at) FROM portal_runs p WHERE p.account_id = a.account_id AND p.status = 'ok') AS lastSuccess,
           (SELECT status FROM portal_runs p WHERE p.account_id = a.account_id ORDER BY p.id DESC LIMIT 1) AS lastStatus,
           (SELECT COUNT(*) FROM portal_runs p WHERE p.account_id = a.account_id AND p.status = 'failed'
              AND p.id > COALESCE((SELECT MAX(id) FROM portal_runs q WHERE q.account_id = a.account_id AND q.status = 'ok'), 0)) AS failuresSince
         FROM (SELECT DISTINCT account_id FROM portal_runs) a ORDER BY a.account_id`,
      )
      .all() as PortalHealth[];
  }

  async holdAccount(hold: Omit<PortalHold, 'heldAt'>): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn
      .statement('INSERT OR REPLACE INTO portal_holds (account_id, error_kind, message, held_at, run_id) VALUES (?, ?, ?, ?, ?)')
      .run(hold.accountId, hold.errorKind, hold.message, conn.now(), hold.runId);
  }

  async clearHold(accountId: string): Promise<boolean> {
    await this.s.ready();
    return this.s.conn.statement('DELETE FROM portal_holds WHERE account_id = ?').run(accountId).changes > 0;
  }

  async holds(): Promise<PortalHold[]> {
    await this.s.ready();
    return this.s.conn
      .statement('SELECT account_id AS accountId, error_kind AS errorKind, message, held_at AS heldAt, run_id AS runId FROM portal_holds ORDER BY account_id')
      .all() as PortalHold[];
  }
}
