/**
 * One entry point for a message's bytes, whatever saved it: an Outlook .msg (found by its
 * Compound File signature) or RFC 5322 text (.eml, an IMAP fetch). Limits are checked
 * before each part is built: the size first, then parts and depth, then attachments.
 */
import { ParseError } from '../../core/errors.js';
import { DEFAULT_MAIL_LIMITS, MailLimitError, type MailLimits } from '../limits.js';
import { readEml } from './eml.js';
import type { MailMessage } from './message.js';
import { isCompoundFile, readOutlookMsg } from './outlook-msg.js';

/** A message read whole: headers, bodies, attachments, forwarded messages. Throws ParseError / MailLimitError. */
export async function readMessage(bytes: Uint8Array, limits: MailLimits = DEFAULT_MAIL_LIMITS): Promise<MailMessage> {
  const message = await readAt(bytes, limits, 0);
  let attachments = 0;
  const count = (m: MailMessage): void => {
    attachments += m.attachments.length + m.forwarded.length;
    for (const inner of m.forwarded) count(inner.message);
  };
  count(message);
  if (attachments > limits.maxAttachments) throw new MailLimitError('maxAttachments', 'attachments in the message', attachments, limits.maxAttachments);
  return message;
}

async function readAt(bytes: Uint8Array, limits: MailLimits, depth: number): Promise<MailMessage> {
  if (bytes.length === 0) throw new ParseError('the message is empty');
  if (bytes.length > limits.maxMessageBytes) throw new MailLimitError('maxMessageBytes', 'the message', bytes.length, limits.maxMessageBytes);
  const readNested = async (inner: Uint8Array): Promise<MailMessage> => {
    if (depth + 1 > limits.maxDepth) throw new MailLimitError('maxDepth', 'messages forwarded inside messages', depth + 1, limits.maxDepth);
    return readAt(inner, limits, depth + 1);
  };
  const message = isCompoundFile(bytes) ? await readOutlookMsg(bytes, limits, readNested) : await readEml(bytes, limits, readNested);
  for (const attachment of message.attachments) {
    if (attachment.bytes.length > limits.maxAttachmentBytes) {
      const name = attachment.fileName ? `"${attachment.fileName.slice(0, 80)}"` : attachment.part;
      throw new MailLimitError('maxAttachmentBytes', `attachment ${name}`, attachment.bytes.length, limits.maxAttachmentBytes);
    }
  }
  return message;
}
