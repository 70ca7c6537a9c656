/**
 * What a file is, by its content, never by its name: a `.txt` that is an 820, a `.csv`
 * that is UTF-16 TSV, a `.xls` that is an HTML table all land on the right reader.
 */
import { ParseError } from '../core/errors.js';
import { decodeText } from './tabular/decode.js';

export type Detected =
  | { kind: 'pdf' }
  | { kind: 'workbook'; container: 'zip' | 'ole' | 'html' }
  | { kind: 'x12' }
  | { kind: 'edifact' }
  | { kind: 'delimited'; text: string };

export function detectFormat(bytes: Uint8Array): Detected {
  if (bytes.length === 0) throw new ParseError('the file is empty');
  const head = bytes.subarray(0, 1024);
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]) || indexOfAscii(head, '%PDF-') >= 0) return { kind: 'pdf' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'workbook', container: 'zip' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'workbook', container: 'ole' };
  if (startsWith(head, [0x50, 0x4b])) throw new ParseError('damaged or empty zip archive: not a workbook');

  const { text } = decodeText(bytes);
  const start = text.slice(0, 4096).replace(/^[\s\ufeff]+/, '');
  if (/^ISA.{3}/s.test(start)) return { kind: 'x12' };
  if (/^UN[AB]/.test(start)) return { kind: 'edifact' };
  if (/^<(!doctype\s+html|html|table|\?xml)/i.test(start) && /<table/i.test(text.slice(0, 65_536))) return { kind: 'workbook', container: 'html' };
  if (/^</.test(start)) throw new ParseError(`markup with no table in it: starts with "${printable(start)}"`);
  return { kind: 'delimited', text };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}

function indexOfAscii(bytes: Uint8Array, needle: string): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** The first characters of content, safe to show in a one-line message. */
export function printable(text: string, length = 24): string {
  return text.slice(0, length).replace(/[^\x20-\x7e]/g, '?');
}
