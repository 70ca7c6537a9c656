/**
 * A file written in chunks: text is gathered up to about a megabyte and then written, so a
 * million-line file is never one string in memory. Written to a temporary name and renamed
 * on close, so a half-written file is never taken for a whole one.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

const CHUNK_CHARS = 1 << 20;

export class FileSink {
  private readonly fd: number;
  private readonly temp: string;
  private parts: string[] = [];
  private chars = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.temp = `${path}.partial`;
    this.fd = openSync(this.temp, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= CHUNK_CHARS) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.temp, this.path);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.bytes += writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.chars = 0;
  }
}
