/** What remittanceParts takes from each kind of message, and what it leaves with which reason. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { remittanceParts } from '../../../src/mail/parts/remittance-parts.js';
import { readMessage } from '../../../src/mail/reading/read-message.js';
import { parseRemittanceFile } from '../../../src/parsers/index.js';
import { parseOptions } from '../../support/parse-options.js';

const parts = async (name: string) => remittanceParts(await readMessage(readFileSync(new URL(`../../../fixtures/mail/${name}`, import.meta.url))));

describe('remittanceParts', () => {
  it('decides by content: a CSV sent as octet-stream, an 820 named .txt, an XLS that is HTML', async () => {
    const result = await parts('edi-and-xls-html.eml');
    expect(result.documents.map((d) => [d.name, d.format, d.origin.declaredType])).toEqual([
      ['remit.txt', 'x12-820', 'application/octet-stream'],
      ['remadv.edi', 'edifact-remadv', 'application/edifact'],
      ['HP_remit.xls', 'xls-html', 'application/vnd.ms-excel'],
      ['Remittance.pdf', 'pdf', 'application/pdf'],
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['an X12 810 file, not an 820 payment order', 'a JPEG image: remit reads no scanned remittances']);
    const x12 = await parseRemittanceFile(result.documents[0]!.bytes, parseOptions('remit.txt'));
    expect(x12.remittances.map((r) => [r.paymentRef, r.lines.map((l) => [l.reference, l.paidMinor])])).toEqual([['EFT-820-77', [['INV-9101', 150000]]]]);
  });

  it('opens a ZIP: each CSV a document named without its folder, the rest skipped with a reason', async () => {
    const result = await parts('zip-of-csvs.eml');
    expect(result.documents.map((d) => [d.name, d.origin.nameAsSent ?? null, d.origin.part])).toEqual([
      ['remit_A-1.csv', 'Oct/remit_A-1.csv', 'attachment 1 "Remittances_wk41.zip" > "Oct/remit_A-1.csv"'],
      ['remit_A-2.csv', null, 'attachment 1 "Remittances_wk41.zip" > "remit_A-2.csv"'],
    ]);
    expect(result.skipped.map((s) => s.part)).toEqual(['attachment 1 "Remittances_wk41.zip" > "README.txt"', 'attachment 1 "Remittances_wk41.zip" > "__MACOSX/._remit_A-1.csv"']);
    const csv = await parseRemittanceFile(result.documents[1]!.bytes, parseOptions('remit_A-2.csv', { dateOrder: 'mdy' }));
    expect(csv.remittances[0]!.lines[0]!.paidMinor).toBe(25050);
  });

  it('skips a password-protected ZIP, a calendar invitation, a vCard, a logo and a signature, failing nothing', async () => {
    expect((await parts('encrypted-zip.eml')).skipped).toEqual([
      { part: 'attachment 1 "Remittance_71690001.zip"', reason: 'a password-protected ZIP: remit has no password for it (ask the sender for an unprotected copy)' },
    ]);
    const invite = await parts('calendar-invite.eml');
    expect(invite.documents).toEqual([]);
    expect(invite.bodyTables).toEqual([]);
    expect(invite.skipped.map((s) => s.reason)).toEqual(['a calendar invitation', 'a calendar invitation', 'a contact card (vCard)']);
    const related = await parts('related-cid-logo.eml');
    expect(related.documents.map((d) => d.name)).toEqual(['Zahlungsavis Müller Okt.csv']);
    expect(related.skipped.map((s) => s.reason)).toEqual([
      'an inline PNG image shown in the message (a logo or signature)',
      'a digital signature (S/MIME or PGP), not a remittance',
    ]);
  });

  it('takes nothing from an auto-reply, a newsletter or a bounce, whatever tables and files they carry', async () => {
    for (const [name, kind] of [
      ['auto-reply.eml', 'auto-reply'],
      ['newsletter.eml', 'newsletter'],
      ['delivery-report.eml', 'delivery-report'],
    ] as const) {
      const result = await parts(name);
      expect(result.kind).toBe(kind);
      expect(result.documents).toEqual([]);
      expect(result.bodyTables).toEqual([]);
      expect(result.skipped).toHaveLength(1);
      expect(result.skipped[0]!.part).toBe('message');
    }
  });

  it('reads a forwarded message whole and says where each document came from', async () => {
    const result = await parts('forwarded-rfc822.eml');
    expect(result.documents.map((d) => [d.name, d.format, d.origin.part, d.origin.messageId])).toEqual([
      ['Sprouts_5550123.xlsx', 'xlsx', 'forwarded message (attachment 1) > attachment 1 "Sprouts_5550123.xlsx"', 'fwd-1@northwind.test'],
    ]);
    const xlsx = await parseRemittanceFile(result.documents[0]!.bytes, parseOptions('x.xlsx'));
    expect(xlsx.remittances[0]!.paymentRef).toBe('5550123');
  });

  it('a message that attaches its remittance has its body table reported, not read twice', async () => {
    const result = await parts('outlook.msg');
    expect(result.documents.map((d) => d.name)).toEqual(['Target_009911_detail.csv']);
    expect(result.bodyTables).toEqual([]);
    expect(result.skipped.at(-1)).toEqual({ part: 'HTML body', reason: 'a table in the body of a message that attaches its remittance: the attachment is read' });
  });

  it('reads a fixed-width report attached as .txt like a body table, and then not the body', async () => {
    const report = ['Payment Number: TXT-1', 'Payment Date: 10/20/2024', '', 'Invoice Number    Amount Paid', 'INV-1                  12.00', ''].join('\r\n');
    const raw = [
      'From: ap@payer.example', 'To: ar@northwind.test', 'Subject: report', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="t"', '',
      '--t', 'Content-Type: text/plain', '', 'Payment Number: TXT-1', 'Invoice Number    Amount Paid', 'INV-1                  12.00', '',
      '--t', 'Content-Type: text/plain; name="remit.txt"', 'Content-Disposition: attachment; filename="remit.txt"', '', report,
      '--t--', '',
    ].join('\r\n');
    const result = remittanceParts(await readMessage(Buffer.from(raw)));
    expect(result.documents).toEqual([]);
    expect(result.bodyTables.map((t) => [t.origin, t.fields.paymentRef])).toEqual([['attachment 1 "remit.txt"', 'TXT-1']]);
    expect(result.skipped).toEqual([{ part: 'text body', reason: 'a table in the body of a message that attaches its remittance: the attachment is read' }]);
  });
});
