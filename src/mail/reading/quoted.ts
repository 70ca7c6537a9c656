/**
 * A forwarded or replied-to original quoted in a plain-text body, as mail programs write it:
 *   Gmail        "---------- Forwarded message ---------" then From/Date/Subject/To
 *   Thunderbird  "-------- Forwarded Message --------" then Subject/Date/From/To
 *   Outlook      "-----Original Message-----" or a line of underscores, then From/Sent/To/Subject
 *   Apple Mail   "Begin forwarded message:" then From/Subject/Date/To
 * each possibly behind "> " quote marks. Only a separator followed by a header block naming
 * at least the sender is taken as an original; anything less is ordinary text.
 */
import { addressParser } from 'postal-mime';
import type { MailAddress, QuotedOriginal } from './message.js';

const SEPARATOR = /^(?:-{2,}\s*(?:forwarded|original)\s+message\s*-{2,}|_{10,}|begin forwarded message:?)$/i;
const HEADER = /^(from|sent|date|to|cc|subject)\s*:\s*(.*)$/i;

export function findQuotedOriginal(text: string): QuotedOriginal | undefined {
  const lines = text.split(/\r\n|\n|\r/).map(unquote);
  for (let i = 0; i < lines.length; i += 1) {
    if (!SEPARATOR.test(lines[i]!.text.trim())) continue;
    const original = headerBlock(lines, i + 1);
    if (original) return original;
  }
  return undefined;
}

function headerBlock(lines: Array<{ text: string }>, start: number): QuotedOriginal | undefined {
  let at = start;
  while (at < lines.length && lines[at]!.text.trim() === '') at += 1;
  const fields = new Map<string, string>();
  for (; at < lines.length; at += 1) {
    const line = lines[at]!.text;
    const match = HEADER.exec(line.trim());
    if (match) {
      const key = match[1]!.toLowerCase();
      if (!fields.has(key)) fields.set(key, match[2]!.trim());
      continue;
    }
    // A long header value wrapped onto the next line by the mail program.
    if (fields.size > 0 && /^\s+\S/.test(line) && line.trim() !== '') continue;
    break;
  }
  const from = fields.get('from');
  if (!from || !(fields.has('subject') || fields.has('date') || fields.has('sent'))) return undefined;
  const body = lines.slice(at).map((line) => line.text);
  while (body.length > 0 && body[0]!.trim() === '') body.shift();
  return {
    from: quotedAddress(from),
    subject: fields.get('subject'),
    date: fields.get('date') ?? fields.get('sent'),
    text: body.join('\n'),
  };
}

/** "> > text" -> "text": the quote depth is not needed once the original is found. */
function unquote(line: string): { text: string } {
  return { text: line.replace(/^(?:\s?>)+ ?/, '') };
}

/** `Name <a@b>`, `Name [mailto:a@b]` (Outlook), `"Name" a@b`, or a bare address. */
export function quotedAddress(value: string): MailAddress | undefined {
  const normalised = value.replace(/\[mailto:([^\]]+)\]/i, '<$1>');
  const parsed = addressParser(normalised, { flatten: true })[0];
  if (!parsed || !('address' in parsed) || !parsed.address) {
    const bare = /[^\s<>"]+@[^\s<>"]+/.exec(value)?.[0];
    return bare ? { name: value.replace(bare, '').replace(/[<>"]/g, '').trim(), address: bare.toLowerCase() } : undefined;
  }
  return { name: parsed.name ?? '', address: parsed.address.toLowerCase() };
}
