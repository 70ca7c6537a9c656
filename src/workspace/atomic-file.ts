import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replace `file` with `bytes` so a reader sees the old or the new content, never a mix:
 * write a private temp file next to it, flush it, then rename it over the target.
 */
/** `mode` 0o600 for secrets; settings and journals stay readable by other local tools. */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string, mode = 0o600): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: mode === 0o600 ? 0o700 : 0o755 });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  // open() applies the umask; chmod makes the mode exact. On Windows it only clears read-only.
  await chmod(file, mode);
}
