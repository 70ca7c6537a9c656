/**
 * Hostile and broken camt XML: not XML, cut short, entity bombs (billion laughs, external
 * entities, a large entity used many times), undefined entities, deep nesting, huge text,
 * balances and summaries off, bad entries. Entity expansion is never done: a DOCTYPE is
 * refused before the parser sees it.
 */
import { describe, expect, it } from 'vitest';
import { expectOneLine, parse, parseError } from '../support/bank-hostile.js';

const NS = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08';

function entry(ref: string, amount: string, indicator: 'CRDT' | 'DBIT'): string {
  return `<Ntry><Amt Ccy="USD">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2025-03-05</Dt></BookgDt><ValDt><Dt>2025-03-05</Dt></ValDt><AcctSvcrRef>${ref}</AcctSvcrRef></Ntry>`;
}

function camt(options: { opening?: string; closing?: string; entries?: string[]; summary?: string; before?: string } = {}): string {
  const entries = options.entries ?? [entry('R1', '100.00', 'CRDT'), entry('R2', '40.00', 'DBIT')];
  const balance = (code: string, amount: string) => `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="USD">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-03-05</Dt></Dt></Bal>`;
  return `${options.before ?? '<?xml version="1.0" encoding="UTF-8"?>'}
<Document xmlns="${NS}"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2025-03-06T05:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><Othr><Id>0044712096</Id></Othr></Id><Ccy>USD</Ccy></Acct>
${balance('OPBD', options.opening ?? '1000.00')}${balance('CLBD', options.closing ?? '1060.00')}${options.summary ?? ''}
${entries.join('\n')}
</Stmt></BkToCstmrStmt></Document>
`;
}

