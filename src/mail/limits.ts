/**
 * How much of a message remit will read. A message over a limit fails with one line that
 * names the limit and the setting that raises it; nothing of it is taken. The setting names
 * are the `limits:` keys of remit.yaml the pipeline maps onto these fields.
 */
import { ParseError } from '../core/errors.js';

export interface MailLimits {
  /** The whole message as received (bytes). */
  maxMessageBytes: number;
  /** MIME parts of one message, nested messages counted apart. */
  maxParts: number;
  /** Multipart nesting inside one message, and messages forwarded inside messages. */
  maxDepth: number;
  /** One decoded attachment (bytes). */
  maxAttachmentBytes: number;
  /** Attachments of one message, forwarded messages' included. */
  maxAttachments: number;
  /** Largest expansion of any ZIP entry (uncompressed / compressed). */
  maxZipRatio: number;
  /** Everything one message's ZIPs expand to, together (bytes). */
  maxZipExpandedBytes: number;
  /** Entries in one ZIP. */
  maxZipEntries: number;
  /** ZIPs inside ZIPs. 1: a ZIP may hold files but no further ZIP. */
  maxZipDepth: number;
}

const MB = 1024 * 1024;

export const DEFAULT_MAIL_LIMITS: MailLimits = {
  maxMessageBytes: 50 * MB,
  maxParts: 500,
  maxDepth: 12,
  maxAttachmentBytes: 25 * MB,
  maxAttachments: 100,
  maxZipRatio: 200,
  maxZipExpandedBytes: 200 * MB,
  maxZipEntries: 1000,
  maxZipDepth: 2,
};

/** The remit.yaml key for each limit, named in every error so the operator knows what to set. */
export const MAIL_LIMIT_SETTINGS: Record<keyof MailLimits, string> = {
  maxMessageBytes: 'limits.max_message_mb',
  maxParts: 'limits.max_message_parts',
  maxDepth: 'limits.max_message_depth',
  maxAttachmentBytes: 'limits.max_attachment_mb',
  maxAttachments: 'limits.max_attachments',
  maxZipRatio: 'limits.max_zip_ratio',
  maxZipExpandedBytes: 'limits.max_zip_expanded_mb',
  maxZipEntries: 'limits.max_zip_entries',
  maxZipDepth: 'limits.max_zip_depth',
};

/** A message or archive over one of the limits: the message is not read. */
export class MailLimitError extends ParseError {
  readonly limit: keyof MailLimits;

  /** `seen` undefined: the reader stopped at the limit without counting further. */
  constructor(limit: keyof MailLimits, what: string, seen: number | undefined, allowed: number) {
    const bytes = limit === 'maxMessageBytes' || limit === 'maxAttachmentBytes' || limit === 'maxZipExpandedBytes';
    const show = (n: number) => (bytes ? `${megabytes(n)} MB` : n.toLocaleString('en-US'));
    const amount = seen === undefined ? 'more than the limit of' : `${show(seen)} is over the limit of`;
    super(`${what}: ${amount} ${show(allowed)} (${MAIL_LIMIT_SETTINGS[limit]})`);
    this.name = 'MailLimitError';
    this.limit = limit;
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return mb >= 10 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
}
