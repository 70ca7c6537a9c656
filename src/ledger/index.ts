/**
 * The ledger: the only module that speaks SQL. Opened once per command; parsers and the
 * matcher never see it. A PostgreSQL backend would replace this folder and nothing else.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Clock } from '../core/clock.js';
import { RemitError, ExitCode, errorMessage } from '../core/errors.js';
import { migrate } from './migrate.js';
import { Documents } from './documents.js';
import { Remittances } from './remittances.js';
import { Invoices } from './invoices.js';
import { Matching } from './matching.js';
import { Journals } from './journals.js';
import { Reports } from './reports.js';
import { Fetches } from './fetches.js';
import { Manual } from './manual.js';

export class Ledger {
  readonly documents: Documents;
  readonly remittances: Remittances;
  readonly invoices: Invoices;
  readonly matching: Matching;
  readonly journals: Journals;
  readonly reports: Reports;
  readonly fetches: Fetches;
  readonly manual: Manual;

  private constructor(
    readonly db: Database.Database,
    readonly clock: Clock,
  ) {
    const now = (): string => clock.now().toISOString();
    this.documents = new Documents(db, now);
    this.remittances = new Remittances(db);
    this.invoices = new Invoices(db, now);
    this.matching = new Matching(db, now);
    this.journals = new Journals(db, now);
    this.reports = new Reports(db);
    this.fetches = new Fetches(db, now);
    this.manual = new Manual(db, now);
  }

  /** Open (or create) a ledger file: WAL, foreign keys on, migrations applied. */
  static open(file: string, clock: Clock, options: { create?: boolean } = {}): Ledger {
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
    return new Ledger(db, clock);
  }

  /** Run `fn` in one transaction: all of it reaches the ledger, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
