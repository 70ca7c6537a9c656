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
    // One statement a row: a new invoice is inserted, one from an earlier snapshot is
    // updated, and one this snapshot already wrote (listed twice) changes nothing.
    const upsert = this.db.prepare(
      `INSERT INTO invoices (company, customer, customer_name, number, po, invoice_date, due_date, currency, original_minor,
         open_minor, snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (company, customer, number) DO UPDATE SET customer_name = excluded.customer_name, po = excluded.po,
         invoice_date = excluded.invoice_date, due_date = excluded.due_date, currency = excluded.currency,
         original_minor = excluded.original_minor, open_minor = excluded.open_minor, snapshot_id = excluded.snapshot_id,
         in_latest_snapshot = 1
       WHERE invoices.snapshot_id <> excluded.snapshot_id`,
    );
    const lastIdBefore = (this.db.prepare('SELECT MAX(id) FROM invoices').pluck().get() as number | null) ?? 0;
    let written = 0;
    const repeated: RepeatedInvoice[] = [];
    for (const row of rows) {
      const changes = upsert.run(company, row.customer, row.customerName ?? null, row.number, row.po ?? null, row.invoiceDate ?? null,
        row.dueDate ?? null, row.currency, row.originalMinor, row.openMinor, snapshotId).changes;
      if (changes === 0) repeated.push({ row: row.row, customer: row.customer, number: row.number });
      else written += 1;
    }
    const added = this.db.prepare('SELECT COUNT(*) FROM invoices WHERE id > ?').pluck().get(lastIdBefore) as number;
    const updated = written - added;
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
