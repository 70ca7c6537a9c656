/**
 * Which bank format a file is, from its first characters, never its name: BAI2 starts with
 * its 01 file header; camt is XML whose root is an ISO 20022 Document (or names a camt.05x
 * namespace); MT940/942 starts with a SWIFT block {1: or a :20: field; OFX starts with its
 * OFXHEADER lines, an <?OFX ?> processing instruction or <OFX>.
 */
import { ParseError } from '../../core/errors.js';
import { printable } from '../detect.js';

export type BankSyntax = 'bai2' | 'camt' | 'swift' | 'ofx';

/** Look at the first 4 KB of text (BOM and blank lines already skipped by the caller or here). */
export function identifyBankText(text: string): BankSyntax | undefined {
  const head = text.slice(0, 4096).replace(/^[\s\ufeff\0\x01\x03]+/, '');
  if (/^01,/.test(head)) return 'bai2';
  if (/^OFXHEADER\s*:/i.test(head) || /^<OFX>/i.test(head)) return 'ofx';
  if (/^(\{1:|:20:)/.test(head)) return 'swift';
  // Some banks put header lines (their BIC, "940") before the first field.
  if (/^:20:/m.test(head) && /^:25:/m.test(head) && /^:(?:60[FM]|61|34F|13D?):/m.test(head)) return 'swift';
  if (head.startsWith('<')) {
    if (/<\?OFX\s/i.test(head) || /<OFX>/i.test(head)) return 'ofx';
    if (/urn:iso:std:iso:20022:tech:xsd:camt\.05[234]\./.test(head) || /<(?:[\w-]+:)?BkToCstmr(?:Stmt|DbtCdtNtfctn|AcctRpt)\b/.test(head)) return 'camt';
  }
  return undefined;
}

/** The format or a one-line ParseError naming what was seen and what is read. */
export function requireBankSyntax(text: string): BankSyntax {
  const syntax = identifyBankText(text);
  if (syntax) return syntax;
  const head = text.slice(0, 4096).replace(/^[\s\ufeff\0\x01\x03]+/, '');
  if (head === '') throw new ParseError('the file holds only blank space');
  if (head.startsWith('<') && /<!DOCTYPE/i.test(head)) throw new ParseError('the XML declares a DOCTYPE: refused (no DTDs or entity definitions are read)');
  const what = head.startsWith('<') ? 'XML that is not an ISO 20022 camt.052/053/054 document or OFX' : 'not a bank statement';
  throw new ParseError(`${what}: starts with "${printable(head, 32)}"`, 'bank files are read as BAI2, camt.052/053/054, MT940/MT942 or OFX');
}
