/**
 * ZIP archives sent as attachments, opened under limits: entries, expansion ratio, the total
 * a message's archives may expand to, and archives inside archives. Read from the central
 * directory (APPNOTE 4.3.12, https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT):
 * sizes there are right even when the local header defers them to a data descriptor.
 * Encrypted entries (general purpose flag bit 0, or AES method 99) are reported, not opened.
 * Inflation is capped at the size the entry declares, so an entry that lies about its size
 * stops there instead of filling memory.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { ParseError } from '../../core/errors.js';
import { MailLimitError, type MailLimits } from '../limits.js';

export interface ArchiveEntry {
  /** The name as stored in the archive (may hold folders, or `../`). */
  name: string;
  encrypted: boolean;
  /** Undefined for an encrypted entry. */
  bytes: Uint8Array | undefined;
}

/** What a message's archives have expanded to so far: one budget for the whole message. */
export interface ExpansionBudget {
  expandedBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Below this an entry's ratio says little (a page of blanks compresses a thousand times). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** Every file entry of the archive, directories left out. Throws MailLimitError or ParseError. */
export function openArchive(bytes: Uint8Array, name: string, limits: MailLimits, budget: ExpansionBudget): ArchiveEntry[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(zip);
  if (eocd < 0) throw new ParseError(`ZIP "${name}" is damaged: no central directory (the file may be cut short)`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ParseError(`ZIP "${name}" is a ZIP64 archive, which remit does not open`);
  if (count > limits.maxZipEntries) throw new MailLimitError('maxZipEntries', `entries in ZIP "${name}"`, count, limits.maxZipEntries);

  const entries: ArchiveEntry[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ParseError(`ZIP "${name}" is damaged: its central directory is broken`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise IBM 437, of which ASCII is the part that matters.
    const entryName = flags & 0x0800 ? rawName.toString('utf8') : rawName.toString('latin1');
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName.endsWith('/') || entryName.endsWith('\\')) continue;

    if (flags & 0x0001 || method === 99) {
      entries.push({ name: entryName, encrypted: true, bytes: undefined });
      continue;
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new ParseError(`ZIP "${name}" holds ZIP64 entries, which remit does not open`);
    }
    if (size > RATIO_FLOOR_BYTES && size / Math.max(compressedSize, 1) > limits.maxZipRatio) {
      throw new MailLimitError('maxZipRatio', `ZIP "${name}" entry "${printable(entryName)}" expands ${Math.round(size / Math.max(compressedSize, 1))} times`, undefined, limits.maxZipRatio);
    }
    if (budget.expandedBytes + size > limits.maxZipExpandedBytes) {
      throw new MailLimitError('maxZipExpandedBytes', `what the message's ZIPs expand to`, budget.expandedBytes + size, limits.maxZipExpandedBytes);
    }
    const data = entryData(zip, localOffset, compressedSize, size, method, name, entryName);
    if ((crc32(data) >>> 0) !== crc) throw new ParseError(`ZIP "${name}" entry "${printable(entryName)}" is damaged (checksum mismatch)`);
    budget.expandedBytes += data.length;
    entries.push({ name: entryName, encrypted: false, bytes: data });
  }
  return entries;
}

function entryData(zip: Buffer, localOffset: number, compressedSize: number, size: number, method: number, name: string, entryName: string): Uint8Array {
  if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL) {
    throw new ParseError(`ZIP "${name}" is damaged: entry "${printable(entryName)}" is not where the directory says`);
  }
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  if (start + compressedSize > zip.length) throw new ParseError(`ZIP "${name}" is damaged: entry "${printable(entryName)}" is cut short`);
  const raw = zip.subarray(start, start + compressedSize);
  if (method === 0) {
    if (compressedSize !== size) throw new ParseError(`ZIP "${name}" is damaged: stored entry "${printable(entryName)}" has two sizes`);
    return Uint8Array.from(raw);
  }
  if (method !== 8) throw new ParseError(`ZIP "${name}" entry "${printable(entryName)}" uses compression method ${method}, which remit does not open`);
  let data: Buffer;
  try {
    data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
  } catch (err) {
    const tooLarge = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || /larger than|maxOutputLength/i.test(String(err));
    throw new ParseError(
      tooLarge
        ? `ZIP "${name}" entry "${printable(entryName)}" expands beyond the ${size.toLocaleString('en-US')} bytes it declares: refused`
        : `ZIP "${name}" entry "${printable(entryName)}" is damaged (it does not inflate)`,
    );
  }
  if (data.length !== size) throw new ParseError(`ZIP "${name}" entry "${printable(entryName)}" is damaged (wrong size)`);
  return data;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

function printable(text: string): string {
  return text.slice(0, 80).replace(/[^\x20-\x7e]/g, '?');
}
