/**
 * Seeded generators of large bank files for the scale measurement: a BAI2 file and a
 * camt.053 file with `entries` entries spread over `accounts` accounts, written to `path` in
 * chunks (the file is never held whole). The entry mix imitates the shared samples: ACH
 * credits with three 88 continuations and CTX addenda, checks paid, wires, deposits, fees.
 * Totals and balances are computed so the files check out.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Random } from '../../../../src/tools/samplegen/random.js';

class ChunkWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    const chunk = this.parts.join('');
    this.bytes += writeSync(this.fd, chunk, null, 'latin1');
    this.parts = [];
    this.size = 0;
  }
}

const PAYERS = ['Amazon.com Services LLC', 'Walmart Inc.', 'Target Corporation', 'Home Depot U.S.A., Inc.', 'Blue Heron Markets Inc', 'North Star Foods LLC'];

/** A 16 record and its text, broken into 88s between words so no physical record passes 80 characters. */
function detailRecord(head: string, text: string): string[] {
  const lines: string[] = [];
  let line = head;
  for (const word of text.split(' ')) {
    const joined = line.endsWith(',') ? `${line}${word}` : `${line} ${word}`;
    if (joined.length > 80) {
      lines.push(line);
      line = `88,${word}`;
    } else line = joined;
  }
  lines.push(line);
  return lines;
}

interface Generated {
  bytes: number;
  entries: number;
}

/** A BAI2 file: one group, `accounts` accounts, `entries` 16 records (with their 88s). */
export function writeBai2(path: string, entries: number, accounts: number, seed = 16): Generated {
  const random = new Random(seed);
  const out = new ChunkWriter(path);
  out.write('01,071000013,NORTHWINDFOODS,250301,0506,1,80,,2/\n02,NORTHWINDFOODS,071000013,1,250228,2400,USD,2/\n');
  let fileRecords = 2;
  let groupTotal = 0;
  let ref = 0;
  const perAccount = Math.ceil(entries / accounts);
  let written = 0;
  for (let a = 0; a < accounts && written < entries; a += 1) {
    const lines: string[] = [];
    let credits = 0;
    let debits = 0;
    let control = 0;
    let records = 0;
    const push = (line: string) => {
      lines.push(line);
      records += 1;
    };
    // The 03 record comes first but holds the totals: write the details into a buffer per account.
    const n = Math.min(perAccount, entries - written);
    const body: string[] = [];
    for (let i = 0; i < n; i += 1) {
      ref += 1;
      const bankRef = `AC25022${String(ref).padStart(8, '0')}`;
      const pick = random.next();
      const payer = random.pick(PAYERS);
      const customer = random.digits(10);
      const trace = random.digits(15);
      let amount: number;
      let detail: string[];
      if (pick < 0.6) {
        amount = random.int(1_000, 9_000_000);
        credits += amount;
        detail = detailRecord(
          `16,165,${amount},0,${bankRef},${customer},`,
          `ORIG CO NAME:${payer} ORIG ID:${random.digits(10)} DESC DATE:250228 CO ENTRY DESCR:EDI PAYMNT SEC:CTX TRACE#:${trace} EED:250228 IND ID:${customer} IND NAME:NORTHWIND FOODS INC PMT INFO:TRN*1*${customer}*${random.digits(10)}\\`,
        );
      } else if (pick < 0.8) {
        amount = random.int(1_000, 500_000);
        debits += amount;
        detail = [`16,475,${amount},0,${bankRef},${random.digits(5)},CHECK PAID`];
      } else if (pick < 0.9) {
        amount = random.int(100_000, 90_000_000);
        credits += amount;
        detail = detailRecord(`16,195,${amount},0,${bankRef},${customer},`, `SWIFT MT103 CREDIT B/O: ${payer} ORD INST: CSCBUS6SXXX CASCADE CORPORATE BANK REMI: PAYMENT ${customer}`);
      } else if (pick < 0.95) {
        amount = random.int(10_000, 5_000_000);
        credits += amount;
        detail = [`16,301,${amount},1,${bankRef},${random.digits(6)},REMOTE DEPOSIT ${random.int(1, 4)} ITEMS DEP ID ${random.digits(6)}`];
      } else {
        amount = random.int(100, 50_000);
        debits += amount;
        detail = [`16,698,${amount},0,${bankRef},,MISCELLANEOUS FEES`];
      }
      control += amount;
      body.push(...detail);
    }
    const opening = random.int(0, 1_000_000_000);
    const closing = opening + credits - debits;
    push(`03,${String(3849100273 + a)},USD,010,${opening},,,015,${closing},,/`);
    control += opening + closing;
    out.write(`${lines.join('\n')}\n`);
    for (let i = 0; i < body.length; i += 10_000) out.write(`${body.slice(i, i + 10_000).join('\n')}\n`);
    records += body.length + 1;
    out.write(`49,${control},${records}/\n`);
    groupTotal += control;
    fileRecords += records;
    written += n;
  }
  out.write(`98,${groupTotal},${accounts},${fileRecords}/\n`);
  out.write(`99,${groupTotal},1,${fileRecords + 2}/\n`);
  out.close();
  return { bytes: out.bytes, entries: written };
}

