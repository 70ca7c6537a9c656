/**
 * Open invoices as dated snapshots of the ERP's aging. A newer snapshot replaces open
 * amounts; invoices it no longer lists are closed; applications keep pointing at them.
 */
import type { OpenItem } from '../../domain/invoice.js';
import type { InvoiceStore } from '../ledger.js';
import type { InvoiceRecord, RepeatedInvoice, SnapshotResult } from '../records.js';
import type { Scope } from './connection.js';
import { REMAINING } from './open-amount.js';

const UPSERT = `INSERT INTO invoices (company, customer, customer_name, number, po, invoice_date, due_date, currency, original_minor,
    open_minor, snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (company, customer, number) DO UPDATE SET customer_name = excluded.customer_name, po = excluded.po,
    invoice_date = excluded.invoice_date, due_date = excluded.due_date, currency = excluded.currency,
    original_minor = excluded.original_minor, open_minor = excluded.open_minor, snapshot_id = excluded.snapshot_id,
    in_latest_snapshot = 1
  WHERE invoices.snapshot_id <> excluded.snapshot_id`;

export class SqliteInvoices implements InvoiceStore {
  constructor(private readonly s: Scope) {}

  async importSnapshot(company: string, rows: Iterable<OpenItem>, sourceName: string, sha256: string): Promise<SnapshotResult & { repeated: RepeatedInvoice[] }> {
    await this.s.ready();
    const { conn } = this.s;
    const snapshot = conn
      .statement('INSERT INTO invoice_snapshots (company, source_name, sha256, imported_at, row_count) VALUES (?, ?, ?, ?, 0)')
      .run(company, sourceName, sha256, conn.now());
    const snapshotId = Number(snapshot.lastInsertRowid);
    // One statement a row: a new invoice is inserted, one from an earlier snapshot is
    // updated, and one this snapshot already wrote (listed twice) changes nothing.
    const upsert = conn.statement(UPSERT);
    const lastIdBefore = (conn.statement('SELECT MAX(id) FROM invoices').pluck().get() as number | null) ?? 0;
    let written = 0;
    const repeated: RepeatedInvoice[] = [];
    for (const row of rows) {
      const changes = upsert.run(company, row.customer, row.customerName ?? null, row.number, row.po ?? null, row.invoiceDate ?? null,
        row.dueDate ?? null, row.currency, row.originalMinor, row.openMinor, snapshotId).changes;
      if (changes === 0) repeated.push({ row: row.row, customer: row.customer, number: row.number });
      else written += 1;
    }
    const added = conn.statement('SELECT COUNT(*) FROM invoices WHERE id > ?').pluck().get(lastIdBefore) as number;
    const updated = written - added;
    conn.statement('UPDATE invoice_snapshots SET row_count = ? WHERE id = ?').run(added + updated, snapshotId);
    const closed = conn
      .statement('UPDATE invoices SET in_latest_snapshot = 0, open_minor = 0 WHERE company = ? AND snapshot_id <> ? AND in_latest_snapshot = 1')
      .run(company, snapshotId).changes;
    return { snapshotId, added, updated, closed, repeated };
  }

  async latestSnapshotId(company: string): Promise<number | null> {
    await this.s.ready();
    return (this.s.conn.statement('SELECT MAX(id) FROM invoice_snapshots WHERE company = ?').pluck().get(company) as number | null) ?? null;
  }

  async customers(company: string): Promise<string[]> {
    await this.s.ready();
    return this.s.conn.statement('SELECT DISTINCT customer FROM invoices WHERE company = ? ORDER BY customer').pluck().all(company) as string[];
  }

  async hasCustomer(company: string, customer: string): Promise<boolean> {
    await this.s.ready();
    return this.s.conn.statement('SELECT 1 FROM invoices WHERE company = ? AND customer = ? LIMIT 1').pluck().get(company, customer) !== undefined;
  }

  async byNumber(company: string, payer: string, number: string): Promise<InvoiceRecord | undefined> {
    await this.s.ready();
    const row = this.s.conn
      .statement(`SELECT i.id, i.number, i.po, i.currency, i.in_latest_snapshot AS open, ${REMAINING} AS remainingMinor
                  FROM invoices i WHERE i.company = ? AND i.customer = ? AND i.number = ?`)
      .get(company, payer, number) as (Omit<InvoiceRecord, 'open'> & { open: number }) | undefined;
    return row ? { ...row, open: row.open === 1 } : undefined;
  }

  async openNumbers(company: string): Promise<Array<{ customer: string; customerName: string | null; number: string }>> {
    await this.s.ready();
    return this.s.conn
      .statement('SELECT customer, customer_name AS customerName, number FROM invoices WHERE company = ? AND in_latest_snapshot = 1 ORDER BY customer, number')
      .all(company) as Array<{ customer: string; customerName: string | null; number: string }>;
  }
}
