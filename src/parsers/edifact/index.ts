/**
 * UN/EDIFACT REMADV (remittance advice) reader, directories D.96A and later, EANCOM too.
 *
 * Input: the bytes of a file holding one or more UNB interchanges (UNA optional). Output:
 * one remittance per REMADV message whose UNT count and reference check out, with one line
 * per DOC group in file order. Qualifier choices: see qualifiers.ts.
 *
 * Quirks handled: a UNA with its own separators and a comma decimal mark, release-character
 * escapes (`?+`, `?:`, `?'`, `??`), line breaks between segments, UNG groups, bare messages
 * without UNB (with a diagnostic), a newline terminator written CR LF, spaces before `'`
 * (lenient mode trims them), references padded differently, every 2379 date format that
 * names a day (values.ts). A message with no usable DOC line gives no remittance, with an error.
 *
 * Lenient (default): a bad message is dropped with an error diagnostic, the rest kept.
 * Strict: the first envelope or data problem throws ParseError.
 */
import { ParseError } from '../../core/errors.js';
import type { ParseOptions, ParseResult, Remittance } from '../types.js';
import { at, Diagnostics } from '../edi/diagnostics.js';
import { decodeEdi, preview } from '../edi/text.js';
import { readMessages } from './envelope.js';
import { readRemadv } from './remadv.js';
import { splitSegments } from './segments.js';
import { readServiceString } from './syntax.js';

/** Parse an EDIFACT REMADV file into remittances; throws ParseError when nothing usable can be read. */
export function parseRemadv(bytes: Uint8Array, options: ParseOptions): ParseResult {
  const text = decodeEdi(bytes);
  const start = text.search(/[^\s\0]/);
  if (start < 0) throw new ParseError(bytes.length === 0 ? 'empty file' : 'file holds only blank space');
  if (!['UNA', 'UNB', 'UNH'].some((tag) => text.startsWith(tag, start))) {
    throw new ParseError(`not an EDIFACT interchange: starts with ${preview(text.slice(start))}`);
  }
  const service = readServiceString(text, start);
  if (!service.ok) throw new ParseError(`not a readable EDIFACT interchange: ${service.reason}`);

  const diagnostics = new Diagnostics(options.lenient);
  const segments = splitSegments(text, service.next, service.chars, options.limits, diagnostics);
  const messages = readMessages(segments, diagnostics);

  const remittances: Remittance[] = [];
  const otherTypes = new Set<string>();
  for (const message of messages) {
    if (message.type !== 'REMADV') {
      otherTypes.add(message.type);
      diagnostics.warning(`message ${message.ref} is a ${message.type || '(blank)'}, not a REMADV (segment ${message.unh.number}); skipped`, at(message.unh));
      continue;
    }
    warnOldDirectory(message.version, message.ref, diagnostics, at(message.unh));
    const remittance = readRemadv(message, options, diagnostics);
    if (remittance) remittances.push(remittance);
  }

  if (remittances.length === 0) throw new ParseError(nothingUsable(messages.length, otherTypes, diagnostics));
  return { format: 'edifact-remadv', remittances, diagnostics: diagnostics.list() };
}

/** D.96A is the oldest directory read; older ones mostly work, so they are read with a warning. */
function warnOldDirectory(version: string, ref: string, diagnostics: Diagnostics, location: string): void {
  const match = /^D:(\d{2})([AB])$/.exec(version);
  if (!match) {
    diagnostics.warning(`message ${ref}: directory "${version}" is not a D.xxA/B release; read as D.96A`, location);
    return;
  }
  const year = Number(match[1]) + (Number(match[1]) < 90 ? 2000 : 1900);
  if (year < 1996) diagnostics.warning(`message ${ref}: directory D.${match[1]}${match[2]} is older than D.96A; read as D.96A`, location);
}

function nothingUsable(whole: number, otherTypes: Set<string>, diagnostics: Diagnostics): string {
  // The problem that cost a payment explains the failure better than an envelope remark before it.
  const problem = diagnostics.entries.find((entry) => entry.level === 'error' && /(?:transaction|message) \S+ skipped$/.test(entry.message)) ?? diagnostics.firstError();
  if (problem) return `no usable REMADV message: ${problem.message}`;
  if (otherTypes.size > 0) return `no REMADV message: found ${[...otherTypes].join(', ')}`;
  return whole === 0 ? 'no message in the EDIFACT interchange' : 'no usable REMADV message';
}
