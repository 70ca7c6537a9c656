/** One value read from a workspace's ledger, opened read-only, as a test checks it. */
import { join } from 'node:path';
import Database from 'better-sqlite3';

export function ledgerValue(home: string, sql: string): number {
  const db = new Database(join(home, 'ledger.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}
