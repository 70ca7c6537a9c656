/**
 * One e-mail message into the ledger, the same whether it came from a mailbox (`remit mail
 * fetch`) or as a file (`remit import x.eml`): the original kept in the inbox first; read
 * under the mail limits; junk (auto-replies, newsletters, reports, messages with nothing remit
 * reads) skipped with its reason; the payer found (the one given, else the sender, else the
 * content) or the message left for a person with the reason; every remittance attachment
 * imported through the file import, and a remittance written in the body imported as a
 * document that is the message itself. A payment already in the ledger (the same advice by
 * portal and by mail) is recognised by the import's own payment check and applied once.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { Diagnostic } from '../../domain/document.js';
import type { Remittance } from '../../domain/remittance.js';
import type { MailMessageStatus } from '../../ledger/index.js';
// The readers only, not src/mail/index: a `remit import` of a message never loads the IMAP client.
import { DEFAULT_MAIL_LIMITS } from '../../mail/limits.js';
import { remittanceParts, type MessageParts, type SkippedPart } from '../../mail/parts/remittance-parts.js';
import { identifyPayer, type OpenInvoiceLookup } from '../../mail/payer.js';
import type { MailMessage } from '../../mail/reading/message.js';
import { readMessage } from '../../mail/reading/read-message.js';
import { remittancesFromRows } from '../../parsers/tabular/remittance-table.js';
import { storeInInbox } from '../../workspace/inbox.js';
import type { PipelineContext } from '../context.js';
import { sha256Bytes } from '../importing/file-chunks.js';
import { importDocuments, type FileOutcome, type ImportRequest } from '../importing/import-documents.js';
import { parseOptionsFor } from '../importing/options.js';
import { ParserRunner } from '../importing/parser-runner.js';
import { writeDocument, type DocumentBase } from '../importing/write-document.js';

export interface MessageRequest {
  bytes: Uint8Array;
  company: string;
  /** How the message is named to a person: its file name, or "INBOX UID 7". */
  name: string;
  /** `mail:<mailbox id>` or `import`; the documents' source adds the Message-ID. */
  source: string;
  batchId: number;
  /** Given by the person (`remit import --payer`): no finding. */
  payer?: string;
  /** Address or @domain -> payer: remit.yaml senders and the ones a person assigned. */
  senders: Record<string, string>;
  /** The open-invoice file as a lookup, built once per run when first needed. */
  invoices: () => Promise<OpenInvoiceLookup>;
  /** A folder of the workspace where attachments wait for their import. */
  scratchDir: string;
}

export interface MessageOutcome {
  status: MailMessageStatus;
  /** One line for a person: why skipped, failed, waiting; what it duplicates. */
  reason: string | null;
  sha256: string;
  messageId: string | undefined;
  subject: string | undefined;
  sender: string | undefined;
  inboxPath: string;
  payer: string | undefined;
  payerMethod: string | undefined;
  files: FileOutcome[];
  skipped: SkippedPart[];
}

