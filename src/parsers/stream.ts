/**
 * Streaming reads: a large CSV or X12 file is read in chunks and its payments handed on one
 * at a time, so memory does not grow with the file. A file the streaming reader cannot take
 * in one pass (payments whose rows are scattered, text that is not UTF-8) says so with
 * NotStreamable, and the importer reads it whole instead.
 */
import type { Diagnostic, DocumentFormat, Remittance } from './types.js';

export interface RemittanceStream {
  format: DocumentFormat;
  /** Each payment once it is complete, in file order. Throws ParseError as the whole-file reader would. */
  remittances: Iterable<Remittance>;
  /** Every diagnostic; complete once `remittances` has been read to its end. */
  diagnostics(): Diagnostic[];
  /** The order of day and month the file's own dates proved, once read to its end (readers with fixed dates have none). */
  dateOrder?(): 'dmy' | 'mdy' | undefined;
}

/** This file needs the whole-file reader; nothing it streamed so far may be kept. */
export class NotStreamable extends Error {
  constructor(reason: string) {
    super(`not streamable: ${reason}`);
    this.name = 'NotStreamable';
  }
}

/**
 * Bytes read per chunk. Small enough that the rows of one chunk die young (they never reach
 * the old heap, which would grow peak memory), large enough that per-chunk work is noise.
 */
export const CHUNK_BYTES = 256 * 1024;
