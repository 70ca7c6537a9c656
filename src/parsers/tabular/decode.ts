/**
 * Bytes to text for delimited files: BOMs, UTF-16 without BOM, strict UTF-8, else
 * Windows-1252 (what Excel on Windows writes). Binary content is refused, not guessed.
 */
import { ParseError } from '../../core/errors.js';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ParseError('the file is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return checked(decode('utf-8', bytes.subarray(3)), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(decode('utf-16le', bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(decode('utf-16be', bytes.subarray(2)), 'utf-16be');
  const utf16 = sniffUtf16(bytes);
  if (utf16) return checked(decode(utf16, bytes), utf16);
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8');
  } catch {
    return checked(decode('windows-1252', bytes), 'windows-1252');
  }
}

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** UTF-16 text without a BOM shows a zero in every other byte for ASCII characters. */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (sample < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be';
  return undefined;
}

export function checked(text: string, encoding: DecodedText['encoding']): DecodedText {
  const sample = text.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const code = sample.charCodeAt(i);
    if (code === 0) throw new ParseError('binary content (NUL bytes): not a text file');
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) control += 1;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    throw new ParseError(`binary content (${Math.round((control / sample.length) * 100)}% control characters): not a text file`);
  }
  return { text, encoding };
}
