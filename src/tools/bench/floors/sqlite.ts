/**
 * Fresh SQLite files for the floors, set up as remit sets up its ledger (WAL, synchronous
 * NORMAL), and the plain insert: one prepared statement, one transaction.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelInvoice } from '../../samplegen/demo-model.js';

export function freshDatabase(file: string): Database.Database {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Create `table` (columns as SQL) and insert every row in one transaction; returns the count. */
export function insertAll(db: Database.Database, table: string, columns: readonly string[], rows: Iterable<unknown[]>): number {
  db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, ${columns.join(', ')})`);
  const names = columns.map((column) => column.split(' ')[0]!);
  const insert = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  let count = 0;
  db.transaction(() => {
    for (const row of rows) {
      insert.run(row);
      count += 1;
    }
  })();
  return count;
}

/** insertAll into a fresh file, closed afterwards: the insert phase of the import floors. */
export function insertIntoFresh(file: string, table: string, columns: readonly string[], rows: Iterable<unknown[]>): number {
  const db = freshDatabase(file);
  try {
    return insertAll(db, table, columns, rows);
  } finally {
    db.close();
  }
}

/** One figure from a workspace's ledger, read-only: the size of a stage that works on what an earlier one wrote. */
export function ledgerCount(home: string | undefined, sql: string): number {
  if (!home) return 0;
  const db = new Database(join(home, 'ledger.db'), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The invoices a workspace's ledger holds open today, as the ERP would list them again in its next snapshot. */
export function openItems(home: string): ModelInvoice[] {
  const db = new Database(join(home, 'ledger.db'), { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT customer, COALESCE(customer_name, '') AS customerName, number, COALESCE(po, '') AS po, invoice_date AS invoiceDate,
                  due_date AS dueDate, currency, original_minor AS originalMinor, open_minor AS openMinor FROM invoices WHERE in_latest_snapshot = 1 ORDER BY id`)
      .all() as Array<Omit<ModelInvoice, 'listed'>>;
    return rows.map((row) => ({ ...row, listed: true }));
  } finally {
    db.close();
  }
}
