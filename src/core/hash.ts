import { createHash } from 'node:crypto';

/** Hex sha256 of some bytes: the identity of a document. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
