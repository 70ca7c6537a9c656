/**
 * Hostile messages: MIME bombs (deep nesting, thousands of parts), a huge base64 part, bad
 * encodings and charsets, ZIP bombs (ratio, lying sizes, nesting, entries, total), file names
 * that try to leave their folder. Each is refused with one line naming the limit to raise,
 * or read without harm; none crashes, hangs or exhausts memory.
 */
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../src/fetch/evidence/zip.js';
import { DEFAULT_MAIL_LIMITS, MailLimitError, type MailLimits } from '../../src/mail/limits.js';
import { htmlTables } from '../../src/mail/parts/html-tables.js';
import { remittanceParts } from '../../src/mail/parts/remittance-parts.js';
import { readMessage } from '../../src/mail/reading/read-message.js';

const CSV = 'Invoice Number,Amount Paid,Payment Number,Payment Date\r\nINV-1,10.00,P-1,10/01/2024\r\n';
const head = (extra = '') => `From: attacker@evil.example\r\nTo: ar@northwind.test\r\nSubject: hostile\r\nMessage-ID: <h@evil.example>\r\nMIME-Version: 1.0\r\n${extra}`;
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64').replace(/(.{76})/g, '$1\r\n');

function withAttachments(parts: Array<{ name: string; type?: string; bytes: Uint8Array | string }>): Buffer {
  let body = head('Content-Type: multipart/mixed; boundary="b"\r\n') + '\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n';
  for (const part of parts) {
    body += `--b\r\nContent-Type: ${part.type ?? 'application/octet-stream'}\r\nContent-Disposition: attachment; filename="${part.name.replace(/["\\]/g, '\\$&')}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(part.bytes)}\r\n`;
  }
  return Buffer.from(`${body}--b--\r\n`, 'utf8');
}

async function refusal(bytes: Uint8Array, limits: Partial<MailLimits> = {}, stage: 'read' | 'parts' = 'read'): Promise<MailLimitError> {
  const settings = { ...DEFAULT_MAIL_LIMITS, ...limits };
  const err = await (async () => {
    const message = await readMessage(bytes, settings);
    if (stage === 'parts') remittanceParts(message, { limits: settings });
  })().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(MailLimitError);
  const message = (err as Error).message;
  expect(message).not.toMatch(/\n/);
  expect(message).toMatch(/\(limits\.max_[a-z_]+\)$/);
  return err as MailLimitError;
}