describe('camt hostile input', () => {
  it('a well-formed statement reads clean in strict mode', () => {
    const result = parse(camt(), { strict: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.statements[0]!.entries.map((e) => e.amountMinor)).toEqual([10000, -4000]);
  });

  it('not XML at all, markup that is not camt, another ISO 20022 message', () => {
    expect(parseError(() => parse('<<<>>> this is not xml')).message).toMatch(/^XML that is not an ISO 20022 camt\.052\/053\/054 document or OFX: starts with/);
    expect(parseError(() => parse('<html><body>statement</body></html>')).message).toMatch(/^XML that is not an ISO 20022/);
    expect(parseError(() => parse(`<Document xmlns="${NS}"><CstmrCdtTrfInitn/></Document>`)).message).toBe('<Document> holds <CstmrCdtTrfInitn>, not a camt.052, camt.053 or camt.054 message');
  });

  it('cut short in the middle of an entry: not well-formed, nothing kept', () => {
    const text = camt();
    const cut = text.slice(0, text.indexOf('<AcctSvcrRef>R2'));
    expect(parseError(() => parse(cut)).message).toMatch(/^not well-formed XML: \d+:\d+: unclosed tag: /);
  });

  it('billion laughs: the DOCTYPE is refused before any entity is looked at', () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('');
    const bomb = camt({ before: `<?xml version="1.0"?><!DOCTYPE Document [${lol}]>` }).replace('<MsgId>M1</MsgId>', '<MsgId>&lol9;</MsgId>');
    const started = Date.now();
    expect(parseError(() => parse(bomb)).message).toMatch(/^the XML declares a DOCTYPE at character 22: refused/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('one large entity used many times (no nesting) is refused the same way', () => {
    const big = `<!DOCTYPE d [<!ENTITY big "${'x'.repeat(10_000)}">]>`;
    const text = camt({ before: `<?xml version="1.0"?>${big}` }).replace('<MsgId>M1</MsgId>', `<MsgId>${'&big;'.repeat(10_000)}</MsgId>`);
    expect(parseError(() => parse(text)).message).toMatch(/DOCTYPE.*refused/);
  });

  it('external entities (XXE) are refused', () => {
    const text = camt({ before: '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' }).replace('<MsgId>M1</MsgId>', '<MsgId>&xxe;</MsgId>');
    expect(parseError(() => parse(text)).message).toMatch(/DOCTYPE.*refused/);
  });

  it('an entity reference with no DOCTYPE is an undefined entity, never expanded', () => {
    const text = camt().replace('<MsgId>M1</MsgId>', '<MsgId>&lol9;</MsgId>');
    expect(parseError(() => parse(text)).message).toMatch(/^not well-formed XML: .*undefined entity/);
  });

  it('character references and the five XML entities are read, each one character', () => {
    const text = camt().replace('<Id>S1</Id>', '<Id>S&#49;&amp;&lt;&#x41;</Id>');
    expect(parse(text).statements[0]!.statementId).toBe('S1&<A');
  });

  it('nesting deeper than limits.maxXmlDepth stops at once', () => {
    const text = camt({ entries: [`${'<Ntry>'.repeat(100_000)}`] });
    const error = parseError(() => parse(text));
    expect(error.message).toMatch(/^XML nested deeper than 64 elements at line \d+$/);
    expect(error.hint).toBe('raise limits.maxXmlDepth to read it');
  });

  it('a text longer than limits.maxFieldChars is refused before parsing', () => {
    const text = camt().replace('<Id>S1</Id>', `<Id>${'9'.repeat(100_000)}</Id>`);
    expect(parseError(() => parse(text)).message).toMatch(/^more than 65536 characters of XML without markup at character \d+$/);
  });

  it('opening + entries not the closing balance: an error with the statement; strict fails', () => {
    const text = camt({ closing: '1061.00' });
    const result = parse(text);
    expectOneLine(result);
    expect(result.diagnostics).toEqual([
      { level: 'error', message: 'opening balance 100000 + booked entries 6000 is 106000, not the closing balance 106100 (off by 100)', location: 'line 3 (statement S1)' },
    ]);
    expect(parseError(() => parse(text, { strict: true })).message).toBe('line 3 (statement S1): opening balance 100000 + booked entries 6000 is 106000, not the closing balance 106100 (off by 100)');
  });

  it('TxsSummry counts, sums and net off are each reported', () => {
    const summary =
      '<TxsSummry><TtlNtries><NbOfNtries>3</NbOfNtries><Sum>150.00</Sum><TtlNetNtry><Amt>70.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TtlNetNtry></TtlNtries>' +
      '<TtlCdtNtries><NbOfNtries>1</NbOfNtries><Sum>100.00</Sum></TtlCdtNtries><TtlDbtNtries><NbOfNtries>2</NbOfNtries><Sum>40.00</Sum></TtlDbtNtries></TxsSummry>';
    expect(parse(camt({ summary })).diagnostics.map((d) => d.message)).toEqual([
      'TxsSummry/TtlNtries/NbOfNtries is 3, there are 2 all entries',
      'TxsSummry/TtlNtries/Sum is 15000, the all entries sum to 14000',
      'TxsSummry/TtlDbtNtries/NbOfNtries is 2, there are 1 debit entries',
      'TxsSummry/TtlNtries/TtlNetNtry is 7000, the entries net to 6000',
    ]);
  });

  it('an entry with a bad amount, indicator or currency is skipped with an error; the check then fails too', () => {
    const entries = [entry('R1', '100.00', 'CRDT'), entry('R2', '40,00', 'DBIT'), entry('R3', '1.00', 'CRDT').replace('CRDT', 'CREDIT'), entry('R4', '1.005', 'CRDT')];
    const result = parse(camt({ entries, closing: '1100.00' }));
    expect(result.statements[0]!.entries.map((e) => e.bankRef)).toEqual(['R1']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'Amt (line 6): not an amount: "40,00"; entry skipped',
      'CdtDbtInd is "CREDIT", not CRDT or DBIT; entry skipped',
      'Amt (line 8): more than 2 decimals after ".": "1.005" for USD; entry skipped',
    ]);
  });

  it('a currency that is not ISO 4217 is refused for that entry', () => {
    const result = parse(camt({ entries: [entry('R1', '100.00', 'CRDT').replace('Ccy="USD"', 'Ccy="ZZZ"')], closing: '1000.00' }));
    expect(result.diagnostics.map((d) => d.message)).toEqual(['Amt (line 5): unknown currency "ZZZ": its decimals are not known; entry skipped']);
  });
});
