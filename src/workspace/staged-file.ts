/**
 * A file written a piece at a time under a temporary name beside its target, and moved into
 * place only once complete: a journal of a year of applications is never held in memory
 * whole, and a reader never sees half of one. Until `commit`, `abandon` leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Written to disk in pieces of about this many characters. */
const PIECE = 1 << 16;

export class StagedFile {
  private fd: number | undefined;
  private pending = '';
  private done = false;

  private constructor(
    readonly target: string,
    readonly temp: string,
  ) {
    this.fd = openSync(temp, 'wx', 0o644);
  }

  /** Start writing what will become `target`. */
  static create(target: string): StagedFile {
    return new StagedFile(target, join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`));
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= PIECE) this.flush();
  }

  /** Everything written reaches the disk, then the file takes its name. */
  commit(): void {
    this.flush();
    fsyncSync(this.fd!);
    this.close();
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

  private flush(): void {
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd!, bytes, at, bytes.length - at);
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