export async function takeMessage(ctx: PipelineContext, request: MessageRequest): Promise<MessageOutcome> {
  const sha = sha256Bytes(request.bytes);
  const inboxPath = storeInInbox(ctx.paths.inbox, sha, `${request.name}.eml`, request.bytes);
  const base = { sha256: sha, inboxPath, files: [] as FileOutcome[], skipped: [] as SkippedPart[], payer: undefined, payerMethod: undefined };
  let message: MailMessage;
  let parts: MessageParts;
  try {
    message = await readMessage(request.bytes, mailLimits(ctx));
  } catch (err) {
    return { ...base, status: 'failed', reason: `the message cannot be read: ${errorMessage(err)}`, messageId: undefined, subject: undefined, sender: undefined };
  }
  const facts = { messageId: message.messageId, subject: message.subject || undefined, sender: message.from?.address || undefined };
  const seen = await ctx.ledger.mail.taken(sha, message.messageId);
  if (seen) {
    const where = seen.uid !== null ? `${seen.mailboxId} ${seen.folder ?? ''} UID ${seen.uid}`.replace(/\s+/g, ' ') : seen.mailboxId;
    return { ...base, ...facts, status: 'duplicate', reason: `the same message (${seen.messageId ? `Message-ID ${seen.messageId}` : 'same bytes'}) was taken before from ${where}: nothing taken twice` };
  }
  try {
    parts = remittanceParts(message, { limits: mailLimits(ctx), parseLimits: ctx.config.limits, ...payerReading(ctx, request.payer) });
  } catch (err) {
    return { ...base, ...facts, status: 'failed', reason: errorMessage(err) };
  }
  if (parts.kind !== 'mail' || parts.documents.length + parts.bodyTables.length === 0) {
    const reason = parts.skipped.length ? parts.skipped.map((s) => `${s.part}: ${s.reason}`).join('; ') : 'no attachment remit reads and no remittance table in the body';
    return { ...base, ...facts, skipped: parts.skipped, status: 'skipped', reason: parts.kind !== 'mail' ? parts.skipped[0]!.reason : `nothing to import (${reason})` };
  }

  const decided = request.payer ? { payer: request.payer, method: 'given' } : await findPayer(ctx, request, message, parts);
  if (decided.payer === undefined) {
    return { ...base, ...facts, skipped: parts.skipped, status: 'needs-payer', reason: `who paid is not certain: ${decided.reason}` };
  }
  const payer = decided.payer;
  // A payer's own column names read its body tables: read again under them when the payer was found after.
  if (!request.payer && ctx.config.payers[payer]) parts = remittanceParts(message, { limits: mailLimits(ctx), parseLimits: ctx.config.limits, ...payerReading(ctx, payer) });

  const source = `${request.source} ${message.messageId ? `<${message.messageId}>` : `sha256:${sha.slice(0, 12)}`}`;
  const files: FileOutcome[] = [];
  if (parts.documents.length > 0) files.push(...(await importAttachments(ctx, request, parts, payer, source)));
  if (parts.bodyTables.length > 0) files.push(await importBody(ctx, request, parts, payer, source, { sha, inboxPath }));
  const failed = files.find((f) => f.status === 'failed');
  const fresh = files.some((f) => f.status === 'imported');
  const status: MailMessageStatus = failed ? 'failed' : fresh ? 'imported' : 'duplicate';
  const reason = failed && failed.status === 'failed' ? `${failed.file}: ${failed.message}` : fresh ? null : 'every payment in it is already in the ledger: nothing applied twice';
  return { ...base, ...facts, files, skipped: parts.skipped, payer, payerMethod: decided.method, status, reason };
}

/** remit.yaml's `payers.<ID>.senders` over what a person assigned (remit.yaml wins). */
export async function knownSenders(ctx: PipelineContext): Promise<Record<string, string>> {
  const senders: Record<string, string> = { ...(await ctx.ledger.mail.learnedSenders()) };
  for (const [payer, settings] of Object.entries(ctx.config.payers)) for (const sender of settings.senders) senders[sender] = payer;
  return senders;
}

/** The mail limits of remit.yaml (`limits.*`): the defaults of src/mail until remit.yaml names them. */
/** The mail limits in force: the reader's defaults, under limits.max_file_mb, with what remit.yaml sets. */
export function mailLimits(ctx: PipelineContext) {
  const set = ctx.config.limits.mail;
  // A message is a file from outside: never larger than limits.max_file_mb unless max_message_mb says so.
  return { ...DEFAULT_MAIL_LIMITS, maxMessageBytes: Math.min(DEFAULT_MAIL_LIMITS.maxMessageBytes, ctx.config.limits.maxFileBytes), ...set };
}

function payerReading(ctx: PipelineContext, payer: string | undefined): { columns: Partial<Record<string, string>>; decimalComma: boolean } {
  const settings = payer ? ctx.config.payers[payer] : undefined;
  return { columns: settings?.columns ?? {}, decimalComma: settings?.decimalComma ?? false };
}

