/**
 * Outlook .msg files (a Compound File of MAPI properties, [MS-OXMSG]:
 * https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxmsg/) read by
 * @kenjiuno/msgreader. Taken: PidTagSubject, sender name and SMTP address, recipients,
 * PidTagBody, PidTagHtml / PidTagBodyHtml, PidTagTransportMessageHeaders (for Message-ID and
 * the Auto-Submitted / List-* headers), and attachments with PidTagAttachLongFilename,
 * PidTagAttachMimeTag and PidTagAttachContentId. An embedded message (a .msg attached to a
 * .msg) is read as a forwarded message. An HTML body kept only inside compressed RTF is not
 * read (the plain-text body still is).
 */
import msgreader, { type FieldsData } from '@kenjiuno/msgreader';

type MsgReaderClass = typeof msgreader.default;
// A CommonJS package: Node hands an import its exports object (the class is its `default`);
// bundlers that honour __esModule hand over the class itself.
const MsgReader: MsgReaderClass = ((msgreader as { default?: MsgReaderClass }).default ?? msgreader) as MsgReaderClass;
import { ParseError, errorMessage } from '../../core/errors.js';
import type { MailLimits } from '../limits.js';
import { MailLimitError } from '../limits.js';
import { automationHeaders } from './automation-headers.js';
import type { MailAddress, MailAttachment, MailHeader, MailMessage } from './message.js';
import { findQuotedOriginal } from './quoted.js';
import { repairWindows1252 } from './windows-1252.js';

/** Compound File Binary signature ([MS-CFB] 2.2). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return magic.every((value, index) => bytes[index] === value);
}

export async function readOutlookMsg(
  bytes: Uint8Array,
  limits: MailLimits,
  readNested: (bytes: Uint8Array) => Promise<MailMessage>,
): Promise<MailMessage> {
  let reader: InstanceType<typeof MsgReader>;
  let fields: FieldsData;
  try {
    reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    fields = reader.getFileData();
  } catch (err) {
    throw new ParseError(`not a readable Outlook .msg file: ${errorMessage(err)}`);
  }
  if (fields.error) throw new ParseError(`not a readable Outlook .msg file: ${fields.error}`);
  if (fields.dataType !== 'msg') throw new ParseError('a Compound File that is not an Outlook message (.msg)');

  const headers = parseHeaderBlock(fields.headers ?? '');
  const html = htmlBody(fields);
  const attachmentsData = fields.attachments ?? [];
  if (attachmentsData.length + 1 > limits.maxParts) throw new MailLimitError('maxParts', 'MIME parts in the message', attachmentsData.length + 1, limits.maxParts);

  const message: MailMessage = {
    format: 'msg',
    messageId: bare(fields.messageId ?? headers.find((header) => header.key === 'message-id')?.value),
    from: sender(fields),
    to: (fields.recipients ?? []).filter((recipient) => (recipient.recipType ?? 'to') === 'to').map(recipientAddress),
    subject: (fields.subject ?? '').trim(),
    date: isoDate(fields.clientSubmitTime ?? fields.messageDeliveryTime),
    headers,
    automation: automationHeaders(headers),
    text: fields.body ?? '',
    html,
    attachments: [],
    forwarded: [],
    quoted: undefined,
  };
  let attachmentNo = 0;
  let inlineNo = 0;
  for (const data of attachmentsData) {
    let content: Uint8Array;
    try {
      content = reader.getAttachment(data).content;
    } catch (err) {
      throw new ParseError(`Outlook .msg attachment "${data.fileName ?? data.name ?? '?'}" cannot be read: ${errorMessage(err)}`);
    }
    const contentId = bare(data.pidContentId);
    const referencedByHtml = contentId !== undefined && (html ?? '').toLowerCase().includes(`cid:${contentId.toLowerCase()}`);
    const inline = referencedByHtml || data.attachmentHidden === true;
    const part = inline ? `inline part ${(inlineNo += 1)}` : `attachment ${(attachmentNo += 1)}`;
    if (data.innerMsgContent === true) {
      message.forwarded.push({ part, fileName: data.name, message: await readNested(content) });
      continue;
    }
    message.attachments.push({
      part,
      fileName: data.fileName ?? data.fileNameShort ?? data.name,
      contentType: (data.attachMimeTag ?? 'application/octet-stream').toLowerCase(),
      disposition: inline ? 'inline' : 'attachment',
      contentId,
      referencedByHtml,
      calendarMethod: undefined,
      bytes: content,
    } satisfies MailAttachment);
  }
  message.quoted = findQuotedOriginal(message.text);
  return message;
}

function sender(fields: FieldsData): MailAddress | undefined {
  const address = [fields.senderSmtpAddress, fields.senderEmail, fields.creatorSMTPAddress].find((value) => value && value.includes('@'));
  if (!address && !fields.senderName) return undefined;
  return { name: (fields.senderName ?? '').trim(), address: (address ?? '').trim().toLowerCase() };
}

function recipientAddress(recipient: FieldsData): MailAddress {
  const address = [recipient.smtpAddress, recipient.email].find((value) => value && value.includes('@')) ?? '';
  return { name: (recipient.name ?? '').trim(), address: address.trim().toLowerCase() };
}

/** PidTagHtml is bytes in the message's Internet code page; PidTagBodyHtml is already text. */
function htmlBody(fields: FieldsData): string | undefined {
  if (fields.bodyHtml) return fields.bodyHtml;
  if (!fields.html || fields.html.length === 0) return undefined;
  return repairWindows1252(new TextDecoder(codePageLabel(fields.internetCodepage)).decode(fields.html));
}

const CODE_PAGES: Record<number, string> = {
  65001: 'utf-8', 1200: 'utf-16le', 1201: 'utf-16be', 20127: 'utf-8', 28591: 'iso-8859-1', 28592: 'iso-8859-2', 28605: 'iso-8859-15',
  932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 20866: 'koi8-r', 874: 'windows-874',
};

function codePageLabel(codePage: number | undefined): string {
  if (codePage === undefined) return 'utf-8';
  if (codePage >= 1250 && codePage <= 1258) return `windows-${codePage}`;
  return CODE_PAGES[codePage] ?? 'utf-8';
}

/** An RFC 5322 header block (as Outlook keeps it) unfolded into lower-case keys and values. */
function parseHeaderBlock(block: string): MailHeader[] {
  const headers: MailHeader[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1]!.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return headers;
}

function bare(id: string | undefined): string | undefined {
  const trimmed = id?.trim().replace(/^<|>$/g, '').trim();
  return trimmed ? trimmed : undefined;
}

function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}
