/**
 * The inbox keeps every original file, content-addressed by sha256, never deleted.
 * Files are written to a temporary name and renamed, so a crash leaves no half file.
 */
import { copyFileSync, constants, existsSync, mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Keep a short, safe extension for people browsing the inbox; never a path from outside. */
export function safeExtension(originalName: string): string {
  const ext = extname(originalName).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/** Store bytes under inbox/<aa>/<sha256><ext>; returns the path relative to the workspace. */
export function storeInInbox(inboxDir: string, sha: string, originalName: string, bytes: Uint8Array): string {
  return store(inboxDir, sha, originalName, (temp) => writeFileSync(temp, bytes, { flag: 'wx' }));
}

/** Store a copy of a file (read by the OS, never whole in memory); same layout as storeInInbox. */
export function copyIntoInbox(inboxDir: string, sha: string, originalName: string, source: string): string {
  return store(inboxDir, sha, originalName, (temp) => copyFileSync(source, temp, constants.COPYFILE_EXCL));
}

function store(inboxDir: string, sha: string, originalName: string, write: (temp: string) => void): string {
  const folder = join(inboxDir, sha.slice(0, 2));
  const name = `${sha}${safeExtension(originalName)}`;
  const target = join(folder, name);
  if (!existsSync(target)) {
    mkdirSync(folder, { recursive: true });
    const temp = join(folder, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      write(temp);
      renameSync(temp, target);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
  }
  return join('inbox', sha.slice(0, 2), name);
}
