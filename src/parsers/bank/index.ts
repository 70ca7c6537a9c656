/**
 * Bank statements in: BAI2, ISO 20022 camt.052/053/054, SWIFT MT940/MT942 and OFX 1.x/2.x,
 * the format found from the content. Pure: bytes and options in, statements and diagnostics
 * out; no IO, no clock.
 *
 * - parseBankFile: the whole result, every entry held in its statement.
 * - readBankFile: the same reading handed to a sink statement by statement and entry by
 *   entry, for a caller that writes entries as they come (a million-entry file).
 * - classifyEntry (classify.ts): what kind of money an entry is, from its codes.
 *
 * Lenient by default: a total that is off, an entry that cannot be read, is a diagnostic
 * with its location and the rest is kept; `strict: true` throws ParseError instead. A file
 * that is cut short, is not a bank file, or passes a limit is a ParseError either way.
 */
import { ParseError } from '../../core/errors.js';
import { readBai2 } from './bai2/read-bai2.js';
import { readCamt } from './camt/read-camt.js';
import { identifyBankText, requireBankSyntax } from './identify.js';
import { BankDiagnostics } from './lenience.js';
import { readMt940 } from './mt940/read-mt940.js';
import { readOfx } from './ofx/read-ofx.js';
import type { BankSink, ReadContext } from './reader.js';
import { bankText } from './text-input.js';
import { DEFAULT_BANK_LIMITS, type BankLimits, type BankParseOptions, type BankParseResult, type BankStatement } from './types.js';

export type { BankSink } from './reader.js';
export * from './types.js';
export { classifyEntry, type EntryClass, type EntryKind, type ReceiptChannel } from './classify.js';

/** Read a bank file whole. Throws ParseError when nothing usable can be read. */
export function parseBankFile(bytes: Uint8Array, options: BankParseOptions = {}): BankParseResult {
  const statements: BankStatement[] = [];
  const collect: BankSink = {
    begin: (statement) => statements.push(statement),
    entry: (entry, statement) => statement.entries.push(entry),
    end: () => undefined,
  };
  const outcome = readBankFile(bytes, options, collect);
  return { ...outcome, statements };
}

/**
 * Read a bank file into `sink`: begin(statement), entry(...) for each entry, end(statement).
 * Statements handed to the sink keep `entries` empty. Returns what parseBankFile returns
 * apart from the statements. A ParseError may come after some entries were handed on:
 * the caller keeps nothing of a file that throws (one transaction per file).
 */
export function readBankFile(bytes: Uint8Array, options: BankParseOptions, sink: BankSink): Omit<BankParseResult, 'statements'> {
  const limits: BankLimits = { ...DEFAULT_BANK_LIMITS, ...options.limits };
  const text = bankText(bytes, limits);
  const syntax = requireBankSyntax(text);
  const diagnostics = new BankDiagnostics(options.strict === true, limits.maxProblems);
  const context: ReadContext = { limits, diagnostics, sink, entries: 0 };
  const outcome =
    syntax === 'bai2' ? readBai2(text, context) : syntax === 'camt' ? readCamt(text, context) : syntax === 'swift' ? readMt940(text, context) : readOfx(text, context);
  if (outcome.statements === 0) {
    const first = diagnostics.firstError();
    throw new ParseError(`no statement could be read from this ${outcome.format} file${first ? `: ${first.location ? `${first.location}: ` : ''}${first.message}` : ''}`);
  }
  const result: Omit<BankParseResult, 'statements'> = { format: outcome.format, diagnostics: diagnostics.list() };
  if (outcome.fileId) result.fileId = outcome.fileId;
  if (outcome.createdAt) result.createdAt = outcome.createdAt;
  return result;
}

/** The bank format a file is in, from its first bytes; undefined when it is none of them. */
export function detectBankFormat(bytes: Uint8Array): 'bai2' | 'camt' | 'mt940' | 'ofx' | undefined {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  const syntax = identifyBankText(head.charCodeAt(0) === 0xfeff ? head.slice(1) : head);
  return syntax === 'swift' ? 'mt940' : syntax;
}

