/**
 * For one message: the documents to import (attachments that are remittances, also from
 * inside ZIPs and forwarded messages), the remittances written in a body as rows, and every
 * part left out with its reason. Pure: the message is already read (readMessage).
 *
 * A body table is read only where the same message carries no remittance document of its
 * own: a payer that attaches the advice and summarises it in the body sends one payment,
 * not two. A text attachment holding an aligned table (a fixed-width report saved as .txt)
 * is read as a body table whose origin is the attachment. Automatic replies, reports and newsletters give nothing, at any level.
 */
import { DEFAULT_LIMITS, type ParseLimits } from '../../parsers/types.js';
import { DEFAULT_MAIL_LIMITS, MailLimitError, type MailLimits } from '../limits.js';
import type { MailAttachment, MailMessage } from '../reading/message.js';
import { openArchive, type ExpansionBudget } from './archive.js';
import { attachmentKind, type DocumentFormat, type KindOptions } from './attachment-kind.js';
import { bodyTables, type BodyTable } from './body-tables.js';
import { safeFileName } from './file-name.js';
import { messageKind, type MessageKind } from './message-kind.js';

export interface MailDocument {
  /** A safe file name (no folders, no control characters), for reports and the document's source. */
  name: string;
  bytes: Uint8Array;
  /** The type of what the bytes are (application/pdf, text/csv, ...), whatever was declared. */
  contentType: string;
  format: DocumentFormat;
  origin: DocumentOrigin;
}

export interface DocumentOrigin {
  messageId: string | undefined;
  /** The way to it inside the message: `attachment 2 "Remit.zip" > "May.csv"`. */
  part: string;
  /** The sender's name when `name` differs from it (it held folders, `..`, control characters). */
  nameAsSent?: string;
  declaredType: string;
}

export interface SkippedPart {
  part: string;
  reason: string;
}

export interface MessageParts {
  /** What the message itself is; anything but 'mail' gives no documents and no tables. */
  kind: MessageKind['kind'];
  documents: MailDocument[];
  bodyTables: BodyTable[];
  skipped: SkippedPart[];
}

export interface PartsOptions {
  limits: MailLimits;
  /** A payer's own column names, when the payer is known before reading. */
  columns: Partial<Record<string, string>>;
  decimalComma: boolean;
  parseLimits: ParseLimits;
}

export const DEFAULT_PARTS_OPTIONS: PartsOptions = { limits: DEFAULT_MAIL_LIMITS, columns: {}, decimalComma: false, parseLimits: DEFAULT_LIMITS };

