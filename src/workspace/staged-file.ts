/**
 * A file written a piece at a time under a temporary name beside its target, and moved into
 * place only once complete: a journal of a year of applications is never held in memory
 * whole, and a reader never sees half of one. Until `commit`, `abandon` leaves nothing behind.
 * `seal` then `place` split the commit in two, for a caller that records the file (its sha256
 * and size) somewhere durable between the two.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Written to disk in pieces of about this many characters. */
const PIECE = 1 << 16;

export class StagedFile {
  private fd: number | undefined;
  private pending = '';
  private done = false;
  private sealed = false;
  private readonly hash: Hash = createHash('sha256');
  private size = 0;

  private constructor(
    readonly target: string,
    readonly temp: string,
  ) {
    this.fd = openSync(temp, 'wx', 0o644);
  }

  /** Start writing what will become `target`; `tempPrefix` names the temporary file (`.<prefix>-<random>.tmp`), else it is named after the target. */
  static create(target: string, tempPrefix?: string): StagedFile {
    const name = tempPrefix !== undefined ? `.${tempPrefix}-${randomBytes(4).toString('hex')}.tmp` : `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`;
    return new StagedFile(target, join(dirname(target), name));
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= PIECE) this.flush();
  }

  /** Everything written reaches the disk, then the file takes its name. */
  commit(): void {
    this.seal();
    this.place();
  }

  /** Everything written reaches the disk under the temporary name; nothing more can be written. */
  seal(): { sha256: string; bytes: number } {
    if (!this.sealed) {
      this.flush();
      fsyncSync(this.fd!);
      this.close();
      this.sealed = true;
    }
    return { sha256: this.digest ??= this.hash.digest('hex'), bytes: this.size };
  }

  /** The sealed file takes its name (replacing what was there). */
  place(): void {
    this.seal();
    renameSync(this.temp, this.target);
    this.done = true;
  }

  /** Nothing is kept. Does nothing after a commit, or the second time. */
  abandon(): void {
    if (this.done) return;
    this.done = true;
    this.close();
    rmSync(this.temp, { force: true });
  }

  private digest: string | undefined;

  /** Bytes rather than text (a stored file written again as it was). */
  writeBytes(bytes: Buffer): void {
    this.flush();
    this.writeOut(bytes);
  }

  private flush(): void {
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.writeOut(bytes);
  }

  private writeOut(bytes: Buffer): void {
    this.hash.update(bytes);
    this.size += bytes.length;
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd!, bytes, at, bytes.length - at);
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
