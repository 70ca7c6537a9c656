/**
 * Writing downloaded files into the caller's directory: always under a temporary name first,
 * renamed only once complete, so an interrupted download never looks like a file. The
 * portal's file name is only a suggestion: it is cleaned and never used as a path.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Download } from 'playwright-core';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A portal-supplied name made safe to show and to borrow an extension from: no directories,
 * no control or reserved characters, no leading dots, not too long.
 */
export function sanitizeFileName(name: string | undefined | null, fallback = 'download'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_RESERVED.test(clean)) clean = `_${clean}`;
  if (clean.length > 120) {
    const ext = extname(clean).slice(0, 10);
    clean = clean.slice(0, 120 - ext.length) + ext;
  }
  return clean || fallback;
}

/** The extension of a cleaned name, if it looks like one (`.csv`, `.xlsx`, `.820`). */
export function safeExtension(name: string): string {
  const ext = extname(name).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/** A temporary name in the download directory; files with it are never results. */
export function temporaryPath(dir: string): string {
  return join(dir, `.remit-${randomUUID()}.part`);
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Move a complete temporary file to its final name (`<row id><.ext>`), never over an existing
 * file. Returns the final path.
 */
export async function finalizeFile(tempPath: string, dir: string, rowId: string, suggestedName: string): Promise<string> {
  const stem = sanitizeFileName(rowId, 'row').replace(/\s/g, '_').slice(0, 80);
  const ext = safeExtension(suggestedName);
  for (let n = 1; n < 1000; n++) {
    const candidate = join(dir, `${stem}${n === 1 ? '' : `-${n}`}${ext}`);
    if (!(await exists(candidate))) {
      await rename(tempPath, candidate);
      return candidate;
    }
  }
  throw new Error(`no free file name for ${stem}${ext} in ${dir}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export interface SavedFile {
  path: string;
  suggestedName: string;
  sha256: string;
  size: number;
}

/** A file that could not be saved completely; nothing is left behind for it. */
export class DownloadFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadFailure';
  }
}

/** Save bytes read in the page or fetched directly. */
export async function saveBytes(dir: string, rowId: string, bytes: Buffer, portalName: string | undefined): Promise<SavedFile> {
  const suggestedName = sanitizeFileName(portalName);
  const temp = temporaryPath(dir);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = await finalizeFile(temp, dir, rowId, suggestedName);
    return { path, suggestedName, sha256, size: bytes.length };
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Save a browser download once it has finished; a failed one leaves nothing in `dir`. */
export async function saveBrowserDownload(dir: string, rowId: string, download: Download): Promise<SavedFile> {
  const failure = await download.failure();
  if (failure) {
    await download.delete().catch(() => undefined);
    throw new DownloadFailure(`the download stopped before the end (${failure})`);
  }
  const suggestedName = sanitizeFileName(download.suggestedFilename());
  const temp = temporaryPath(dir);
  try {
    await download.saveAs(temp);
    const sha256 = await sha256File(temp);
    const { size } = await stat(temp);
    const path = await finalizeFile(temp, dir, rowId, suggestedName);
    return { path, suggestedName, sha256, size };
  } catch (err) {
    await rm(temp, { force: true });
    throw err instanceof DownloadFailure ? err : new DownloadFailure(`the download could not be saved (${(err as Error).message.split('\n')[0]})`);
  } finally {
    await download.delete().catch(() => undefined);
  }
}

/** The file name in a Content-Disposition header, if any (RFC 6266, incl. filename*=UTF-8''...). */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*(?:"((?:\\.|[^"])*)"|([^;]+))/.exec(header);
  return plain ? (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1').trim() : undefined;
}
