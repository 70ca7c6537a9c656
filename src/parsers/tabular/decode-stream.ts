/**
 * Bytes to text chunk by chunk, with decodeText's rules settled on the first chunk: a BOM,
 * UTF-16 without one, else strict UTF-8. Text that turns out not to be UTF-8 further on
 * (Windows-1252) needs the whole-file reader, which decides on all of the bytes.
 */
import { TextDecoder } from 'node:util';
import { ParseError } from '../../core/errors.js';
import { NotStreamable } from '../stream.js';
import { checked, sniffUtf16 } from './decode.js';

export function* decodeChunks(chunks: Iterable<Uint8Array>): Generator<string> {
  let decoder: TextDecoder | undefined;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  const decode = (bytes: Uint8Array): string => {
    try {
      return decoder!.decode(bytes, { stream: true });
    } catch {
      throw new NotStreamable('not UTF-8 text');
    }
  };
  /** The encoding is decided on the first SNIFF bytes, as decodeText decides it. */
  const settle = (): string => {
    const bytes = Buffer.concat(head);
    head = [];
    if (bytes.length === 0) throw new ParseError('the file is empty');
    decoder = decoderFor(bytes);
    const text = decode(bytes);
    checked(text.slice(0, 65_536), 'utf-8');
    return text;
  };
  for (const chunk of chunks) {
    if (decoder) {
      yield decode(chunk);
      continue;
    }
    head.push(Uint8Array.from(chunk));
    headBytes += chunk.length;
    if (headBytes >= SNIFF) yield settle();
  }
  if (!decoder) yield settle();
  try {
    yield decoder!.decode();
  } catch {
    throw new NotStreamable('not UTF-8 text');
  }
}

/** What decodeText looks at to tell UTF-16 from UTF-8 (and its binary check). */
const SNIFF = 65_536;

function decoderFor(head: Uint8Array): TextDecoder {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true });
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  const utf16 = sniffUtf16(head);
  return utf16 ? new TextDecoder(utf16, { ignoreBOM: true }) : new TextDecoder('utf-8', { fatal: true });
}
