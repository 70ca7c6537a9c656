/**
 * The PDF standard security handler, revision 2 (40-bit RC4): enough to write files that a
 * reader cannot open without the user password, for tests and demos of locked remittances.
 * Weak by design of the 1990s format; never used to protect real data.
 */
import { createHash } from 'node:crypto';

// The fixed padding string of the PDF standard security handler.
const PASSWORD_PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

/** All permissions granted; the password is about opening the file. */
const PERMISSIONS = -4;

export interface Encryption {
  /** Entries of the /Encrypt dictionary, already serialised. */
  dictionary: string;
  /** Encrypt a string or stream belonging to object `objectNumber` (generation 0). */
  encrypt(objectNumber: number, data: Uint8Array): Uint8Array;
}

/** Prepare encryption for a file whose first /ID string is `fileId`. */
export function standardEncryption(userPassword: string, ownerPassword: string, fileId: Uint8Array): Encryption {
  const ownerKey = md5(padPassword(ownerPassword)).subarray(0, 5);
  const ownerEntry = rc4(ownerKey, padPassword(userPassword));
  const permissions = new Uint8Array(4);
  new DataView(permissions.buffer).setInt32(0, PERMISSIONS, true);
  const fileKey = md5(padPassword(userPassword), ownerEntry, permissions, fileId).subarray(0, 5);
  const userEntry = rc4(fileKey, PASSWORD_PAD);

  return {
    dictionary: `/Filter /Standard /V 1 /R 2 /Length 40 /O <${hex(ownerEntry)}> /U <${hex(userEntry)}> /P ${PERMISSIONS}`,
    encrypt(objectNumber, data) {
      const suffix = Uint8Array.from([objectNumber & 0xff, (objectNumber >> 8) & 0xff, (objectNumber >> 16) & 0xff, 0, 0]);
      const objectKey = md5(fileKey, suffix).subarray(0, fileKey.length + 5);
      return rc4(objectKey, data);
    },
  };
}

function padPassword(password: string): Uint8Array {
  const bytes = Uint8Array.from(password.slice(0, 32), (c) => c.charCodeAt(0) & 0xff);
  const padded = new Uint8Array(32);
  padded.set(bytes);
  padded.set(PASSWORD_PAD.subarray(0, 32 - bytes.length), bytes.length);
  return padded;
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** RC4 stream cipher (OpenSSL 3 no longer ships it, so it is written out here). */
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const state = new Uint8Array(256);
  for (let i = 0; i < 256; i++) state[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + state[i]! + key[i % key.length]!) & 0xff;
    [state[i], state[j]] = [state[j]!, state[i]!];
  }
  const out = new Uint8Array(data.length);
  let a = 0;
  let b = 0;
  for (let n = 0; n < data.length; n++) {
    a = (a + 1) & 0xff;
    b = (b + state[a]!) & 0xff;
    [state[a], state[b]] = [state[b]!, state[a]!];
    out[n] = data[n]! ^ state[(state[a]! + state[b]!) & 0xff]!;
  }
  return out;
}

export function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text.toUpperCase();
}