const TYPES: Record<DocumentFormat, { type: string; extension: string }> = {
  pdf: { type: 'application/pdf', extension: 'pdf' },
  csv: { type: 'text/csv', extension: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  xls: { type: 'application/vnd.ms-excel', extension: 'xls' },
  'xls-html': { type: 'text/html', extension: 'xls' },
  'x12-820': { type: 'application/edi-x12', extension: 'edi' },
  'edifact-remadv': { type: 'application/edifact', extension: 'edi' },
};

/** Documents, body tables and skipped parts of one message. Throws MailLimitError for an archive over a limit. */
export function remittanceParts(message: MailMessage, options: Partial<PartsOptions> = {}): MessageParts {
  const settings: PartsOptions = { ...DEFAULT_PARTS_OPTIONS, ...options };
  const result: MessageParts = { kind: messageKind(message).kind, documents: [], bodyTables: [], skipped: [] };
  const walker = new PartWalker(message.messageId, settings, result);
  walker.message(message, '');
  return result;
}

class PartWalker {
  private readonly budget: ExpansionBudget = { expandedBytes: 0 };
  private readonly kindOptions: KindOptions;

  constructor(
    private readonly messageId: string | undefined,
    private readonly options: PartsOptions,
    private readonly out: MessageParts,
  ) {
    this.kindOptions = { columns: options.columns, parseLimits: options.parseLimits };
  }

  message(message: MailMessage, prefix: string): void {
    const kind = messageKind(message);
    if (kind.kind !== 'mail') {
      this.out.skipped.push({ part: prefix ? prefix.replace(/ > $/, '') : 'message', reason: kind.reason });
      return;
    }
    const before = this.out.documents.length + this.out.bodyTables.length;
    for (const attachment of message.attachments) this.attachment(attachment, prefix);
    const ownDocuments = this.out.documents.length + this.out.bodyTables.length - before;
    for (const forwarded of message.forwarded) this.message(forwarded.message, `${prefix}forwarded message (${forwarded.part}) > `);

    const tables = bodyTables({ text: message.text, html: message.html }, prefix, this.options);
    if (ownDocuments === 0) this.out.bodyTables.push(...tables);
    else for (const table of tables) this.out.skipped.push({ part: table.origin, reason: 'a table in the body of a message that attaches its remittance: the attachment is read' });
  }

  private attachment(attachment: MailAttachment, prefix: string): void {
    const label = `${prefix}${attachment.part}${attachment.fileName ? ` "${printable(attachment.fileName)}"` : ''}`;
    const inline = attachment.referencedByHtml || attachment.disposition === 'inline';
    this.file(attachment.bytes, attachment.fileName, attachment.contentType, inline, label, 0, `${attachment.part.replace(/ /g, '-')}`);
  }

  private file(bytes: Uint8Array, nameAsSent: string | undefined, declaredType: string, inline: boolean, label: string, zipDepth: number, fallback: string): void {
    const kind = attachmentKind({ bytes, contentType: declaredType, fileName: nameAsSent, inline }, this.kindOptions);
    if (kind.kind === 'skip') {
      this.out.skipped.push({ part: label, reason: kind.reason });
      return;
    }
    if (kind.kind === 'text-table') {
      this.out.bodyTables.push(...bodyTables({ text: kind.text, html: undefined }, `${label} > `, this.options).map((table) => ({ ...table, origin: label })));
      return;
    }
    if (kind.kind === 'document') {
      const name = safeFileName(nameAsSent, `${fallback}.${TYPES[kind.format].extension}`);
      this.out.documents.push({
        name,
        bytes,
        contentType: TYPES[kind.format].type,
        format: kind.format,
        origin: { messageId: this.messageId, part: label, ...(nameAsSent !== undefined && nameAsSent !== name ? { nameAsSent } : {}), declaredType },
      });
      return;
    }
    this.archive(bytes, nameAsSent ?? fallback, declaredType, label, zipDepth + 1);
  }

  private archive(bytes: Uint8Array, name: string, declaredType: string, label: string, zipDepth: number): void {
    const { limits } = this.options;
    if (zipDepth > limits.maxZipDepth) throw new MailLimitError('maxZipDepth', `ZIPs inside ZIPs at ${label}`, zipDepth, limits.maxZipDepth);
    const entries = openArchive(bytes, printable(name), limits, this.budget);
    if (entries.length === 0) {
      this.out.skipped.push({ part: label, reason: 'an empty ZIP archive' });
      return;
    }
    if (entries.every((entry) => entry.encrypted)) {
      this.out.skipped.push({ part: label, reason: 'a password-protected ZIP: remit has no password for it (ask the sender for an unprotected copy)' });
      return;
    }
    entries.forEach((entry, index) => {
      const entryLabel = `${label} > "${printable(entry.name)}"`;
      if (entry.encrypted || !entry.bytes) {
        this.out.skipped.push({ part: entryLabel, reason: 'a password-protected file in the ZIP: remit has no password for it' });
        return;
      }
      if (entry.bytes.length > limits.maxAttachmentBytes) {
        throw new MailLimitError('maxAttachmentBytes', `file "${printable(entry.name)}" in ZIP "${printable(name)}"`, entry.bytes.length, limits.maxAttachmentBytes);
      }
      this.file(entry.bytes, entry.name, 'application/octet-stream', false, entryLabel, zipDepth, `${safeFileName(name, 'archive')}-${index + 1}`);
    });
  }
}

function printable(text: string): string {
  return text.slice(0, 100).replace(/[\u0000-\u001f\u007f]/g, '?');
}
