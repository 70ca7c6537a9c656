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
import { automationHeaders } from './automation-headers.js';
import type { MailAddress, MailAttachment, MailMessage } from './message.js';
import { isCompoundFile } from './outlook-msg.js';
import { checkPartCount } from './mime-shape.js';
import { findQuotedOriginal } from './quoted.js';
import { repairWindows1252 } from './windows-1252.js';

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
    subject: repairWindows1252(email.subject ?? '').trim(),
    date: email.date,
    headers: email.headers.map((header) => ({ key: header.key, value: header.value })),
    automation: automationHeaders(email.headers),
    text: repairWindows1252(email.text ?? ''),
    html: repairWindows1252(email.html),
    attachments: [],
    forwarded: [],
    quoted: undefined,
  };
  const html = message.html ?? '';
  let attachmentNo = 0;
  let inlineNo = 0;
  for (const attachment of email.attachments) {
    const content = attachment.content;
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content instanceof Uint8Array ? content : new Uint8Array(content);
    const inline = attachment.disposition === 'inline' || (attachment.disposition === null && attachment.related === true);
    const part = inline ? `inline part ${(inlineNo += 1)}` : `attachment ${(attachmentNo += 1)}`;
    if (attachment.mimeType === 'message/rfc822' || attachment.mimeType === 'message/global') {
      message.forwarded.push({ part, fileName: repairWindows1252(attachment.filename ?? undefined), message: await readNested(data) });
      continue;
    }
    const saved = await savedMessage(data, attachment.filename, attachment.mimeType, readNested);
    if (saved) {
      message.forwarded.push({ part, fileName: repairWindows1252(attachment.filename ?? undefined), message: saved });
      continue;
    }
    const contentId = attachment.contentId ? bare(attachment.contentId) : undefined;
    message.attachments.push({
      part,
      fileName: repairWindows1252(attachment.filename ?? undefined),
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

/**
 * A message saved to a file and attached as one (an Outlook .msg dragged into a mail, an
 * .eml sent as application/octet-stream) is a forwarded message too, when it reads as one;
 * when it does not, it stays an attachment for the remittance reader to judge.
 */
async function savedMessage(
  data: Uint8Array,
  fileName: string | null,
  mimeType: string,
  readNested: (bytes: Uint8Array) => Promise<MailMessage>,
): Promise<MailMessage | undefined> {
  const name = (fileName ?? '').toLowerCase();
  const outlook = isCompoundFile(data) && (name.endsWith('.msg') || mimeType === 'application/vnd.ms-outlook');
  if (!outlook && !name.endsWith('.eml')) return undefined;
  try {
    return await readNested(data);
  } catch (err) {
    if (err instanceof MailLimitError) throw err;
    return undefined;
  }
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
  return { name: repairWindows1252(address.name ?? '').trim(), address: (address.address ?? '').trim().toLowerCase() };
}
