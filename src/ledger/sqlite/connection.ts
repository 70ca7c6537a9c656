/**
 * One SQLite connection shared by the ledger and its transaction view. better-sqlite3 runs
 * statements synchronously, but the ledger's calls are promises (a network backend needs
 * them), so a transaction can span awaits: while one is open, calls made outside it wait
 * for it to end instead of landing inside it.
 */
import type Database from 'better-sqlite3';
import { crashPoint } from '../../core/crash-points.js';

export class Connection {
  private open: Promise<void> | undefined;
  private depth = 0;
  /** Statements prepared once per connection: an import of a million lines runs them a million times. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly now: () => string,
  ) {}

  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Resolves once no transaction is open (undefined when none is: the common case costs nothing). */
  idle(): Promise<void> | undefined {
    return this.open ? this.waitIdle() : undefined;
  }

  private async waitIdle(): Promise<void> {
    while (this.open) await this.open;
  }

  /** Run `work` between BEGIN IMMEDIATE and COMMIT (ROLLBACK when it throws); nested calls are savepoints. */
  async transaction<T>(work: () => Promise<T>, nested: boolean): Promise<T> {
    if (nested) return this.savepoint(work);
    while (this.open) await this.open;
    let ended!: () => void;
    this.open = new Promise((resolve) => {
      ended = resolve;
    });
    try {
      // IMMEDIATE: take the write lock now, so a writer that loses the race learns it at once.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        crashPoint();
        this.db.exec('COMMIT');
        crashPoint();
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.open = undefined;
      ended();
    }
  }

  private async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const name = `remit_${++this.depth}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      throw err;
    } finally {
      this.depth -= 1;
    }
  }
}

/** What every store is given: the connection, and whether its calls must wait for an open transaction. */
export interface Scope {
  readonly conn: Connection;
  /** undefined inside a transaction; outside, the wait for one that is open. */
  ready(): Promise<void> | undefined;
}
