/**
 * The streaming readers against the whole-file readers: every CSV and X12 file we have, cut
 * into chunks of many sizes (1 byte upwards, so every boundary falls inside a quoted field,
 * a multi-byte character, a CRLF or a segment terminator somewhere), must give the same
 * payments and the same problems.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRemittanceFile, streamRemittanceFile } from '../../src/parsers/index.js';
import { NotStreamable } from '../../src/parsers/stream.js';
import type { ParseOptions } from '../../src/parsers/types.js';
import { parseOptions } from '../support/parse-options.js';
import { SAMPLES } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SIZES = [1, 3, 7, 64, 1000, 1 << 20];

function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

type Outcome = { format: string; remittances: unknown; diagnostics: unknown } | { error: string };

async function whole(bytes: Uint8Array, options: ParseOptions): Promise<Outcome> {
  try {
    const result = await parseRemittanceFile(bytes, options);
    return { format: result.format, remittances: result.remittances, diagnostics: sorted(result.diagnostics) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function streamed(bytes: Uint8Array, size: number, options: ParseOptions): Outcome | 'not streamable' {
  try {
    const stream = streamRemittanceFile(bytes.subarray(0, 65_536), chunksOf(bytes, size), options);
    if (!stream) throw new Error('no stream for this format');
    const remittances = [...stream.remittances];
    return { format: stream.format, remittances, diagnostics: sorted(stream.diagnostics()) };
  } catch (err) {
    if (err instanceof NotStreamable) return 'not streamable';
    return { error: (err as Error).message };
  }
}

/** The stream lists problems in file order; the whole-file reader lists segment problems first. */
function sorted<T>(list: T[]): T[] {
  return [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function filesIn(folder: string, pattern: RegExp): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => pattern.test(name)).map((name) => join(folder, name)) : [];
}

const files = [
  ...filesIn(join(SAMPLES, 'remittances'), /\.(csv|edi)$/i),
  ...filesIn(join(ROOT, 'fixtures/demo/remittances'), /\.(csv|edi|txt)$/i),
  ...filesIn(join(ROOT, 'fixtures/parsers/x12'), /\.edi$/i),
];

describe('streaming readers give what the whole-file readers give', () => {
  it('has files to compare', () => {
    expect(files.filter((file) => file.endsWith('.csv')).length).toBeGreaterThan(3);
    expect(files.filter((file) => file.endsWith('.edi')).length).toBeGreaterThan(5);
  });

  for (const file of files) {
    it(file.slice(file.lastIndexOf('/') + 1), async () => {
      const optionsFile = file.replace(/\.edi$/, '.options.json');
      const overrides = optionsFile !== file && existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
      const options = parseOptions(file, { payer: 'P', ...overrides });
      const bytes = readFileSync(file);
      const expected = await whole(bytes, options);
      for (const size of SIZES) expect(streamed(bytes, size, options), `chunks of ${size}`).toEqual(expected);
    });
  }
});

const HEADER = 'Invoice Number,Invoice Date,Amount Paid,Payment Number,Payment Date,Description\n';
/** These files' dates (01/02/2026, 02/01/2026) read both ways: the payer's known order reads them, as remit.yaml would set it. */
const MDY = { payer: 'P', knownDateOrder: 'mdy' } as const;

