/**
 * Look inside a zip before a workbook reader inflates it: how large it would expand to,
 * and whether it holds a workbook at all. Reads only the central directory.
 */
import { ParseError } from '../../core/errors.js';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ParseError('damaged zip archive: no central directory (the file may be cut short)');
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) {
      throw new ParseError('damaged zip archive: central directory is broken');
    }
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, compressedSize, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuse zip bombs and zips that are not workbooks, with a one-line reason. */
export function guardWorkbookZip(bytes: Uint8Array, maxExpandedBytes: number): void {
  const entries = listZip(bytes);
  const expanded = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (expanded > maxExpandedBytes) {
    throw new ParseError(
      `workbook would expand to ${Math.round(expanded / 1048576)} MB, over the limit of ${Math.round(maxExpandedBytes / 1048576)} MB (limits.max_expanded_mb)`,
    );
  }
  const suspicious = entries.find((entry) => entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > 1000);
  if (suspicious && suspicious.uncompressedSize > 10 * 1048576) {
    throw new ParseError(`zip entry ${suspicious.name} expands more than 1000 times: refused as a zip bomb`);
  }
  const names = entries.map((entry) => entry.name.toLowerCase());
  if (!names.some((name) => name === 'xl/workbook.xml' || name === 'xl/workbook.bin')) {
    const seen = names.slice(0, 3).join(', ') || 'nothing';
    throw new ParseError(`zip archive is not an Excel workbook (no xl/workbook.xml; holds ${seen})`);
  }
}
