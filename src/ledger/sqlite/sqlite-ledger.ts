/**
 * The embedded ledger: one SQLite file in WAL mode with foreign keys on, migrations applied
 * when it opens. The ledger itself and the view a transaction hands out share one connection.
 */
import Database from 'better-sqlite3';
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { ExitCode, RemitError, errorMessage } from '../../core/errors.js';
import { errorCode, osError } from '../../core/os-errors.js';
import type { Ledger } from '../ledger.js';
import { Connection, type Scope } from './connection.js';
import { SqliteBank } from './bank.js';
import { SqliteDecisions } from './decisions.js';
import { SqliteDocuments } from './documents.js';
import { SqliteFetches } from './fetches.js';
import { SqliteInvoices } from './invoices.js';
import { SqliteJournals } from './journals.js';
import { SqliteMail } from './mail.js';
import { SqliteMatching } from './matching.js';
import { migrate } from './migrate.js';
import { checkAfterOpen, checkBeforeOpen, damagedLedger, recordHistory } from './open-checks.js';
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
  readonly bank: SqliteBank;
  readonly mail: SqliteMail;
  private inner: SqliteLedger | undefined;

  private constructor(
    private readonly conn: Connection,
    private readonly inTransaction: boolean,
    private readonly file: string,
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
    this.bank = new SqliteBank(scope);
    this.mail = new SqliteMail(scope);
  }

  /** Open (or, with `create`, create) a ledger file: WAL, foreign keys on, migrations applied. */
  static open(file: string, clock: Clock, options: { create?: boolean } = {}): SqliteLedger {
    if (!checkBeforeOpen(file, Boolean(options.create))) {
      throw new RemitError('no-ledger', `no ledger at ${file}`, {
        exitCode: ExitCode.usage,
        hint: 'run `remit init` to create the workspace, or pass --home',
      });
    }
    let db: Database.Database;
    try {
      db = connect(file, false);
    } catch (err) {
      if (/^SQLITE_(CORRUPT|NOTADB)/.test(errorCode(err) ?? '')) throw damagedLedger(file, errorMessage(err));
      // A ledger on a read-only disk or in a folder this user cannot write can still be read (reports, status).
      if (options.create || !/^SQLITE_(CANTOPEN|READONLY|PERM|IOERR)/.test(errorCode(err) ?? '')) throw cannotOpen(file, err);
      try {
        db = connect(file, true);
      } catch {
        throw cannotOpen(file, err);
      }
    }
    try {
      checkAfterOpen(db, file);
      migrate(db, file, clock.now().toISOString());
    } catch (err) {
      db.close();
      if (/^SQLITE_(CORRUPT|NOTADB)/.test(errorCode(err) ?? '')) throw damagedLedger(file, errorMessage(err));
      if (/^SQLITE_(CANTOPEN|READONLY|PERM)/.test(errorCode(err) ?? '')) throw cannotOpen(file, err);
      throw osError(err, file, 'open the ledger');
    }
    recordHistory(file, clock.now().toISOString(), false);
    return new SqliteLedger(new Connection(db, () => clock.now().toISOString()), false, file);
  }

  transaction<T>(work: (tx: Ledger) => Promise<T>): Promise<T> {
    const inner = this.inTransaction ? this : (this.inner ??= new SqliteLedger(this.conn, true, this.file));
    return this.conn.transaction(() => work(inner), this.inTransaction);
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  /** Close at once (the ledger's file is handed to something else next). */
  closeNow(): void {
    if (!this.conn.db.open) return;
    this.conn.db.close();
    // How remit left the file: the next open need not read it through again.
    recordHistory(this.file, this.conn.now(), true);
  }
}

/** A connection with the ledger's settings; read-only when the file or its folder cannot be written. */
function connect(file: string, readonly: boolean): Database.Database {
  const db = new Database(file, { readonly, fileMustExist: readonly });
  try {
    // Set first: a ledger another process is writing waits instead of failing at once.
    db.pragma('busy_timeout = 5000');
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    if (!readonly) db.pragma('synchronous = NORMAL');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Why the ledger cannot be opened, in the operator's words: the folder's own state (read-only, not ours) when that is it. */
function cannotOpen(file: string, err: unknown): RemitError {
  let folder: unknown;
  try {
    accessSync(dirname(file), constants.W_OK);
  } catch (denied) {
    folder = denied;
  }
  const worded = osError(folder ?? err, folder ? dirname(file) : file, 'open the ledger');
  return worded instanceof RemitError ? worded : new RemitError('ledger-open', `cannot open the ledger ${file}: ${errorMessage(err)}`, { exitCode: ExitCode.usage });
}