/** The sender first (no reading needed), then the references the message's documents and tables name. */
async function findPayer(ctx: PipelineContext, request: MessageRequest, message: MailMessage, parts: MessageParts): Promise<{ payer: string; method: string } | { payer: undefined; reason: string }> {
  const bySender = identifyPayer({ message, senders: request.senders });
  if (bySender.payer !== undefined) return { payer: bySender.payer, method: bySender.method };
  if (/listed for different payers/.test(bySender.reason)) return { payer: undefined, reason: bySender.reason };
  const references: string[] = [];
  const options = (name: string) => parseOptionsFor(ctx.config, request.company, undefined, name, false);
  for (const table of parts.bodyTables) {
    for (const remittance of remittancesFromRows(table.rows, options(request.name)).remittances) references.push(...remittance.lines.map((line) => line.reference));
  }
  if (parts.documents.length > 0) {
    const parser = new ParserRunner(ctx.config.limits.parseSeconds);
    try {
      for (const document of parts.documents) {
        try {
          const parsed = await parser.parse(document.bytes, options(document.name));
          for (const remittance of parsed.remittances) references.push(...remittance.lines.map((line) => line.reference));
        } catch {
          // A document that cannot be read tells nothing of its payer; its import says why it failed.
        }
      }
    } finally {
      await parser.close();
    }
  }
  const decision = identifyPayer({ message, senders: request.senders, invoices: await request.invoices(), references });
  return decision.payer !== undefined ? { payer: decision.payer, method: decision.method } : { payer: undefined, reason: decision.reason };
}

async function importAttachments(ctx: PipelineContext, request: MessageRequest, parts: MessageParts, payer: string, source: string): Promise<FileOutcome[]> {
  mkdirSync(request.scratchDir, { recursive: true });
  const paths = parts.documents.map((document, index) => join(request.scratchDir, `${index + 1}-${document.name}`));
  try {
    parts.documents.forEach((document, index) => writeFileSync(paths[index]!, document.bytes));
    return await importDocuments(ctx, {
      files: paths, company: request.company, payer, strict: false, source, batchId: request.batchId,
      names: new Map(paths.map((path, index) => [path, parts.documents[index]!.name])),
    });
  } finally {
    for (const path of paths) rmSync(path, { force: true });
  }
}

/** The body's tables as one document: the message (its sha256 and inbox copy) is the original. */
async function importBody(ctx: PipelineContext, request: MessageRequest, parts: MessageParts, payer: string, source: string, original: { sha: string; inboxPath: string }): Promise<FileOutcome> {
  const name = `${request.name}${/\.(eml|msg)$/i.test(request.name) ? '' : '.eml'}`;
  const known = await ctx.ledger.documents.bySha(original.sha);
  if (known && known.status !== 'failed') return { file: name, status: 'already-imported', documentId: known.id, message: `already imported as document ${known.id} (${known.originalName})` };
  const documentBase: DocumentBase = {
    sha256: original.sha, originalName: name, source, sizeBytes: request.bytes.length, inboxPath: original.inboxPath,
    company: request.company, payer, batchId: request.batchId,
  };
  const importRequest: ImportRequest = { files: [], company: request.company, payer, strict: false, source, batchId: request.batchId };
  const remittances: Remittance[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const table of parts.bodyTables) {
    const read = remittancesFromRows(table.rows, parseOptionsFor(ctx.config, request.company, payer, name, false));
    remittances.push(...read.remittances);
    diagnostics.push(...read.diagnostics.map((d) => ({ ...d, location: d.location ? `${table.origin} ${d.location}` : table.origin })));
  }
  try {
    return await writeDocument(ctx.ledger, documentBase, importRequest, 'email', remittances, () => diagnostics);
  } catch (err) {
    const message = errorMessage(err);
    const documentId = await ctx.ledger.documents.record({ ...documentBase, format: null, status: 'failed', error: message, diagnostics: [], remittanceCount: 0, duplicateCount: 0 });
    return { file: name, status: 'failed', documentId, message };
  }
}
