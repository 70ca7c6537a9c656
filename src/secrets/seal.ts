import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with a fresh random 96-bit IV per message. */
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * Encrypt `plaintext`. `label` is authenticated but not stored: it binds the ciphertext to
 * the account and kind it belongs to, so a blob copied under another name does not open.
 */
export function seal(key: Buffer, label: string, plaintext: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

/** The plaintext, or undefined when the key, label or bytes do not match (never garbage). */
export function unseal(key: Buffer, label: string, sealed: Sealed): string | undefined {
  if (key.length !== KEY_BYTES || sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.data), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

const MAGIC = Buffer.from('RMS1', 'ascii');

/** One sealed message as file bytes: magic, IV, tag, ciphertext. */
export function sealedToBytes(sealed: Sealed): Buffer {
  return Buffer.concat([MAGIC, sealed.iv, sealed.tag, sealed.data]);
}

export function sealedFromBytes(bytes: Buffer): Sealed | undefined {
  const head = MAGIC.length + IV_BYTES + TAG_BYTES;
  if (bytes.length < head || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  return {
    iv: bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES),
    tag: bytes.subarray(MAGIC.length + IV_BYTES, head),
    data: bytes.subarray(head),
  };
}
