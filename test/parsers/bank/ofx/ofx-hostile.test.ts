/**
 * Hostile and broken OFX: cut short, DOCTYPE/ENTITY declarations, close tags that close
 * nothing, deep nesting, huge values, a bank status that is not success, bad amounts and
 * dates. Entities other than the five XML ones are left as written.
 */
import { describe, expect, it } from 'vitest';
import { parse, parseError } from '../support/bank-hostile.js';

function ofx(transactions: string, options: { status?: string; currency?: string } = {}): string {
  return `OFXHEADER:100
DATA:OFXSGML
VERSION:102

<OFX>
<BANKMSGSRSV1>
<STMTTRNRS>
<TRNUID>1
<STATUS><CODE>${options.status ?? '0'}<SEVERITY>INFO</STATUS>
<STMTRS>
<CURDEF>${options.currency ?? 'USD'}
<BANKACCTFROM><BANKID>122000661<ACCTID>0044712096<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20250301<DTEND>20250306
${transactions}
</BANKTRANLIST>
<LEDGERBAL><BALAMT>100.00<DTASOF>20250306</LEDGERBAL>
</STMTRS>
</STMTTRNRS>
</BANKMSGSRSV1>
</OFX>
`;
}

const TRN = '<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20250305<TRNAMT>12.50<FITID>F1<NAME>ACME &amp; SONS &copy;</STMTTRN>';

describe('OFX hostile input', () => {
  it('a well-formed SGML statement reads clean in strict mode; unknown entities are left as written', () => {
    const result = parse(ofx(TRN), { strict: true });
    expect(result.diagnostics).toEqual([]);
    const entry = result.statements[0]!.entries[0]!;
    expect([entry.bankRef, entry.amountMinor, entry.text]).toEqual(['F1', 1250, 'ACME & SONS &copy;']);
  });

  it('cut short: an aggregate left open is a ParseError', () => {
    const text = ofx(TRN);
    expect(parseError(() => parse(text.slice(0, text.indexOf('</BANKTRANLIST>')))).message).toBe(
      'the file ends inside <BANKTRANLIST> (opened OFX > BANKMSGSRSV1 > STMTTRNRS > STMTRS > BANKTRANLIST): it is cut short',
    );
    expect(parseError(() => parse(text.slice(0, text.indexOf('<FITID>') + 3))).message).toMatch(/^a tag at line 14 never ends: the file is cut short$/);
  });

  it('DOCTYPE and ENTITY declarations are refused', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE OFX [<!ENTITY a "b">]>\n<?OFX OFXHEADER="200" VERSION="220"?>\n<OFX></OFX>';
    expect(parseError(() => parse(xml)).message).toMatch(/DOCTYPE.*refused/);
    expect(parseError(() => parse(ofx(TRN).replace('<OFX>', '<OFX><!ENTITY x "y">'))).message).toMatch(/^the OFX file declares <!ENTITY x "y"…> at line 5: refused/);
  });

  it('a close tag that closes nothing open', () => {
    expect(parseError(() => parse(ofx(`${TRN}</STMTRSX>`))).message).toBe('</STMTRSX> at line 14 closes nothing that is open');
  });

  it('nesting deeper than limits.maxXmlDepth, a value longer than limits.maxFieldChars', () => {
    expect(parseError(() => parse(ofx('<A>'.repeat(10_000)))).message).toMatch(/^OFX nested deeper than 64 elements at line 14$/);
    expect(parseError(() => parse(ofx(TRN.replace('ACME', 'A'.repeat(70_000))))).message).toMatch(/^more than 65536 characters of text at line 14$/);
  });

  it('a bank status other than success is an error; strict fails', () => {
    const result = parse(ofx(TRN, { status: '2000' }));
    expect(result.diagnostics).toEqual([{ level: 'error', message: 'the bank reports statement status 2000 (INFO)', location: 'line 7' }]);
    expect(parseError(() => parse(ofx(TRN, { status: '2000' }), { strict: true })).message).toBe('line 7: the bank reports statement status 2000 (INFO)');
  });

  it('bad amounts and dates skip the transaction with an error; no FITID is a warning', () => {
    const bad = [
      TRN.replace('12.50', '12.5.0').replace('F1', 'F2'),
      TRN.replace('20250305', '2025-03-05').replace('F1', 'F3'),
      TRN.replace('<FITID>F1', ''),
    ].join('\n');
    const result = parse(ofx(bad));
    expect(result.diagnostics.map((d) => `${d.level}: ${d.message}`)).toEqual([
      'error: TRNAMT: not an amount: "12.5.0"; entry skipped',
      'error: DTPOSTED "2025-03-05" is not an OFX date; entry skipped',
      'warning: STMTTRN has no FITID (bank reference)',
    ]);
  });

  it('a CURDEF that is not ISO 4217 is refused', () => {
    expect(parseError(() => parse(ofx(TRN, { currency: 'DOLLARS' }))).message).toBe('the statement at line 10 has CURDEF "DOLLARS", not an ISO 4217 currency: its amounts cannot be read');
  });
});
