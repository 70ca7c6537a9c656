/** Reading a file in fixed-size chunks, so a large file is never held whole. */
import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { CHUNK_BYTES } from '../../parsers/stream.js';

/** The file's bytes, chunk by chunk. Each chunk is only valid until the next one is asked for. */
export function* fileChunks(path: string, size = CHUNK_BYTES): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(size);
    for (;;) {
      const read = readSync(fd, buffer, 0, size, null);
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a file, enough to tell its format. */
export function fileHead(path: string, size = 65_536): Uint8Array {
  for (const chunk of fileChunks(path, size)) return Uint8Array.from(chunk);
  return new Uint8Array(0);
}

/** Hex sha256 of a file, read in chunks: the identity of a document. */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  for (const chunk of fileChunks(path)) hash.update(chunk);
  return hash.digest('hex');
}

/** Hex sha256 of bytes already in memory. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
