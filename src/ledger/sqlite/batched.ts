/**
 * One statement run for many rows at a time: `INSERT ... VALUES (...), (...)` or
 * `UPDATE ... FROM (VALUES (...), (...))`. SQLite does the same work per row either way, but
 * a year of data is a million rows, and each run of a statement from JavaScript costs about
 * as much again. Rows reach the ledger in the order they were added.
 */
import type Database from 'better-sqlite3';

/** Rows per run: well inside SQLite's limit on parameters, big enough to matter. */
const ROWS = 64;

export class Batched {
  private readonly full: Database.Statement;
  private readonly one: Database.Statement;
  private values: unknown[] = [];

  /**
   * `sql(tuples)` is the statement for `tuples` (a list of `(?, ?, ...)` of `width` values);
   * rows are written in runs of ROWS, and the rest by `flush`.
   */
  constructor(
    db: Database.Database,
    sql: (tuples: string) => string,
    private readonly width: number,
  ) {
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    this.full = db.prepare(sql(Array.from({ length: ROWS }, () => tuple).join(', ')));
    this.one = db.prepare(sql(tuple));
  }

  add(...row: unknown[]): void {
    for (const value of row) this.values.push(value);
    if (this.values.length === this.width * ROWS) {
      this.full.run(this.values);
      this.values = [];
    }
  }

  /** Write the rows not written yet. */
  flush(): void {
    for (let at = 0; at < this.values.length; at += this.width) this.one.run(this.values.slice(at, at + this.width));
    this.values = [];
  }
}