describe('MIME bombs', () => {
  it('multipart nested 300 deep: refused at the depth limit', async () => {
    let body = '';
    for (let i = 0; i < 300; i += 1) body += `Content-Type: multipart/mixed; boundary="d${i}"\r\n\r\n--d${i}\r\n`;
    body += 'Content-Type: text/plain\r\n\r\nx\r\n';
    for (let i = 299; i >= 0; i -= 1) body += `--d${i}--\r\n`;
    const deep = await refusal(Buffer.from(head() + body));
    expect(deep.limit).toBe('maxDepth');
    expect(deep.message).toBe('MIME parts nested inside each other: more than the limit of 12 (limits.max_message_depth)');
  });

  it('20,000 parts in one multipart: counted and refused before parsing', async () => {
    const parts = Array.from({ length: 20_000 }, (_, i) => `--many\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`).join('');
    const started = Date.now();
    const err = await refusal(Buffer.from(`${head('Content-Type: multipart/mixed; boundary="many"\r\n')}\r\n${parts}--many--\r\n`));
    expect(err.message).toBe('MIME parts in the message: 20,001 is over the limit of 500 (limits.max_message_parts)');
    expect(Date.now() - started).toBeLessThan(2000);
    // Declared boundaries count too: 600 nested multiparts are refused before any delimiter is counted.
    const nested = Array.from({ length: 600 }, (_, i) => `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`).join('');
    expect((await refusal(Buffer.from(head() + nested))).message).toBe('MIME parts in the message: 600 is over the limit of 500 (limits.max_message_parts)');
  });

  it('messages forwarded inside messages 20 deep: refused at the depth limit', async () => {
    let message = `${head('Content-Type: text/plain\r\n')}\r\nthe innermost\r\n`;
    for (let i = 0; i < 20; i += 1) message = `${head('Content-Type: multipart/mixed; boundary="f' + i + '"\r\n')}\r\n--f${i}\r\nContent-Type: message/rfc822\r\n\r\n${message}\r\n--f${i}--\r\n`;
    const err = await refusal(Buffer.from(message));
    expect(err.limit).toBe('maxDepth');
    expect(err.message).toMatch(/^messages forwarded inside messages: 13 is over the limit of 12/);
  });

  it('150 small attachments: over the attachment count', async () => {
    const err = await refusal(withAttachments(Array.from({ length: 150 }, (_, i) => ({ name: `a${i}.csv`, bytes: CSV }))));
    expect(err.message).toBe('attachments in the message: 150 is over the limit of 100 (limits.max_attachments)');
  });

  it('a huge base64 part (30 MB decoded) is over the attachment size; a message over the message size is not parsed at all', async () => {
    const huge = withAttachments([{ name: 'huge.csv', bytes: Buffer.alloc(30 * 1024 * 1024, 0x41) }]);
    const err = await refusal(huge);
    expect(err.message).toBe('attachment "huge.csv": 30 MB is over the limit of 25 MB (limits.max_attachment_mb)');
    const big = await refusal(huge, { maxMessageBytes: 10 * 1024 * 1024 });
    expect(big.message).toBe('the message: 41 MB is over the limit of 10 MB (limits.max_message_mb)');
  }, 60_000);

  it('a 15 MB letter of aligned-looking prose is searched for a table in seconds, not minutes', async () => {
    const prose = Array.from({ length: 200_000 }, (_, i) => `Line ${i} of a long letter  with  double spaces  and 12.00 in it.`).join('\r\n');
    const started = Date.now();
    const parts = remittanceParts(await readMessage(Buffer.from(`${head('Content-Type: text/plain; charset=utf-8\r\n')}\r\n${prose}\r\n`)));
    expect(parts.bodyTables).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('an HTML body nested 50,000 elements deep still gives its table without exhausting the stack', () => {
    const html = `${'<div>'.repeat(50_000)}<table><tr><td>Invoice Number</td><td>Amount Paid</td></tr></table>${'</div>'.repeat(50_000)}`;
    const { tables } = htmlTables(html);
    expect(tables.at(-1)?.rows[0]).toEqual(['Invoice Number', 'Amount Paid']);
  });
});

describe('bad encodings and charsets', () => {
  it('reads what it can: broken base64, unknown charset, invalid UTF-8, broken encoded words, bad QP, no closing boundary', async () => {
    const bytes = Buffer.concat([
      Buffer.from(
        'From: =?utf-8?B?###?= <x@evil.example>\r\nSubject: =?x-klingon?Q?Qapla=27?= and =?utf-8?Q?broken\r\nMIME-Version: 1.0\r\n' +
          'Content-Type: multipart/mixed; boundary="e"\r\n\r\n' +
          '--e\r\nContent-Type: text/plain; charset="x-klingon"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nbad =ZZ escape =\r\nand =4\r\n' +
          '--e\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n' +
          '--e\r\nContent-Type: text/csv; name="r.csv"\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!' + b64(CSV) + '****\r\n' +
          '--e\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n',
      ),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0x0d, 0x0a]),
    ]);
    const message = await readMessage(bytes);
    expect(message.from?.address).toBe('x@evil.example');
    expect(message.subject).toMatch(/broken/);
    expect(message.text).toMatch(/bad/);
    const csv = message.attachments.find((a) => a.fileName === 'r.csv');
    expect(Buffer.from(csv!.bytes).toString('utf8')).toContain('INV-1,10.00');
    const parts = remittanceParts(message);
    expect(parts.documents.map((d) => d.name)).toEqual(['r.csv']);
  });

  it('binary junk and an empty message: one-line errors or harmless text, never a crash', async () => {
    await expect(readMessage(new Uint8Array())).rejects.toThrow(/^the message is empty$/);
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i += 1) junk[i] = (i * 131 + 7) % 256;
    const message = await readMessage(junk);
    expect(remittanceParts(message).documents).toEqual([]);
    // A file that claims to be an Outlook .msg and is not one.
    const fake = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0xff)]);
    await expect(readMessage(fake)).rejects.toThrow(/^not a readable Outlook \.msg file|^a Compound File that is not an Outlook message/);
  });

  it('a header block of 3 MB is refused in one line', async () => {
    const bytes = Buffer.from(`${head()}X-Junk: ${'a'.repeat(3 * 1024 * 1024)}\r\nContent-Type: text/plain\r\n\r\nhi\r\n`);
    const err = await readMessage(bytes).then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/^not a readable e-mail message: Maximum header size of 2097152 bytes exceeded$/);
  });
});

