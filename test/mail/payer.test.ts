/** Who paid: the sender map first, then the open invoices and customer names, else a person, never a guess. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identifyPayer, normaliseName, type OpenInvoiceLookup } from '../../src/mail/payer.js';
import { readMessage } from '../../src/mail/reading/read-message.js';
import type { MailMessage } from '../../src/mail/reading/message.js';

const fixture = (name: string) => readMessage(readFileSync(new URL(`../../fixtures/mail/${name}`, import.meta.url)));

function lookup(invoices: Record<string, string>, customers: Array<{ id: string; name: string }>): OpenInvoiceLookup {
  return { customersOf: (reference) => (invoices[reference.toUpperCase()] ? [invoices[reference.toUpperCase()]!] : []), customers };
}

const CUSTOMERS = [
  { id: 'HD', name: 'Home Depot U.S.A., Inc.' },
  { id: 'TGT', name: 'Target Corporation' },
  { id: 'WFM', name: 'Whole Foods Market Services, Inc.' },
  { id: 'CM', name: 'Cedar Mart Stores, Inc.' },
];

function plain(from: string, name: string, text: string, subject = 'Remittance'): MailMessage {
  return {
    format: 'eml', messageId: 'x', from: { name, address: from }, to: [], subject, date: undefined, headers: [], automation: {},
    text, html: undefined, attachments: [], forwarded: [], quoted: undefined,
  };
}

describe('identifyPayer', () => {
  it('takes a listed address, then a listed domain or a parent domain, with the rule as evidence', () => {
    const message = plain('ap@na.homedepot.example', 'THD', '');
    expect(identifyPayer({ message, senders: { 'ap@na.homedepot.example': 'HD' } })).toEqual({ payer: 'HD', method: 'sender', evidence: ['sender ap@na.homedepot.example is listed for HD (ap@na.homedepot.example)'] });
    expect(identifyPayer({ message, senders: { '@homedepot.example': 'HD' } })).toMatchObject({ payer: 'HD', evidence: ['sender ap@na.homedepot.example is listed for HD (@homedepot.example)'] });
    expect(identifyPayer({ message, senders: { '@depot.example': 'HD' } }).payer).toBeUndefined();
  });

  it('looks through a colleague forwarding: the forwarded message and a quoted original name the payer', async () => {
    const senders = { '@sprouts.example': 'SPR', '@wholefoods.example': 'WFM' };
    expect(identifyPayer({ message: await fixture('forwarded-rfc822.eml'), senders })).toMatchObject({ payer: 'SPR', method: 'sender' });
    expect(identifyPayer({ message: await fixture('fwd-quoted.eml'), senders })).toMatchObject({
      payer: 'WFM',
      evidence: ['quoted original sender ap-remit@wholefoods.example is listed for WFM (@wholefoods.example)'],
    });
  });

  it('refuses when senders of one message are listed for two payers', async () => {
    const decision = identifyPayer({ message: await fixture('forwarded-rfc822.eml'), senders: { '@northwind.test': 'NWF', '@sprouts.example': 'SPR' } });
    expect(decision.payer).toBeUndefined();
    expect(decision).toMatchObject({ reason: 'senders of the message are listed for different payers: dana.ruiz@northwind.test (NWF), ap@sprouts.example (SPR)' });
  });

  it('without a listed sender: every invoice named is one customer\'s', async () => {
    const invoices = lookup({ 'INV-2001': 'CM', 'INV-2002': 'CM' }, CUSTOMERS);
    const decision = identifyPayer({ message: await fixture('alternative-html-table.eml'), senders: {}, invoices });
    expect(decision).toMatchObject({ payer: 'CM', method: 'invoices' });
    expect(decision.evidence[0]).toBe('open invoices named in the message: CM: INV-2001, INV-2002');
  });

  it('invoices of two customers in one message go to a person', async () => {
    const invoices = lookup({ 'INV-2001': 'CM', 'INV-2002': 'TGT' }, CUSTOMERS);
    const decision = identifyPayer({ message: await fixture('alternative-html-table.eml'), senders: {}, invoices });
    expect(decision.payer).toBeUndefined();
    expect(decision).toMatchObject({ reason: 'the invoice references belong to more than one customer (CM: INV-2001; TGT: INV-2002)' });
  });

  it('references read from the documents count as well as the text', () => {
    const invoices = lookup({ 'INV-77': 'TGT' }, CUSTOMERS);
    expect(identifyPayer({ message: plain('x@unknown.example', '', 'see attached'), senders: {}, invoices, references: ['INV-77'] })).toMatchObject({ payer: 'TGT', method: 'invoices' });
  });

  it("finds the customer's name in the sender's display name or, written out, in the text", () => {
    const invoices = lookup({}, CUSTOMERS);
    expect(identifyPayer({ message: plain('ap@mail.example', 'Target AP Remittance', 'no invoices here'), senders: {}, invoices })).toMatchObject({
      payer: 'TGT', method: 'name', evidence: ['the name "Target Corporation" of TGT appears in the sender\'s display name'],
    });
    expect(identifyPayer({ message: plain('ap@mail.example', 'AP', 'Home Depot U.S.A., Inc. - Remittance Advice'), senders: {}, invoices })).toMatchObject({ payer: 'HD', method: 'name' });
    // One generic word in running text is not a name.
    expect(identifyPayer({ message: plain('ap@mail.example', 'AP', 'our target is to pay on time'), senders: {}, invoices }).payer).toBeUndefined();
  });

  it('two names, or invoices of one customer and the name of another, go to a person', () => {
    const invoices = lookup({ 'INV-1': 'HD' }, CUSTOMERS);
    const twoNames = identifyPayer({ message: plain('a@b.example', 'AP', 'Target Corporation and Home Depot U.S.A., Inc.'), senders: {}, invoices });
    expect(twoNames.payer).toBeUndefined();
    const mixed = identifyPayer({ message: plain('a@b.example', 'AP', 'Paying INV-1 on behalf of Target Corporation'), senders: {}, invoices });
    expect(mixed).toMatchObject({ payer: undefined, reason: "the invoices named are HD's but the message names TGT" });
  });

  it('nothing to go on: a person decides, told what to set', () => {
    const decision = identifyPayer({ message: plain('ap@unknown.example', 'Accounts', 'Hello'), senders: {}, invoices: lookup({}, CUSTOMERS) });
    expect(decision).toEqual({
      payer: undefined,
      reason: "no sender is listed for a payer (ap@unknown.example), no open invoice is named and no customer's name appears; set payers.<ID>.senders or assign it by hand",
      evidence: [],
    });
  });

  it('normalises names for comparison', () => {
    expect(normaliseName('Home Depot U.S.A., Inc.')).toBe('home depot usa inc');
    expect(normaliseName('Amazon.com Services LLC')).toBe('amazon com services llc');
    expect(normaliseName('Procter & Gamble')).toBe('procter and gamble');
  });
});
