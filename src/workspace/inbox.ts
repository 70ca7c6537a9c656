/**
 * The inbox keeps every original file, content-addressed by sha256, never deleted.
 *
 * A file is copied in once, hashed as it is copied, and everything after reads the kept copy:
 * a source that grows or changes during an import cannot give the ledger payments the kept
 * original does not hold (one read, one truth). Copies are written to a temporary name
 * created exclusively and without following links (O_EXCL | O_NOFOLLOW), flushed, and renamed
 * into place, so a crash leaves no half file and a link planted in the inbox is neither
 * written through nor taken for an original: a link at an inbox path is replaced by the real
 * file, and an inbox folder that is a link is refused. A source that is a symbolic link is
 * refused unless the caller follows links on purpose (`remit import --follow-links`).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync,
} from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { crashPoint } from '../core/crash-points.js';
import { RemitError } from '../core/errors.js';
import { osError } from '../core/os-errors.js';

/** Keep a short, safe extension for people browsing the inbox; never a path from outside. */
export function safeExtension(originalName: string): string {
  const ext = extname(originalName).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

export interface KeptOriginal {
  sha256: string;
  size: number;
  /** Relative to the workspace, as the ledger records it. */
  inboxPath: string;
  /** The kept copy: what the import reads. */
  file: string;
}

/** The original could not be written into the inbox (a full disk, a read-only folder): the source itself was readable. */
export class InboxWriteFailed extends RemitError {}

/** A source larger than the limit (checked before and while copying: a file may grow). */
export class TooLarge extends RemitError {
  constructor(readonly size: number, limit: number) {
    super('too-large', `${Math.round(size / 1048576)} MB is over the limit of ${Math.round(limit / 1048576)} MB (limits.max_file_mb)`);
  }
}

/** Why a source that is a symbolic link is not imported. */
export const LINK_REFUSED = 'is a symbolic link: remit imports the file itself, not a link to it (pass --follow-links to read what it points to)';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const PIECE = 1 << 20;

/**
 * Copy `source` into the inbox, hashing it on the way, and return the kept copy. A source
 * already in the inbox is only hashed.
 */
export function keepOriginal(inboxDir: string, source: string, originalName: string, options: { followLinks: boolean; maxBytes: number }): KeptOriginal {
  const fd = openSource(source, options.followLinks);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new RemitError('not-a-file', 'not a file (a folder?): name the files inside it');
    if (stats.size > options.maxBytes) throw new TooLarge(stats.size, options.maxBytes);
    if (isInside(inboxDir, source)) return { ...hashOnly(fd, options.maxBytes), inboxPath: join('inbox', relative(inboxDir, source)), file: source };
    checkFolder(inboxDir);
    const temp = incomingTemp(inboxDir);
    try {
      const copied = copyHashing(fd, temp, options.maxBytes);
      return { ...copied, ...placeInInbox(inboxDir, temp, copied.sha256, originalName) };
    } finally {
      rmSync(temp, { force: true });
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Keep bytes already in memory (a message fetched over IMAP) as an original, with the same
 * layout and the same guarantees as keepOriginal; returns the path relative to the workspace.
 */
export function storeInInbox(inboxDir: string, sha: string, originalName: string, bytes: Uint8Array): string {
  checkFolder(inboxDir);
  const temp = incomingTemp(inboxDir);
  try {
    const out = createTemp(temp);
    try {
      writeAll(out, bytes);
      fsyncSync(out);
    } catch (err) {
      throw inboxWriteFailed(err, temp);
    } finally {
      closeSync(out);
    }
    return placeInInbox(inboxDir, temp, sha, originalName).inboxPath;
  } finally {
    rmSync(temp, { force: true });
  }
}

function openSource(source: string, followLinks: boolean): number {
  try {
    // O_NONBLOCK: a FIFO named as a file is opened (and refused as not a file) instead of waiting forever.
    return openSync(source, constants.O_RDONLY | constants.O_NONBLOCK | (followLinks ? 0 : NOFOLLOW));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!followLinks && (code === 'ELOOP' || code === 'EMLINK' || (NOFOLLOW === 0 && isLink(source)))) {
      throw new RemitError('symlink', LINK_REFUSED);
    }
    throw osError(err, source, 'read the file', 1);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(`..${sep}`);
}

/** The inbox (or one of its folders) must be a real folder, not a link to somewhere else. */
function checkFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const stats = lstatSync(dir);
    if (stats.isDirectory()) return;
  } catch (err) {
    throw inboxWriteFailed(err, dir);
  }
  throw new RemitError('inbox-link', `the inbox folder ${dir} is a symbolic link (or not a folder): originals are kept only inside the workspace`, {
    hint: `replace ${dir} with a real folder (move what it points to into it)`,
  });
}

function hashOnly(fd: number, maxBytes: number): { sha256: string; size: number } {
  const hash = createHash('sha256');
  const size = eachPiece(fd, maxBytes, (piece) => hash.update(piece));
  return { sha256: hash.digest('hex'), size };
}

function copyHashing(fd: number, temp: string, maxBytes: number): { sha256: string; size: number } {
  const hash = createHash('sha256');
  const out = createTemp(temp);
  try {
    const size = eachPiece(fd, maxBytes, (piece) => {
      hash.update(piece);
      try {
        writeAll(out, piece);
      } catch (err) {
        throw inboxWriteFailed(err, temp);
      }
    });
    try {
      fsyncSync(out);
    } catch (err) {
      throw inboxWriteFailed(err, temp);
    }
    return { sha256: hash.digest('hex'), size };
  } catch (err) {
    throw osError(err, undefined, 'read the file', 1);
  } finally {
    closeSync(out);
  }
}

/** A fresh temporary name in the inbox for a copy on its way in. */
function incomingTemp(inboxDir: string): string {
  return join(inboxDir, `.incoming.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Create the temporary file exclusively and without following a link planted at its name. */
function createTemp(temp: string): number {
  try {
    return openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o644);
  } catch (err) {
    throw inboxWriteFailed(err, temp);
  }
}

function writeAll(out: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(out, bytes, at, bytes.length - at);
}

function inboxWriteFailed(err: unknown, path: string): RemitError {
  const worded = osError(err, path, 'keep the original in the inbox', 1);
  const text = worded instanceof Error ? worded.message : String(worded);
  return new InboxWriteFailed('inbox-write', text, worded instanceof RemitError && worded.hint ? { hint: worded.hint } : {});
}

function eachPiece(fd: number, maxBytes: number, use: (piece: Buffer) => void): number {
  const buffer = Buffer.allocUnsafe(PIECE);
  let size = 0;
  for (;;) {
    const read = readSync(fd, buffer, 0, PIECE, null);
    if (read === 0) return size;
    size += read;
    if (size > maxBytes) throw new TooLarge(size, maxBytes);
    use(buffer.subarray(0, read));
  }
}

/** Move a complete temp file to inbox/<aa>/<sha><ext>; an original already kept there is kept as it is. */
function placeInInbox(inboxDir: string, temp: string, sha: string, originalName: string): { inboxPath: string; file: string } {
  const folder = join(inboxDir, sha.slice(0, 2));
  const name = `${sha}${safeExtension(originalName)}`;
  const target = join(folder, name);
  checkFolder(folder);
  try {
    crashPoint();
    if (!isRegularFile(target)) renameSync(temp, target); // replaces a planted link itself, never what it points to
    crashPoint();
  } catch (err) {
    throw inboxWriteFailed(err, target);
  }
  return { inboxPath: join('inbox', sha.slice(0, 2), name), file: target };
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
