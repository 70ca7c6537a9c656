/**
 * The rows above a table's header, held until the header is known (it is searched for in
 * the first HEADER_SCAN rows); after that, every row goes straight to the reader with its
 * 0-based index in the file. What the reader completes (a payment, an invoice) it hands
 * to `emit`, and `push` returns it: lets the tables read a file row by row.
 */
import type { Row } from './cells.js';

export const HEADER_SCAN = 50;

const NONE: never[] = [];

export class HeaderBuffer<H extends { rowIndex: number }, T> {
  header: H | undefined;
  private top: Row[] = [];
  private nextIndex = 0;
  private ready: T[] = [];

  constructor(
    /** Finds the header in the top rows, or throws ParseError. */
    private readonly find: (top: Row[]) => H,
    private readonly read: (row: Row, index: number) => void,
    /** Rows held for `find` (the header is searched in the first HEADER_SCAN of them; the rest let it judge the values). */
    private readonly scan = HEADER_SCAN,
  ) {}

  /** Read one row; returns what it completed (the rows above the header wait for it). */
  push(row: Row): T[] {
    const index = this.nextIndex;
    this.nextIndex += 1;
    if (this.header) this.read(row, index);
    else {
      this.top.push(row);
      if (this.top.length >= this.scan) this.settle();
    }
    return this.drain();
  }

  /** Hand on a completed record; `push` (or `drain`) returns it. */
  emit(item: T): void {
    this.ready.push(item);
  }

  /** What was emitted and not yet returned. */
  drain(): T[] {
    if (this.ready.length === 0) return NONE as T[];
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /** The end of the rows: a short file's header is found now. */
  finish(): H {
    if (!this.header) this.settle();
    return this.header!;
  }

  private settle(): void {
    const header = this.find(this.top);
    this.header = header;
    const top = this.top;
    this.top = [];
    top.forEach((row, index) => {
      if (index > header.rowIndex) this.read(row, index);
    });
  }
}
