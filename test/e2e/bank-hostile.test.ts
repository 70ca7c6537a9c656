/**
 * Hostile bank files through `remit bank import` (the built binary): a file cut short, control
 * totals that are off, a file that is not a bank statement, XML that is not well formed, an
 * XML entity bomb. Each is one line on stderr naming the file, exit 1, and nothing of it in
 * the ledger; the original is kept in inbox/. Totals that are off are imported with a
 * diagnostic by default and refused with --strict. A good file beside them still imports.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, parseCsv, remit, removeDir, tempDir } from '../support/cli.js';

const GOOD = ['01,NWF,LAKESHORE,241001,0600,1,80,,2/', '02,NWF,071000013,1,241001,0600,USD,2/', '03,3849100273,USD,010,100000,,,015,150000,,/',
  '16,165,50000,0,AC1,REF1/', '49,300000,3/', '98,300000,1,5/', '99,300000,1,7/'].join('\n');
const CAMT_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const BOMB = `${CAMT_HEAD}<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>&c;</MsgId></GrpHdr></BkToCstmrStmt></Document>`;
const BROKEN = `${CAMT_HEAD}<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr><Stmt><Id>1</Id><Acct><Id><Othr><Id>1</Id></Othr></Id>`;

let home: string;
let dir: string;
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const entries = () => parseCsv(remit(['report', 'cash', '--format', 'csv'], { home }).stdout).filter((r) => r['kind'] === 'bank-entry');

describe('hostile bank files', () => {
  beforeAll(() => {
    home = newWorkspace('NWF');
    dir = tempDir('remit-bank-hostile-');
  });
  afterAll(() => {
    removeDir(home);
    removeDir(dir);
  });

  it.each([
    ['cut-short.bai', GOOD.split('\n').slice(0, 4).join('\n'), /cut-short\.bai: .*(end|missing|cut|99)/i],
    ['not-a-statement.bai', 'Dear supplier, please find our payment attached.\n', /not a bank statement/],
    ['broken.xml', BROKEN, /broken\.xml: /],
    ['bomb.xml', BOMB, /bomb\.xml: .*DOCTYPE/],
    ['empty.sta', '\n\n', /blank space/],
  ])('%s: one line, exit 1, nothing kept in the ledger, the original in inbox/', (name, text, message) => {
    const before = readdirSync(join(home, 'inbox'), { recursive: true }).length;
    const result = remit(['bank', 'import', file(name, text)], { home });
    expect(result.code).toBe(1);
    const failed = result.stderr.split('\n').filter((line) => /failed {3,}/.test(line));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(entries()).toEqual([]);
    expect(readdirSync(join(home, 'inbox'), { recursive: true }).length).toBeGreaterThan(before);
  });

  it('totals that are off: refused with --strict (nothing kept), imported with a diagnostic by default (exit 1)', () => {
    const off = file('totals-off.bai', GOOD.replace('49,300000,3/', '49,300001,3/'));
    const strict = remit(['bank', 'import', '--strict', off], { home });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/failed +totals-off\.bai: .*total/i);
    expect(entries()).toEqual([]);
    const lenient = remit(['bank', 'import', off], { home });
    expect(lenient.code).toBe(1);
    expect(lenient.stderr).toMatch(/imported +totals-off\.bai: bai2, 1 statement\(s\), 1 new entry; \d+ diagnostic\(s\), the first: .*total/i);
    expect(entries().map((e) => e['entry_ref'])).toEqual(['AC1']);
  });

  it('a good file beside a hostile one is imported; the same entry from another file is recognised', () => {
    const good = file('good.bai', GOOD.replace('AC1', 'AC2').replace('49,300000', '49,300000'));
    const bomb = file('bomb2.xml', BOMB.replace('<MsgId>', '<MsgId>2'));
    const result = remit(['bank', 'import', bomb, good], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/imported +good\.bai: bai2, 1 statement\(s\), 1 new entry/);
    // The same statement again in a file with other bytes (a re-download): known, no entry twice.
    const again = remit(['bank', 'import', file('good-again.bai', `${GOOD.replace('AC1', 'AC2')}\n`)], { home });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/0 new entries, 1 already in the ledger/);
    expect(entries().map((e) => e['entry_ref']).sort()).toEqual(['AC1', 'AC2']);
  });
});
