/**
 * `remit documents retry ID...|--failed` and `remit documents dismiss ID... --reason R`:
 * failed documents read again from their kept originals, or let go with a reason (kept in
 * the ledger, shown by report documents, no longer counted as failed by remit status).
 */
import { UsageError } from '../../core/errors.js';
import { dismissDocuments, importFailed, retryFailedDocuments } from '../../pipeline/import-files.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { withWorkspace } from '../workspace.js';
import { idOf } from './apply.js';
import { report } from './import.js';

export async function retry(ids: string[], options: { failed?: boolean; company?: string }, ctx: Context): Promise<number> {
  if (ids.length === 0 && !options.failed) throw new UsageError('name the documents to read again, or --failed for every failed one', 'document ids are in remit report documents');
  if (ids.length > 0 && options.failed) throw new UsageError('name documents or give --failed, not both');
  const numbers = ids.map((id) => idOf(id, 'ID'));
  const say = sayFor(ctx);
  const batches = await withWorkspace(ctx, (pipeline) =>
    retryFailedDocuments(pipeline, { ...(options.company ? { company: options.company } : {}), ...(numbers.length ? { ids: numbers } : {}) }),
  );
  if (batches.length === 0) say.info('no failed document to read again');
  for (const batch of batches) report(batch.files, batch.batchId, say, ctx, false);
  return batches.some((b) => importFailed(b.files)) ? 1 : 0;
}

export async function dismiss(ids: string[], options: { reason?: string }, ctx: Context): Promise<number> {
  if (ids.length === 0) throw new UsageError('name the failed documents to dismiss', 'document ids are in remit report documents');
  const numbers = ids.map((id) => idOf(id, 'ID'));
  const reason = options.reason ?? '';
  const count = await withWorkspace(ctx, (pipeline) => dismissDocuments(pipeline, { ids: numbers, reason }));
  sayFor(ctx).ok(`${count} document(s) dismissed: kept in the ledger (remit report documents), no longer counted as failed`);
  return 0;
}
