/**
 * X12 820 (Payment Order/Remittance Advice) reader, versions 003030 to 008030.
 *
 * Input: the bytes of a file holding one or more ISA interchanges; delimiters come from each
 * ISA. Output: one remittance per ST*820 transaction whose SE count and control number
 * check out, with lines in file order: ENT-level ADX deductions, then RMR invoices/POs.
 *
 * Quirks handled: trimmed ISA padding, CR/LF after terminators, a newline as the terminator,
 * NUL padding, several interchanges/groups/transactions per file, 003030 senders that write
 * deductions as positive ADX01 (see adjustments.ts and ParseOptions.adxSign); spaces around
 * elements and before terminators (lenient mode trims them), control numbers padded
 * differently (`000001203` / `0001203 `), no TRN (payment-ref.ts), DTM05/DTM06 dates
 * (dates.ts), other transaction sets in the interchange (skipped with a warning).
 * A transaction with no usable line gives no remittance, with an error.
 *
 * Lenient (default): a bad transaction is dropped with an error diagnostic, the rest kept.
 * Strict: the first envelope or data problem throws ParseError.
 */
import { ParseError } from '../../core/errors.js';
import type { ParseOptions, ParseResult, Remittance } from '../types.js';
import { at, Diagnostics } from '../edi/diagnostics.js';
import { decodeEdi, preview } from '../edi/text.js';
import { readTransactions, transactionsOf, type Transaction } from './envelope.js';
import { readRemittance } from './remittance.js';
import { readSegments, splitSegments } from './segments.js';
import type { RemittanceStream } from '../stream.js';

/** Parse an X12 820 file into remittances; throws ParseError when nothing usable can be read. */
export function parseX12_820(bytes: Uint8Array, options: ParseOptions): ParseResult {
  const text = decodeEdi(bytes);
  const start = text.search(/[^\s\0]/);
  if (start < 0) throw new ParseError(bytes.length === 0 ? 'empty file' : 'file holds only blank space');
  if (!text.startsWith('ISA', start)) throw new ParseError(`not an X12 interchange: starts with ${preview(text.slice(start))}`);

  const diagnostics = new Diagnostics(options.lenient);
  const segments = splitSegments(text, start, options.limits, diagnostics);
  const transactions = readTransactions(segments, diagnostics);

  const remittances: Remittance[] = [];
  const otherSets = new Set<string>();
  for (const tx of transactions) {
    const remittance = remittanceOf(tx, options, diagnostics, otherSets);
    if (remittance) remittances.push(remittance);
  }

  if (remittances.length === 0) throw new ParseError(nothingUsable(transactions.length, otherSets, diagnostics));
  return { format: 'x12-820', remittances, diagnostics: diagnostics.list() };
}

/**
 * The same reading, transaction by transaction as the text arrives. Diagnostics come in
 * file order (the whole-file reader lists the segment-level ones first).
 */
export function streamX12_820(text: Iterable<string>, options: ParseOptions): RemittanceStream {
  const diagnostics = new Diagnostics(options.lenient);
  function* remittances(): Generator<Remittance> {
    const otherSets = new Set<string>();
    let transactions = 0;
    let read = 0;
    for (const tx of transactionsOf(readSegments(text, options.limits, diagnostics), diagnostics)) {
      transactions += 1;
      const remittance = remittanceOf(tx, options, diagnostics, otherSets);
      if (!remittance) continue;
      read += 1;
      yield remittance;
    }
    if (read === 0) throw new ParseError(nothingUsable(transactions, otherSets, diagnostics));
  }
  return { format: 'x12-820', remittances: remittances(), diagnostics: () => diagnostics.list() };
}

function remittanceOf(tx: Transaction, options: ParseOptions, diagnostics: Diagnostics, otherSets: Set<string>): Remittance | undefined {
  if (tx.setId !== '820') {
    otherSets.add(tx.setId);
    diagnostics.warning(`transaction ${tx.control} is a ${tx.setId || '(blank)'}, not an 820 (segment ${tx.st.number}); skipped`, at(tx.st));
    return undefined;
  }
  return readRemittance(tx, options, diagnostics);
}

function nothingUsable(whole: number, otherSets: Set<string>, diagnostics: Diagnostics): string {
  // The problem that cost a payment explains the failure better than an envelope remark before it.
  const problem = diagnostics.entries.find((entry) => entry.level === 'error' && /(?:transaction|message) \S+ skipped$/.test(entry.message)) ?? diagnostics.firstError();
  if (problem) return `no usable 820 transaction: ${problem.message}`;
  if (otherSets.size > 0) return `no 820 transaction: found ${[...otherSets].join(', ')}`;
  return whole === 0 ? 'no transaction in the X12 interchange' : 'no usable 820 transaction';
}
