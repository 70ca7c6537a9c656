/** The `mail:` settings and `payers.<ID>.senders`: defaults filled in, every problem reported, no secret accepted. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';

const base = { companies: { NWF: { name: 'Northwind' } } };

describe('mail settings', () => {
  it('fills in port, folder and auth, and reads senders', () => {
    const { config, problems } = parseConfig({
      ...base,
      payers: { HD: { senders: ['VendorPayments@HomeDepot.example', '@thd.example'] } },
      mail: { mailboxes: [{ id: 'ar', company: 'NWF', host: 'imap.example.com', user: 'ar@northwind.example', processed_folder: 'Remit/Processed' }] },
    });
    expect(problems).toEqual([]);
    expect(config!.mail.mailboxes).toEqual([{ id: 'ar', company: 'NWF', host: 'imap.example.com', port: 993, tls: 'implicit', user: 'ar@northwind.example', folder: 'INBOX', auth: 'password', processedFolder: 'Remit/Processed' }]);
    expect(config!.payers['HD']!.senders).toEqual(['vendorpayments@homedepot.example', '@thd.example']);
  });

  it('refuses a password in remit.yaml, plain IMAP off this machine, an unknown company, OAuth2 without a client and a sender that is no address', () => {
    const { problems } = parseConfig({
      ...base,
      payers: { HD: { senders: ['homedepot'] } },
      mail: {
        mailboxes: [
          { id: 'a', company: 'NWF', host: 'imap.example.com', user: 'u', tls: 'none', password: 'hunter2' },
          { id: 'b', company: 'XX', host: '127.0.0.1', user: 'u', auth: 'oauth2' },
        ],
      },
    });
    const text = problems.map((p) => `${p.segments.join('.')}: ${p.message}`).join('\n');
    expect(text).toMatch(/mail\.mailboxes\.0\.password: secrets never go in remit\.yaml/);
    expect(text).toMatch(/mail\.mailboxes\.0\.tls: tls: none sends the password unencrypted/);
    expect(text).toMatch(/mail\.mailboxes\.1\.company: names no company/);
    expect(text).toMatch(/mail\.mailboxes\.1\.oauth/);
    expect(text).toMatch(/payers\.HD\.senders\.0: "homedepot" is neither an address/);
    expect(text).not.toContain('hunter2');
  });
});
