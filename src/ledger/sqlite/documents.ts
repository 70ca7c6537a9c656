/** Documents (original files) and the batches they arrive in. */
import type { Diagnostic, DocumentStatus } from '../../domain/document.js';
import type { DocumentStore } from '../ledger.js';
import type { BatchKind, DocumentRecord, NewDocument, PayerDateOrder } from '../records.js';
import type { Scope } from './connection.js';

const DOCUMENT = `SELECT id, sha256, original_name AS originalName, source, format, status, error, diagnostics, size_bytes AS sizeBytes,
  inbox_path AS inboxPath, company, payer, batch_id AS batchId, received_at AS receivedAt, remittance_count AS remittanceCount,
  duplicate_count AS duplicateCount FROM documents`;

export class SqliteDocuments implements DocumentStore {
  constructor(private readonly s: Scope) {}

  async startBatch(company: string, kind: BatchKind, note: string | null): Promise<number> {
    await this.s.ready();
    const { conn } = this.s;
    return Number(conn.statement('INSERT INTO batches (company, kind, started_at, note) VALUES (?, ?, ?, ?)').run(company, kind, conn.now(), note).lastInsertRowid);
  }

  async closeBatch(batchId: number): Promise<boolean> {
    await this.s.ready();
    const { conn } = this.s;
    conn.statement('UPDATE batches SET finished_at = ? WHERE id = ?').run(conn.now(), batchId);
    return (
      conn
        .statement('DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE batch_id = ?) AND NOT EXISTS (SELECT 1 FROM remittances WHERE batch_id = ?)')
        .run(batchId, batchId, batchId).changes === 0
    );
  }

  async closeInterruptedBatches(): Promise<{ removed: number; closed: number }> {
    await this.s.ready();
    const { conn } = this.s;
    return conn.db.transaction(() => {
      const removed = conn
        .statement(`DELETE FROM batches WHERE finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.batch_id = batches.id)
                      AND NOT EXISTS (SELECT 1 FROM remittances r WHERE r.batch_id = batches.id)`)
        .run().changes;
      const closed = conn
        .statement(`UPDATE batches SET finished_at = COALESCE((SELECT MAX(d.received_at) FROM documents d WHERE d.batch_id = batches.id), started_at),
                      note = CASE WHEN note IS NULL OR note = '' THEN 'interrupted' ELSE note || '; interrupted' END
                    WHERE finished_at IS NULL`)
        .run().changes;
      return { removed, closed };
    })();
  }

  async bySha(sha256: string): Promise<DocumentRecord | undefined> {
    await this.s.ready();
    return this.find(sha256);
  }

  async failed(company?: string): Promise<DocumentRecord[]> {
    await this.s.ready();
    const rows = this.s.conn
      .statement(`${DOCUMENT} WHERE status = 'failed' AND dismissed_at IS NULL AND (? IS NULL OR company = ?) ORDER BY id`)
      .all(company ?? null, company ?? null) as Array<Omit<DocumentRecord, 'diagnostics'> & { diagnostics: string }>;
    return rows.map((row) => ({ ...row, diagnostics: JSON.parse(row.diagnostics) as Diagnostic[] }));
  }

  async byIds(ids: readonly number[]): Promise<DocumentRecord[]> {
    await this.s.ready();
    const statement = this.s.conn.statement(`${DOCUMENT} WHERE id = ?`);
    return ids.flatMap((id) => {
      const row = statement.get(id) as (Omit<DocumentRecord, 'diagnostics'> & { diagnostics: string }) | undefined;
      return row ? [{ ...row, diagnostics: JSON.parse(row.diagnostics) as Diagnostic[] }] : [];
    });
  }

  async dismiss(ids: readonly number[], user: string, reason: string): Promise<number> {
    await this.s.ready();
    const { conn } = this.s;
    const statement = conn.statement(`UPDATE documents SET dismissed_at = ?, dismissed_by = ?, dismiss_reason = ? WHERE id = ? AND status = 'failed' AND dismissed_at IS NULL`);
    let count = 0;
    for (const id of ids) count += statement.run(conn.now(), user, reason, id).changes;
    return count;
  }

  async record(doc: NewDocument): Promise<number> {
    await this.s.ready();
    const { conn } = this.s;
    const existing = this.find(doc.sha256);
    const values = [
      doc.originalName, doc.source, doc.format, doc.status, doc.error, JSON.stringify(doc.diagnostics), doc.sizeBytes,
      doc.inboxPath, doc.company, doc.payer, doc.batchId, conn.now(), doc.remittanceCount, doc.duplicateCount,
    ];
    if (existing) {
      conn
        .statement(
          `UPDATE documents SET original_name = ?, source = ?, format = ?, status = ?, error = ?, diagnostics = ?, size_bytes = ?,
             inbox_path = ?, company = ?, payer = ?, batch_id = ?, received_at = ?, remittance_count = ?, duplicate_count = ?
           WHERE id = ?`,
        )
        .run(...values, existing.id);
      return existing.id;
    }
    const result = conn
      .statement(
        `INSERT INTO documents (original_name, source, format, status, error, diagnostics, size_bytes, inbox_path, company,
           payer, batch_id, received_at, remittance_count, duplicate_count, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...values, doc.sha256);
    return Number(result.lastInsertRowid);
  }

  async setOutcome(documentId: number, outcome: { status: DocumentStatus; remittanceCount: number; duplicateCount: number; diagnostics: Diagnostic[] }): Promise<void> {
    await this.s.ready();
    this.s.conn
      .statement('UPDATE documents SET status = ?, remittance_count = ?, duplicate_count = ?, diagnostics = ? WHERE id = ?')
      .run(outcome.status, outcome.remittanceCount, outcome.duplicateCount, JSON.stringify(outcome.diagnostics), documentId);
  }

  async payerDateOrder(company: string, payer: string): Promise<PayerDateOrder | undefined> {
    await this.s.ready();
    return this.s.conn
      .statement(`SELECT o.date_order AS "order", o.document_id AS documentId, d.original_name AS originalName
                  FROM payer_date_orders o JOIN documents d ON d.id = o.document_id WHERE o.company = ? AND o.payer = ?`)
      .get(company, payer) as PayerDateOrder | undefined;
  }

  async rememberPayerDateOrder(company: string, payer: string, order: 'dmy' | 'mdy', documentId: number): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn
      .statement(`INSERT INTO payer_date_orders (company, payer, date_order, document_id, learned_at) VALUES (?, ?, ?, ?, ?)
                  ON CONFLICT (company, payer) DO UPDATE SET date_order = excluded.date_order, document_id = excluded.document_id, learned_at = excluded.learned_at`)
      .run(company, payer, order, documentId, conn.now());
  }

  private find(sha256: string): DocumentRecord | undefined {
    const row = this.s.conn.statement(`${DOCUMENT} WHERE sha256 = ?`).get(sha256) as (Omit<DocumentRecord, 'diagnostics'> & { diagnostics: string }) | undefined;
    return row ? { ...row, diagnostics: JSON.parse(row.diagnostics) as Diagnostic[] } : undefined;
  }
}
