/** Reading messages: headers, decoded words and names, bodies, attachments, inline parts, forwarded and quoted originals, .msg. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMessage } from '../../../src/mail/reading/read-message.js';

const fixture = (name: string) => readMessage(readFileSync(new URL(`../../../fixtures/mail/${name}`, import.meta.url)));

describe('readMessage (.eml)', () => {
  it('reads the headers: Message-ID, From with its display name, To, Subject (RFC 2047), Date', async () => {
    const message = await fixture('related-cid-logo.eml');
    expect(message.format).toBe('eml');
    expect(message.messageId).toBe('za-88@bluepeak.example');
    expect(message.from).toEqual({ name: 'Bluepeak Zahlungsverkehr', address: 'zahlungsavis@bluepeak.example' });
    expect(message.to).toEqual([{ name: '', address: 'ar@northwind.test' }]);
    expect(message.subject).toBe('Zahlungsavis für Oktober');
    expect(message.date).toBe('2024-10-15T14:02:11.000Z');
  });

  it('decodes an RFC 2231 file name, keeps the declared type and the decoded bytes', async () => {
    const message = await fixture('related-cid-logo.eml');
    const csv = message.attachments.find((a) => a.fileName?.endsWith('.csv'))!;
    expect(csv.fileName).toBe('Zahlungsavis Müller Okt.csv');
    expect(csv.contentType).toBe('application/octet-stream');
    expect(csv.disposition).toBe('attachment');
    expect(Buffer.from(csv.bytes).toString('utf8')).toMatch(/^Invoice Number;Amount Paid;Payment Number;Payment Date\r\nRE-1001;1\.234,56/);
  });

  it('marks an inline image that the HTML shows by cid:', async () => {
    const message = await fixture('related-cid-logo.eml');
    const logo = message.attachments.find((a) => a.contentType === 'image/png')!;
    expect(logo).toMatchObject({ part: 'inline part 1', fileName: 'logo.png', contentId: 'logo.png@01DB1F2A', referencedByHtml: true, disposition: 'inline' });
    expect(message.html).toContain('cid:logo.png@01DB1F2A');
    expect(message.text).toMatch(/anbei unser Zahlungsavis/);
  });

  it('decodes an ISO-8859-1 quoted-printable HTML body with soft line breaks', async () => {
    const message = await fixture('alternative-html-table.eml');
    expect(message.html).toContain('Müller Building');
    expect(message.html).toContain('<tr><td>INV-2001<td>09/01/2024');
    expect(message.text.trimEnd()).toBe('Please view this message in HTML. Grüße from Cedar Mart AP.');
  });

  it('unwraps a forwarded message/rfc822 into a message of its own', async () => {
    const message = await fixture('forwarded-rfc822.eml');
    expect(message.attachments).toEqual([]);
    expect(message.forwarded).toHaveLength(1);
    const inner = message.forwarded[0]!;
    expect(inner.part).toBe('attachment 1');
    expect(inner.fileName).toBe('Remittance 5550123.eml');
    expect(inner.message.from).toEqual({ name: 'Sprouts AP', address: 'ap@sprouts.example' });
    expect(inner.message.subject).toBe('Remittance 5550123 – Sprouts');
    expect(inner.message.attachments.map((a) => [a.fileName, a.bytes.length > 1000])).toEqual([['Sprouts_5550123.xlsx', true]]);
  });

  it('finds the original quoted in a "FW:" body (Outlook separator, [mailto:], "> " marks)', async () => {
    const message = await fixture('fwd-quoted.eml');
    expect(message.quoted).toMatchObject({
      from: { name: 'Whole Foods AP', address: 'ap-remit@wholefoods.example' },
      subject: 'Payment advice 778812',
      date: 'Tuesday, October 15, 2024 9:12 AM',
    });
    expect(message.quoted!.text).toMatch(/^Payment Number: 778812\nPayment Date: 10\/15\/2024/);
  });

  it('collects the automation headers', async () => {
    expect((await fixture('auto-reply.eml')).automation).toMatchObject({ xAutoreply: 'yes', contentType: 'text/plain' });
    expect((await fixture('newsletter.eml')).automation).toMatchObject({ precedence: 'list', listId: 'AR Weekly <weekly.arweekly.example>', listUnsubscribe: '<https://arweekly.example/unsubscribe?u=42>' });
    expect((await fixture('delivery-report.eml')).automation).toMatchObject({ contentType: 'multipart/report', reportType: 'delivery-status', autoSubmitted: 'auto-generated' });
  });

  it('keeps a calendar part with its METHOD', async () => {
    const message = await fixture('calendar-invite.eml');
    expect(message.attachments.map((a) => [a.contentType, a.calendarMethod ?? null])).toEqual([
      ['text/calendar', 'REQUEST'],
      ['application/ics', null],
      ['text/vcard', null],
    ]);
  });
});

describe('readMessage (.msg)', () => {
  it('reads an Outlook .msg: sender, recipient, subject, Message-ID, HTML body, attachments, hidden inline image', async () => {
    const message = await fixture('outlook.msg');
    expect(message.format).toBe('msg');
    expect(message.from).toEqual({ name: 'Target AP Remittance', address: 'remittance.advice@target.example' });
    expect(message.to).toEqual([{ name: 'Northwind AR', address: 'ar@northwind.test' }]);
    expect(message.subject).toBe('Remittance advice 009911');
    expect(message.messageId).toBe('msg-009911@target.example');
    expect(message.text).toMatch(/payment 009911 below/);
    expect(message.html).toContain('<th>Invoice Number</th>');
    expect(message.attachments.map((a) => [a.part, a.fileName, a.contentType, a.referencedByHtml])).toEqual([
      ['inline part 1', 'image001.png', 'image/png', true],
      ['attachment 1', 'Target_009911_detail.csv', 'text/csv', false],
    ]);
  });

  it('reads a .msg attached to an .eml as a forwarded message', async () => {
    const message = await fixture('attached-msg.eml');
    expect(message.attachments).toEqual([]);
    expect(message.forwarded.map((f) => [f.fileName, f.message.format, f.message.subject])).toEqual([['Remittance advice 009911.msg', 'msg', 'Remittance advice 009911']]);
  });
});
