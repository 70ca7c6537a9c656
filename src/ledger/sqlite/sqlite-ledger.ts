/**
 * The embedded ledger: one SQLite file in WAL mode with foreign keys on, migrations applied
 * when it opens. The ledger itself and the view a transaction hands out share one connection.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Clock } from '../../core/clock.js';
import { ExitCode, RemitError, errorMessage } from '../../core/errors.js';
import type { Ledger } from '../ledger.js';
import { Connection, type Scope } from './connection.js';
import { SqliteDecisions } from './decisions.js';
import { SqliteDocuments } from './documents.js';
import { SqliteFetches } from './fetches.js';
import { SqliteInvoices } from './invoices.js';
import { SqliteJournals } from './journals.js';
import { SqliteMail } from './mail.js';
import { SqliteMatching } from './matching.js';
import { migrate } from './migrate.js';
import { SqliteRemittances } from './remittances.js';
import { SqliteReports } from './reports.js';

export class SqliteLedger implements Ledger {
  readonly documents: SqliteDocuments;
  readonly remittances: SqliteRemittances;
  readonly invoices: SqliteInvoices;
  readonly matching: SqliteMatching;
  readonly decisions: SqliteDecisions;
  readonly journals: SqliteJournals;
  readonly fetches: SqliteFetches;
  readonly reports: SqliteReports;
  readonly mail: SqliteMail;
  private inner: SqliteLedger | undefined;

  private constructor(
    private readonly conn: Connection,
    private readonly inTransaction: boolean,
  ) {
    const scope: Scope = { conn, ready: inTransaction ? () => undefined : () => conn.idle() };
    this.documents = new SqliteDocuments(scope);
    this.remittances = new SqliteRemittances(scope);
    this.invoices = new SqliteInvoices(scope);
    this.matching = new SqliteMatching(scope);
    this.decisions = new SqliteDecisions(scope);
    this.journals = new SqliteJournals(scope);
    this.fetches = new SqliteFetches(scope);
    this.reports = new SqliteReports(scope);
    this.mail = new SqliteMail(scope);
  }

  /** Open (or, with `create`, create) a ledger file: WAL, foreign keys on, migrations applied. */
  static open(file: string, clock: Clock, options: { create?: boolean } = {}): SqliteLedger {
    if (!options.create && !existsSync(file)) {
      throw new RemitError('no-ledger', `no ledger at ${file}`, {
        exitCode: ExitCode.usage,
        hint: 'run `remit init` to create the workspace, or pass --home',
      });
    }
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    } catch (err) {
      throw new RemitError('ledger-open', `cannot open the ledger ${file}: ${errorMessage(err)}`, { exitCode: ExitCode.usage });
    }
    try {
      migrate(db, file, clock.now().toISOString());
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteLedger(new Connection(db, () => clock.now().toISOString()), false);
  }

  transaction<T>(work: (tx: Ledger) => Promise<T>): Promise<T> {
    const inner = this.inTransaction ? this : (this.inner ??= new SqliteLedger(this.conn, true));
    return this.conn.transaction(() => work(inner), this.inTransaction);
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  /** Close at once (the ledger's file is handed to something else next). */
  closeNow(): void {
    this.conn.db.close();
  }
}
