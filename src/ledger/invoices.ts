/**
 * Open invoices as dated snapshots of the ERP's aging. A newer snapshot replaces open
 * amounts; invoices it no longer lists are closed; applications keep pointing at them.
 */
import type Database from 'better-sqlite3';
import type { Minor } from '../core/money.js';

export interface InvoiceRow {
  /** The row of the ERP file it came from, for messages. */
  row?: number;
  customer: string;
  customerName?: string | undefined;
  number: string;
  po?: string | undefined;
  invoiceDate?: string | undefined;
  dueDate?: string | undefined;
  currency: string;
  originalMinor: Minor;
  openMinor: Minor;
}

export interface SnapshotResult {
  snapshotId: number;
  added: number;
  updated: number;
  closed: number;
}

/** An invoice the same snapshot lists twice: the first listing is kept. */
export interface RepeatedInvoice {
  row: number | undefined;
  customer: string;
  number: string;
}

export class Invoices {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  /** Load one ERP snapshot for a company, in one transaction (the caller's); rows may arrive as a stream. */
  importSnapshot(company: string, rows: Iterable<InvoiceRow>, sourceName: string, sha256: string): SnapshotResult & { repeated: RepeatedInvoice[] } {
    const snapshot = this.db
      .prepare('INSERT INTO invoice_snapshots (company, source_name, sha256, imported_at, row_count) VALUES (?, ?, ?, ?, 0)')
      .run(company, sourceName, sha256, this.now());
    const snapshotId = Number(snapshot.lastInsertRowid);
    const find = this.db.prepare('SELECT id, snapshot_id FROM invoices WHERE company = ? AND customer = ? AND number = ?');
    const update = this.db.prepare(
      `UPDATE invoices SET customer_name = ?, po = ?, invoice_date = ?, due_date = ?, currency = ?, original_minor = ?,
         open_minor = ?, snapshot_id = ?, in_latest_snapshot = 1 WHERE id = ?`,
    );
    const insert = this.db.prepare(
      `INSERT INTO invoices (company, customer, customer_name, number, po, invoice_date, due_date, currency, original_minor,
         open_minor, snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    let updated = 0;
    const repeated: RepeatedInvoice[] = [];
    for (const row of rows) {
      const existing = find.get(company, row.customer, row.number) as { id: number; snapshot_id: number } | undefined;
      if (existing?.snapshot_id === snapshotId) {
        repeated.push({ row: row.row, customer: row.customer, number: row.number });
        continue;
      }
      const values = [
        row.customerName ?? null, row.po ?? null, row.invoiceDate ?? null, row.dueDate ?? null, row.currency,
        row.originalMinor, row.openMinor, snapshotId,
      ];
      if (existing) {
        update.run(...values, existing.id);
        updated += 1;
      } else {
        insert.run(company, row.customer, row.customerName ?? null, row.number, row.po ?? null, row.invoiceDate ?? null,
          row.dueDate ?? null, row.currency, row.originalMinor, row.openMinor, snapshotId);
        added += 1;
      }
    }
    this.db.prepare('UPDATE invoice_snapshots SET row_count = ? WHERE id = ?').run(added + updated, snapshotId);
    const closed = this.db
      .prepare('UPDATE invoices SET in_latest_snapshot = 0, open_minor = 0 WHERE company = ? AND snapshot_id <> ? AND in_latest_snapshot = 1')
      .run(company, snapshotId).changes;
    return { snapshotId, added, updated, closed, repeated };
  }

  latestSnapshotId(company: string): number | null {
    const row = this.db.prepare('SELECT MAX(id) AS id FROM invoice_snapshots WHERE company = ?').get(company) as { id: number | null };
    return row.id;
  }
}