describe('streaming CSV edge cases', () => {
  const cases: Record<string, string> = {
    'quoted line breaks and quotes': `${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,"two\nlines, and a ""quote"""\nINV-2,01/03/2026,"1,234.50",P1,02/01/2026,"x\r\ny"\n`,
    'CRLF throughout': HEADER.replace('\n', '\r\n') + 'INV-1,01/02/2026,10.00,P1,02/01/2026,a\r\nINV-2,01/02/2026,11.00,P2,02/02/2026,b\r\n',
    'no final line break': `${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,a\nINV-2,01/02/2026,11.00,P1,02/01/2026,b`,
    'multi-byte text': `${HEADER}INV-é1,01/02/2026,10.00,P1,02/01/2026,Café ☕ 東京\nINV-2,01/02/2026,11.00,P1,02/01/2026,naïve\n`,
    'title rows and a totals row': `Acme Remittance\n\n${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,a\nTotal,,10.00,,,\n`,
    'a bad amount near the end': `${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,a\nINV-2,01/02/2026,ten,P1,02/01/2026,b\n`,
    'a missing closing quote': `${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,"a\nINV-2,01/02/2026,11.00,P1,02/01/2026,b\n`,
    'only a header': HEADER,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, async () => {
      const bytes = new TextEncoder().encode(text);
      const options = parseOptions('edge.csv', MDY);
      const expected = await whole(bytes, options);
      for (const size of SIZES) {
        const got = streamed(bytes, size, options);
        // A stray quote may send the file to the whole-file reader: allowed, never a different answer.
        if (got !== 'not streamable' || !('error' in expected)) expect(got, `chunks of ${size}`).toEqual(expected);
      }
    });
  }

  it('UTF-16 with a BOM streams like the whole file', async () => {
    const text = `${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,Ünïcode\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const options = parseOptions('utf16.csv', MDY);
    const expected = await whole(bytes, options);
    expect('remittances' in expected).toBe(true);
    for (const size of SIZES) expect(streamed(bytes, size, options)).toEqual(expected);
  });

  it('Windows-1252 text is handed to the whole-file reader', () => {
    const bytes = Buffer.from(`${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,caf\xe9\n`, 'latin1');
    expect(streamed(bytes, 1 << 20, parseOptions('cp1252.csv', MDY))).toBe('not streamable');
  });

  it('a payment whose rows are apart is handed to the whole-file reader', async () => {
    const text = `${HEADER}INV-1,01/02/2026,10.00,P1,02/01/2026,a\nINV-2,01/02/2026,11.00,P2,02/01/2026,b\nINV-3,01/02/2026,12.00,P1,02/01/2026,c\n`;
    const bytes = new TextEncoder().encode(text);
    const options = parseOptions('apart.csv', MDY);
    expect(streamed(bytes, 1 << 20, options)).toBe('not streamable');
    const expected = await whole(bytes, options);
    expect('remittances' in expected && (expected.remittances as unknown[]).length).toBe(2);
  });
});

describe('streaming X12 edge cases', () => {
  const isa = 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*SUPPLIER       *240920*1200*U*00401*000000001*0*P*>~';
  const tx = (st: string, ref: string) =>
    [`ST*820*${st}`, 'BPR*C*30*C*ACH*CCP*01*1*DA*1*1**01*1*DA*1*20240920', `TRN*1*${ref}*1`, 'RMR*IV*INV-1**10', 'RMR*IV*INV-2**20', `SE*6*${st}`].join('~\n');
  it('an interchange cut short fails as the whole-file reader fails', async () => {
    const text = `${isa}\nGS*RA*P*S*20240920*1200*1*X*004010~\n${tx('0001', 'P1')}~\n`;
    const bytes = new TextEncoder().encode(text);
    const options = parseOptions('cut.edi', { payer: 'P' });
    const expected = await whole(bytes, options);
    expect('error' in expected && expected.error).toMatch(/no IEA/);
    for (const size of SIZES) expect(streamed(bytes, size, options)).toEqual(expected);
  });
  it('a bad SE count drops that transaction only, in both readers', async () => {
    const bad = tx('0002', 'P2').replace('SE*6*0002', 'SE*9*0002');
    const text = `${isa}\nGS*RA*P*S*20240920*1200*1*X*004010~\n${tx('0001', 'P1')}~\n${bad}~\nGE*2*1~\nIEA*1*000000001~\n`;
    const bytes = new TextEncoder().encode(text);
    const options = parseOptions('se.edi', { payer: 'P' });
    const expected = await whole(bytes, options);
    expect('remittances' in expected && (expected.remittances as unknown[]).length).toBe(1);
    for (const size of SIZES) expect(streamed(bytes, size, options)).toEqual(expected);
  });
});