describe('ZIP bombs', () => {
  const zipped = (entries: Array<{ name: string; data: Buffer }>) => writeZip(entries);

  it('an entry that expands a thousand times is refused by ratio before it is inflated', async () => {
    const bomb = zipped([{ name: 'zeros.csv', data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const err = await refusal(withAttachments([{ name: 'remit.zip', type: 'application/zip', bytes: bomb }]), {}, 'parts');
    expect(err.limit).toBe('maxZipRatio');
    expect(err.message).toMatch(/^ZIP "remit\.zip" entry "zeros\.csv" expands \d+ times: more than the limit of 200 \(limits\.max_zip_ratio\)$/);
  });

  it('an entry that declares a small size and inflates to more stops at what it declared', async () => {
    const zip = zipped([{ name: 'liar.csv', data: Buffer.alloc(5 * 1024 * 1024, 0x20) }]);
    // Declare 1,000 bytes (central directory and local header): the reader must not trust the data.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(1000, central + 24);
    zip.writeUInt32LE(1000, 22);
    const message = await readMessage(withAttachments([{ name: 'liar.zip', type: 'application/zip', bytes: zip }]));
    expect(() => remittanceParts(message)).toThrow(/^ZIP "liar\.zip" entry "liar\.csv" expands beyond the 1,000 bytes it declares: refused$/);
  });

  it('ZIPs inside ZIPs three deep are refused; two deep are opened', async () => {
    const level1 = zipped([{ name: 'r.csv', data: Buffer.from(CSV) }]);
    const level2 = zipped([{ name: 'inner.zip', data: level1 }]);
    const level3 = zipped([{ name: 'middle.zip', data: level2 }]);
    const two = remittanceParts(await readMessage(withAttachments([{ name: 'outer.zip', bytes: level2 }])));
    expect(two.documents.map((d) => d.origin.part)).toEqual(['attachment 1 "outer.zip" > "inner.zip" > "r.csv"']);
    const err = await refusal(withAttachments([{ name: 'outer.zip', bytes: level3 }]), {}, 'parts');
    expect(err.message).toBe('ZIPs inside ZIPs at attachment 1 "outer.zip" > "middle.zip" > "inner.zip": 3 is over the limit of 2 (limits.max_zip_depth)');
  });

  it('too many entries, and too much in total across the message, are refused', async () => {
    const many = zipped(Array.from({ length: 1500 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') })));
    expect((await refusal(withAttachments([{ name: 'many.zip', bytes: many }]), {}, 'parts')).message).toBe('entries in ZIP "many.zip": 1,500 is over the limit of 1,000 (limits.max_zip_entries)');
    // Varied lines, as a real export has: they compress a few times, far under the ratio limit.
    const lines = Array.from({ length: 60_000 }, (_, i) => `INV-${(i * 7919) % 1_000_003},${((i * 104_729) % 99_991) / 100},P-${i % 97},10/${(i % 28) + 1}/2024`);
    const block = zipped([{ name: 'a.csv', data: Buffer.from(`Invoice Number,Amount Paid,Payment Number,Payment Date\r\n${lines.join('\r\n')}`) }]);
    const err = await refusal(withAttachments([{ name: 'one.zip', bytes: block }, { name: 'two.zip', bytes: block }]), { maxZipExpandedBytes: 3 * 1024 * 1024 }, 'parts');
    expect(err.limit).toBe('maxZipExpandedBytes');
  });
});

describe('file names that try to leave their folder', () => {
  it('keep only a safe last name, with the sender\'s name on record', async () => {
    const zip = writeZip([
      { name: '../../outside.csv', data: Buffer.from(CSV) },
      { name: '..\\..\\Windows\\System32\\drivers.csv', data: Buffer.from(CSV) },
    ]);
    const message = await readMessage(
      withAttachments([
        { name: '../../../../etc/cron.d/remit.csv', bytes: CSV },
        { name: 'C:\\Users\\ar\\AppData\\evil.csv', bytes: CSV },
        { name: 'CON.csv', bytes: CSV },
        { name: '\u202Evsc.exe.csv', bytes: CSV },
        { name: '..', bytes: CSV },
        { name: 'names.zip', bytes: zip },
      ]),
    );
    const documents = remittanceParts(message).documents;
    expect(documents.map((d) => [d.name, d.origin.nameAsSent])).toEqual([
      ['remit.csv', '../../../../etc/cron.d/remit.csv'],
      ['evil.csv', 'C:\\Users\\ar\\AppData\\evil.csv'],
      ['_CON.csv', 'CON.csv'],
      ['vsc.exe.csv', '\u202Evsc.exe.csv'],
      ['attachment-5.csv', '..'],
      ['outside.csv', '../../outside.csv'],
      ['drivers.csv', '..\\..\\Windows\\System32\\drivers.csv'],
    ]);
    for (const document of documents) expect(document.name).not.toMatch(/[\\/]|^\.\.?$|[\u0000-\u001f\u202e]/);
  });
});
