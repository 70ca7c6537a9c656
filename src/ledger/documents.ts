/** Documents (original files) and the batches they arrive in. */
import type Database from 'better-sqlite3';
import type { Diagnostic } from '../parsers/types.js';

export interface DocumentRow {
  id: number;
  sha256: string;
  original_name: string;
  source: string;
  format: string | null;
  status: 'imported' | 'duplicate' | 'failed';
  error: string | null;
  diagnostics: string;
  size_bytes: number;
  inbox_path: string;
  company: string;
  payer: string | null;
  batch_id: number | null;
  received_at: string;
  remittance_count: number;
  duplicate_count: number;
}

export interface NewDocument {
  sha256: string;
  originalName: string;
  source: string;
  format: string | null;
  status: DocumentRow['status'];
  error: string | null;
  diagnostics: Diagnostic[];
  sizeBytes: number;
  inboxPath: string;
  company: string;
  payer: string | null;
  batchId: number;
  remittanceCount: number;
  duplicateCount: number;
}

export class Documents {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  startBatch(company: string, kind: 'import' | 'fetch', note: string | null): number {
    const result = this.db
      .prepare('INSERT INTO batches (company, kind, started_at, note) VALUES (?, ?, ?, ?)')
      .run(company, kind, this.now(), note);
    return Number(result.lastInsertRowid);
  }

  finishBatch(batchId: number): void {
    this.db.prepare('UPDATE batches SET finished_at = ? WHERE id = ?').run(this.now(), batchId);
  }

  /** A run that recorded no document leaves no batch behind. */
  dropIfEmpty(batchId: number): void {
    this.db.prepare('DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE batch_id = ?) AND NOT EXISTS (SELECT 1 FROM remittances WHERE batch_id = ?)').run(batchId, batchId, batchId);
  }

  bySha(sha256: string): DocumentRow | undefined {
    return this.db.prepare('SELECT * FROM documents WHERE sha256 = ?').get(sha256) as DocumentRow | undefined;
  }

  /** Insert a document, or replace a failed one with the same content (a retried file). */
  record(doc: NewDocument): number {
    const existing = this.bySha(doc.sha256);
    const values = [
      doc.originalName, doc.source, doc.format, doc.status, doc.error, JSON.stringify(doc.diagnostics), doc.sizeBytes,
      doc.inboxPath, doc.company, doc.payer, doc.batchId, this.now(), doc.remittanceCount, doc.duplicateCount,
    ];
    if (existing) {
      this.db
        .prepare(
          `UPDATE documents SET original_name = ?, source = ?, format = ?, status = ?, error = ?, diagnostics = ?, size_bytes = ?,
             inbox_path = ?, company = ?, payer = ?, batch_id = ?, received_at = ?, remittance_count = ?, duplicate_count = ?
           WHERE id = ?`,
        )
        .run(...values, existing.id);
      return existing.id;
    }
    const result = this.db
      .prepare(
        `INSERT INTO documents (original_name, source, format, status, error, diagnostics, size_bytes, inbox_path, company,
           payer, batch_id, received_at, remittance_count, duplicate_count, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...values, doc.sha256);
    return Number(result.lastInsertRowid);
  }

  setCounts(documentId: number, status: DocumentRow['status'], remittanceCount: number, duplicateCount: number, diagnostics: Diagnostic[]): void {
    this.db
      .prepare('UPDATE documents SET status = ?, remittance_count = ?, duplicate_count = ?, diagnostics = ? WHERE id = ?')
      .run(status, remittanceCount, duplicateCount, JSON.stringify(diagnostics), documentId);
  }
}
