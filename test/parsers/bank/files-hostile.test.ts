/**
 * Files that are no bank statement at all, and 200 MB files of each kind of hostile bulk:
 * each gives a one-line ParseError quickly, with memory bounded by the file itself (no
 * per-line diagnostics or trees kept), and limits.maxBytes refuses a file before reading it.
 */
import { describe, expect, it } from 'vitest';
import { detectBankFormat } from '../../../src/parsers/bank/index.js';
import { bytes, parse, parseError } from './support/bank-hostile.js';

const MB = 1_000_000;

/** Run `read` on a 200 MB buffer and check it fails fast with one line and a bounded heap. */
function hostile200(head: string, filler: string, tail = ''): { message: string; seconds: number; heapGrowthMb: number } {
  const body = Buffer.alloc(200 * MB, filler, 'latin1');
  body.write(head, 0, 'latin1');
  if (tail) body.write(tail, body.length - tail.length, 'latin1');
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const started = performance.now();
  const error = parseError(() => parse(body));
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  return { message: error.message, seconds: (performance.now() - started) / 1000, heapGrowthMb: (heapPeak - heapBefore) / MB };
}

describe('files that are not bank statements', () => {
  it('empty, blank, binary, random bytes', () => {
    expect(parseError(() => parse(new Uint8Array())).message).toBe('the file is empty');
    expect(parseError(() => parse(' \r\n\t\n')).message).toBe('the file holds only blank space');
    expect(parseError(() => parse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).message).toBe('binary content (NUL bytes): not a text file');
    let seed = 7;
    const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    expect(parseError(() => parse(random)).message).toMatch(/^binary content/);
  });

  it('other documents: PDF, CSV, X12 820, EDIFACT, HTML', () => {
    const cases: Record<string, RegExp> = {
      '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n': /^not a bank statement: starts with "%PDF-1\.7/,
      'Invoice Number,Amount\nINV-1,10.00\n': /^not a bank statement: starts with "Invoice Number,Amount/,
      'ISA*00*          *00*          *ZZ*SENDER~': /^not a bank statement: starts with "ISA\*00\*/,
      "UNA:+.? 'UNB+UNOC:3+SENDER'": /^not a bank statement/,
      '<!doctype html><html><body><table></table></body></html>': /DOCTYPE.*refused|not an ISO 20022/,
    };
    for (const [text, pattern] of Object.entries(cases)) expect(parseError(() => parse(text)).message).toMatch(pattern);
    expect(parseError(() => parse('Invoice Number,Amount\n')).hint).toBe('bank files are read as BAI2, camt.052/053/054, MT940/MT942 or OFX');
  });

  it('detectBankFormat names the format from the first bytes only', () => {
    expect(detectBankFormat(bytes('01,122000661,X,250301,0600,1,80,,2/'))).toBe('bai2');
    expect(detectBankFormat(bytes('\ufeff{1:F01BANKDEFFAXXX0000000000}'))).toBe('mt940');
    expect(detectBankFormat(bytes('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">'))).toBe('camt');
    expect(detectBankFormat(bytes('OFXHEADER:100\nDATA:OFXSGML'))).toBe('ofx');
    expect(detectBankFormat(bytes('a,b,c'))).toBeUndefined();
  });

  it('limits.maxBytes refuses a file before decoding it', () => {
    const error = parseError(() => parse(new Uint8Array(2 * MB).fill(0x41), { limits: { maxBytes: MB } }));
    expect(error.message).toBe('the file is 2.0 MB, over the 1.0 MB limit for a bank file');
    expect(error.hint).toBe('raise limits.maxBytes to read it');
  });
});

describe('200 MB hostile files fail fast with one line and bounded memory', { timeout: 120_000 }, () => {
  it('200 MB of one letter', () => {
    const run = hostile200('', 'A');
    expect(run.message).toBe('not a bank statement: starts with "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"');
    expect(run.heapGrowthMb).toBeLessThan(600);
  });

  it('a BAI2 header, then 200 MB of junk records: gives up at limits.maxProblems', () => {
    const run = hostile200('01,122000661,X,250301,0600,1,80,,2/\n02,X,122000661,1,250228,2400,USD,2/\n', 'Z\n');
    expect(run.message).toMatch(/^more than 1000 problems, giving up; the first: line 3: unknown record type "Z"; skipped$/);
    expect(run.seconds).toBeLessThan(20);
    expect(run.heapGrowthMb).toBeLessThan(600);
  });

  it('a BAI2 header, then one 200 MB line', () => {
    const run = hostile200('01,122000661,X,250301,0600,1,80,,2/\n16,', '9');
    expect(run.message).toMatch(/^line 2 is \d+ characters long, over the limit of 65536 for one record$/);
    expect(run.heapGrowthMb).toBeLessThan(600);
  });

  it('a camt header, then 200 MB of nested elements', () => {
    const run = hostile200('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>', '<');
    expect(run.message).toMatch(/^not well-formed XML|^XML nested deeper/);
    const nested = hostile200('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>', '<a>');
    expect(nested.message).toMatch(/^XML nested deeper than 64 elements at line 1$/);
    expect(nested.seconds).toBeLessThan(20);
    expect(nested.heapGrowthMb).toBeLessThan(600);
  });

  it('a camt header, then a 200 MB text node', () => {
    const run = hostile200('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Id>', 'x');
    expect(run.message).toMatch(/^more than 65536 characters of XML without markup at character \d+$/);
    expect(run.heapGrowthMb).toBeLessThan(600);
  });

  it('an MT940 header, then 200 MB of continuation lines', () => {
    const run = hostile200(':20:X\n:25:1/2\n:28C:1\n:60F:C250101EUR1,00\n:86:', 'y\n');
    expect(run.message).toBe('field :86: at line 5 runs past 65536 characters');
    expect(run.heapGrowthMb).toBeLessThan(600);
  });

  it('an OFX header, then 200 MB of open tags', () => {
    const run = hostile200('OFXHEADER:100\n\n<OFX>', '<', '');
    expect(run.message).toMatch(/^a tag at line 3 never ends|^<.*> at line 3 is not an OFX element name|^OFX nested deeper/);
    expect(run.heapGrowthMb).toBeLessThan(600);
  });
});