function decimal(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** A camt.053.001.08 file: one statement per account, `entries` Ntry elements like the samples'. */
export function writeCamt053(path: string, entries: number, accounts: number, seed = 53): Generated {
  const random = new Random(seed);
  const out = new ChunkWriter(path);
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">\n<BkToCstmrStmt>\n<GrpHdr><MsgId>SCALE-053</MsgId><CreDtTm>2025-03-01T05:00:00</CreDtTm></GrpHdr>\n');
  const perAccount = Math.ceil(entries / accounts);
  let written = 0;
  let ref = 0;
  for (let a = 0; a < accounts && written < entries; a += 1) {
    const n = Math.min(perAccount, entries - written);
    // Balances need the sum first: draw the amounts, then write.
    const amounts: number[] = [];
    let net = 0;
    for (let i = 0; i < n; i += 1) {
      const amount = random.chance(0.7) ? random.int(1_000, 9_000_000) : -random.int(1_000, 500_000);
      amounts.push(amount);
      net += amount;
    }
    const opening = random.int(0, 1_000_000_000);
    const balance = (code: string, minor: number) =>
      `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="USD">${decimal(Math.abs(minor))}</Amt><CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>2025-02-28</Dt></Dt></Bal>\n`;
    out.write(`<Stmt>\n<Id>${3849100273 + a}-20250228</Id>\n<Acct><Id><Othr><Id>${3849100273 + a}</Id></Othr></Id><Ccy>USD</Ccy><Svcr><FinInstnId><ClrSysMmbId><ClrSysId><Cd>USABA</Cd></ClrSysId><MmbId>071000013</MmbId></ClrSysMmbId></FinInstnId></Svcr></Acct>\n`);
    out.write(balance('OPBD', opening) + balance('CLBD', opening + net));
    for (const amount of amounts) {
      ref += 1;
      const credit = amount > 0;
      const customer = random.digits(10);
      out.write(
        `<Ntry>
  <NtryRef>${ref}</NtryRef>
  <Amt Ccy="USD">${decimal(Math.abs(amount))}</Amt>
  <CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>
  <Sts><Cd>BOOK</Cd></Sts>
  <BookgDt><Dt>2025-02-28</Dt></BookgDt>
  <ValDt><Dt>2025-02-28</Dt></ValDt>
  <AcctSvcrRef>AC25022${String(ref).padStart(8, '0')}</AcctSvcrRef>
  <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${credit ? 'RCDT' : 'ICHQ'}</Cd><SubFmlyCd>${credit ? 'ACDT' : 'CCHQ'}</SubFmlyCd></Fmly></Domn><Prtry><Cd>${credit ? '165' : '475'}</Cd><Issr>BAI</Issr></Prtry></BkTxCd>
  <NtryDtls>
    <TxDtls>
      <Refs><EndToEndId>${customer}</EndToEndId><ClrSysRef>${random.digits(15)}</ClrSysRef></Refs>
      <Amt Ccy="USD">${decimal(Math.abs(amount))}</Amt>
      <CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>
      <RltdPties><${credit ? 'Dbtr' : 'Cdtr'}><Pty><Nm>${random.pick(PAYERS).replace('&', '&amp;')}</Nm></Pty></${credit ? 'Dbtr' : 'Cdtr'}></RltdPties>
      <RltdAgts><${credit ? 'DbtrAgt' : 'CdtrAgt'}><FinInstnId><ClrSysMmbId><ClrSysId><Cd>USABA</Cd></ClrSysId><MmbId>021000021</MmbId></ClrSysMmbId></FinInstnId></${credit ? 'DbtrAgt' : 'CdtrAgt'}></RltdAgts>
      <RmtInf><Ustrd>PAYMENTS ${customer}</Ustrd></RmtInf>
    </TxDtls>
  </NtryDtls>
  <AddtlNtryInf>ACH CREDIT CCD PAYMENTS</AddtlNtryInf>
</Ntry>
`,
      );
    }
    out.write('</Stmt>\n');
    written += n;
  }
  out.write('</BkToCstmrStmt>\n</Document>\n');
  out.close();
  return { bytes: out.bytes, entries: written };
}
