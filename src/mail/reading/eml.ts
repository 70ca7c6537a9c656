/**
 * RFC 5322 messages (https://www.rfc-editor.org/rfc/rfc5322) with MIME bodies (RFC 2045-2049),
 * read by postal-mime: encoded words in headers (RFC 2047), file name parameters (RFC 2231),
 * quoted-printable and base64, charsets. Every message/rfc822 part is kept as an attachment
 * by postal-mime and read here as a message of its own, so a forwarded message keeps its own
 * sender, subject and attachments instead of being merged into the outer body.
 */
import PostalMime, { type Address, type Email } from 'postal-mime';
import { ParseError, errorMessage } from '../../core/errors.js';
import { MailLimitError, type MailLimits } from '../limits.js';
import type { AutomationHeaders, MailAddress, MailAttachment, MailHeader, MailMessage } from './message.js';
import { checkPartCount } from './mime-shape.js';
import { findQuotedOriginal } from './quoted.js';

/** Reads one message; `readNested` reads a forwarded one (and counts how deep it sits). */
export async function readEml(
  bytes: Uint8Array,
  limits: MailLimits,
  readNested: (bytes: Uint8Array) => Promise<MailMessage>,
): Promise<MailMessage> {
  checkPartCount(bytes, limits);
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, {
      forceRfc822Attachments: true,
      maxRfc822NestingDepth: 0,
      maxNestingDepth: limits.maxDepth,
      attachmentEncoding: 'arraybuffer',
    });
  } catch (err) {
    const text = errorMessage(err);
    const depth = /nesting depth of (\d+)/i.exec(text);
    if (depth) throw new MailLimitError('maxDepth', 'MIME parts nested inside each other', undefined, limits.maxDepth);
    throw new ParseError(`not a readable e-mail message: ${text}`);
  }

  const message: MailMessage = {
    format: 'eml',
    messageId: bare(email.messageId),
    from: mailbox(email.from),
    to: (email.to ?? []).flatMap((address) => (address.group ? address.group.map(mailboxOf) : [mailboxOf(address)])),
    subject: (email.subject ?? '').trim(),
    date: email.date,
    headers: email.headers.map((header) => ({ key: header.key, value: header.value })),
    automation: automationHeaders(email.headers),
    text: email.text ?? '',
    html: email.html,
    attachments: [],
    forwarded: [],
    quoted: undefined,
  };
  const html = email.html ?? '';
  let attachmentNo = 0;
  let inlineNo = 0;
  for (const attachment of email.attachments) {
    const content = attachment.content;
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content instanceof Uint8Array ? content : new Uint8Array(content);
    const inline = attachment.disposition === 'inline' || (attachment.disposition === null && attachment.related === true);
    const part = inline ? `inline part ${(inlineNo += 1)}` : `attachment ${(attachmentNo += 1)}`;
    if (attachment.mimeType === 'message/rfc822' || attachment.mimeType === 'message/global') {
      message.forwarded.push({ part, fileName: attachment.filename ?? undefined, message: await readNested(data) });
      continue;
    }
    const contentId = attachment.contentId ? bare(attachment.contentId) : undefined;
    message.attachments.push({
      part,
      fileName: attachment.filename ?? undefined,
      contentType: attachment.mimeType.toLowerCase(),
      disposition: attachment.disposition === 'attachment' ? 'attachment' : attachment.disposition === 'inline' ? 'inline' : undefined,
      contentId,
      referencedByHtml: contentId !== undefined && referencesCid(html, contentId),
      calendarMethod: attachment.method,
      bytes: data,
    } satisfies MailAttachment);
  }
  message.quoted = findQuotedOriginal(message.text);
  return message;
}

function referencesCid(html: string, contentId: string): boolean {
  return html.toLowerCase().includes(`cid:${contentId.toLowerCase()}`);
}

function bare(id: string | undefined): string | undefined {
  const trimmed = id?.trim().replace(/^<|>$/g, '').trim();
  return trimmed ? trimmed : undefined;
}

function mailbox(address: Address | undefined): MailAddress | undefined {
  if (!address) return undefined;
  const first = address.group ? address.group[0] : address;
  return first ? mailboxOf(first) : undefined;
}

function mailboxOf(address: Address): MailAddress {
  return { name: (address.name ?? '').trim(), address: (address.address ?? '').trim().toLowerCase() };
}

/** The headers RFC 3834 (Auto-Submitted), RFC 2369 (List-*), RFC 6522 (reports) and common practice use. */
export function automationHeaders(headers: MailHeader[]): AutomationHeaders {
  const first = (key: string) => headers.find((header) => header.key === key)?.value.trim();
  const result: AutomationHeaders = {};
  const set = (field: keyof AutomationHeaders, value: string | undefined) => {
    if (value !== undefined && value !== '') result[field] = value;
  };
  set('autoSubmitted', first('auto-submitted'));
  set('xAutoreply', first('x-autoreply') ?? first('x-autorespond'));
  set('precedence', first('precedence'));
  set('listUnsubscribe', first('list-unsubscribe'));
  set('listId', first('list-id'));
  const contentType = first('content-type');
  if (contentType) {
    set('contentType', contentType.split(';')[0]!.trim().toLowerCase());
    set('reportType', /report-type\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase());
  }
  return result;
}
