/**
 * Bytes to text for an EDI file (X12 or EDIFACT). EDI data is ASCII in practice, but names
 * sometimes carry UTF-8 or Latin-1 letters; reading every byte as one character keeps the
 * delimiters where they are whatever the encoding.
 */
import { NotStreamable } from '../stream.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Decode as UTF-8 when the bytes are valid UTF-8 (names keep their accents), else Latin-1. */
export function decodeEdi(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = latin1.decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * decodeEdi chunk by chunk: strict UTF-8 (a BOM dropped). Bytes that are not UTF-8 need
 * the whole-file reader, which falls back to Latin-1 for all of the file.
 */
export function* decodeEdiChunks(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  } catch (err) {
    if (err instanceof TypeError) throw new NotStreamable('not UTF-8 text');
    throw err;
  }
}

/** The first characters of a text as a one-line quoted preview: `"PK\x03\x04..."`. */
export function preview(text: string, max = 16): string {
  let out = '';
  for (const char of text.slice(0, max)) {
    const code = char.charCodeAt(0);
    out += code >= 0x20 && code < 0x7f && char !== '"' && char !== '\\' ? char : `\\x${code.toString(16).padStart(2, '0')}`;
  }
  return `"${out}${text.length > max ? '…' : ''}"`;
}
