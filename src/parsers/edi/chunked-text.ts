/**
 * Text that arrives in chunks, read front to back: the EDI segment readers take segment
 * after segment from it and never need more than the current segment in memory.
 */
import { skipBlank } from './blank.js';

export class ChunkedText {
  /** The unread text starts at `pos` of `buffer`. */
  buffer = '';
  pos = 0;
  private readonly source: Iterator<string>;
  private done = false;

  constructor(chunks: Iterable<string>) {
    this.source = chunks[Symbol.iterator]();
  }

  /** Skip blank space between segments; false at the end of the text. */
  skipBlank(): boolean {
    for (;;) {
      this.pos = skipBlank(this.buffer, this.pos);
      if (this.pos < this.buffer.length) return true;
      if (!this.more()) return false;
    }
  }

  /** Make at least `length` characters readable at `pos`, unless the text ends first. */
  ensure(length: number): void {
    while (this.buffer.length - this.pos < length && this.more());
  }

  startsWith(prefix: string): boolean {
    return this.buffer.startsWith(prefix, this.pos);
  }

  peek(length: number): string {
    return this.buffer.slice(this.pos, this.pos + length);
  }

  /** The text up to `terminator` (which is passed over), or up to the end when there is none. */
  takeUntil(terminator: string): string {
    let from = this.pos;
    let at = this.buffer.indexOf(terminator, from);
    while (at < 0) {
      const searched = Math.max(this.buffer.length - this.pos - terminator.length + 1, 0);
      if (!this.more()) break;
      from = this.pos + searched;
      at = this.buffer.indexOf(terminator, from);
    }
    if (at < 0) return this.rest();
    const taken = this.buffer.slice(this.pos, at);
    this.pos = at + terminator.length;
    return taken;
  }

  /** Everything not read yet. */
  rest(): string {
    while (this.more());
    const rest = this.buffer.slice(this.pos);
    this.pos = this.buffer.length;
    return rest;
  }

  private more(): boolean {
    if (this.done) return false;
    const next = this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buffer = this.buffer.slice(this.pos) + next.value;
    this.pos = 0;
    return true;
  }
}
