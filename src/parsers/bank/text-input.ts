/**
 * Bytes to text for the bank readers, after the size limit: BOMs and UTF-16, strict UTF-8,
 * else Windows-1252 (what older bank exports write); binary content is refused by the
 * shared decoder before any format is looked at.
 */
import { ParseError } from '../../core/errors.js';
import { decodeText } from '../tabular/decode.js';
import type { BankLimits } from './types.js';

export function bankText(bytes: Uint8Array, limits: BankLimits): string {
  if (bytes.length === 0) throw new ParseError('the file is empty');
  if (bytes.length > limits.maxBytes) {
    throw new ParseError(`the file is ${megabytes(bytes.length)}, over the ${megabytes(limits.maxBytes)} limit for a bank file`, 'raise limits.maxBytes to read it');
  }
  return decodeText(bytes).text;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
