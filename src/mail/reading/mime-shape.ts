/**
 * Count a message's MIME parts before any parser builds them, so a message of thousands of
 * parts is refused in one pass over its bytes instead of being taken apart first.
 * Every part of a multipart body starts with a delimiter line `--boundary`
 * (RFC 2046 section 5.1.1, https://www.rfc-editor.org/rfc/rfc2046#section-5.1.1), and every
 * boundary is declared by a `boundary=` parameter: the count of delimiter lines of the
 * declared boundaries is the count of parts (a slight overcount at worst, never an under-count).
 */
import { MailLimitError, type MailLimits } from '../limits.js';

const DELIMITER_END = /^[ \t]*(\r?\n|$)/;
const BOUNDARY = /boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;

/** Throws MailLimitError when the message declares more parts than `limits.maxParts`. */
export function checkPartCount(bytes: Uint8Array, limits: MailLimits): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const boundaries = new Set<string>();
  for (const match of text.matchAll(BOUNDARY)) {
    boundaries.add(match[1] ?? match[2] ?? '');
  }
  // Each declared boundary is a multipart part of its own: refused before counting lines.
  if (boundaries.size > limits.maxParts) throw new MailLimitError('maxParts', 'MIME parts in the message', boundaries.size, limits.maxParts);
  let parts = 1;
  for (const boundary of boundaries) {
    if (boundary === '') continue;
    const delimiter = `\n--${boundary}`;
    for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + delimiter.length)) {
      const after = at + delimiter.length;
      // The close delimiter (--boundary--) ends a body; it starts no part.
      if (text.charCodeAt(after) === 45 && text.charCodeAt(after + 1) === 45) continue;
      // Only the whole boundary on its line: "--d1" is not a delimiter of boundary "d1" when it is "--d10".
      if (!DELIMITER_END.test(text.slice(after, after + 80))) continue;
      parts += 1;
    }
  }
  if (parts > limits.maxParts) throw new MailLimitError('maxParts', 'MIME parts in the message', parts, limits.maxParts);
  return parts;
}
