/**
 * `remit import x.eml y.msg`: mail saved to a folder, taken as a mailbox's messages are
 * (takeMessage), each recorded under the mailbox `import` so the same message fetched later
 * from a mailbox (same Message-ID or bytes) is not taken twice. A message stands for the
 * files it gave: one outcome per attachment or body, named `x.eml > Remit.pdf`.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { errorMessage } from '../../core/errors.js';
import type { OpenInvoiceLookup } from '../../mail/payer.js';
import type { PipelineContext } from '../context.js';
import type { FileOutcome } from '../importing/import-documents.js';
import { openInvoiceLookup } from './invoice-lookup.js';
import { knownSenders, takeMessage, type MessageOutcome } from './take-message.js';

/** A message file by its name: Outlook's .msg and RFC 5322's .eml. */
export function isMessageFile(path: string): boolean {
  return /\.(eml|msg)$/i.test(path);
}

export async function importMessages(ctx: PipelineContext, request: { files: string[]; company: string; payer?: string; batchId: number }): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const senders = await knownSenders(ctx);
  let lookup: Promise<OpenInvoiceLookup> | undefined;
  const scratchDir = join(ctx.paths.root, '.downloads', `import-${randomBytes(4).toString('hex')}`);
  try {
    for (const file of request.files) {
      const name = basename(file);
      let bytes: Buffer;
      try {
        if (statSync(file).size > ctx.config.limits.maxFileBytes) {
          outcomes.push({ file: name, status: 'failed', message: `over the limit of ${Math.round(ctx.config.limits.maxFileBytes / 1048576)} MB (limits.max_file_mb)` });
          continue;
        }
        bytes = readFileSync(file);
      } catch (err) {
        outcomes.push({ file: name, status: 'failed', message: `cannot read the file: ${errorMessage(err)}` });
        continue;
      }
      const taken = await takeMessage(ctx, {
        bytes, company: request.company, name, source: 'import', batchId: request.batchId, senders, scratchDir,
        ...(request.payer ? { payer: request.payer } : {}),
        invoices: () => (lookup ??= openInvoiceLookup(ctx, request.company)),
      });
      await recordImported(ctx, request.company, taken);
      outcomes.push(...messageOutcomes(name, taken));
    }
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
  return outcomes;
}

async function recordImported(ctx: PipelineContext, company: string, taken: MessageOutcome): Promise<void> {
  await ctx.ledger.mail.recordMessage({
    mailboxId: 'import', folder: null, uidValidity: null, uid: null, messageId: taken.messageId ?? null, sha256: taken.sha256, subject: taken.subject ?? null,
    sender: taken.sender ?? null, company, payer: taken.payer ?? null, payerMethod: taken.payerMethod ?? null, status: taken.status, reason: taken.reason,
    inboxPath: taken.inboxPath, documentIds: taken.files.flatMap((f) => ('documentId' in f && f.documentId !== undefined ? [f.documentId] : [])), disposition: 'left',
  });
}

/** The message's files as import outcomes; a message that gave none is one outcome with its reason. */
export function messageOutcomes(name: string, taken: MessageOutcome): FileOutcome[] {
  if (taken.files.length > 0) return taken.files.map((f) => ({ ...f, file: f.file === name ? name : `${name} > ${f.file}` }));
  const reason = taken.reason ?? 'nothing to import';
  if (taken.status === 'skipped' || taken.status === 'duplicate') return [{ file: name, status: 'skipped', message: reason }];
  const hint = taken.status === 'needs-payer' ? ' (pass --payer, or list the sender under payers.<ID>.senders)' : '';
  return [{ file: name, status: 'failed', message: `${reason}${hint}` }];
}
