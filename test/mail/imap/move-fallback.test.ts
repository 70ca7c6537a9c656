/**
 * Moving on a server without MOVE (RFC 6851): COPY, \Deleted, EXPUNGE. Dovecot is told to
 * advertise a capability list without MOVE, as older servers and some gateways do.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMailbox } from '../../../src/mail/imap/mailbox.js';
import { startDovecot, type TestDovecot } from '../../support/dovecot.js';
import { append, remittanceMail } from './seed.js';

let server: TestDovecot;

beforeAll(async () => {
  server = await startDovecot({ capabilities: 'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ NAMESPACE UIDPLUS CHILDREN UNSELECT AUTH=PLAIN AUTH=LOGIN' });
  await append(server, 'INBOX', [remittanceMail(1), remittanceMail(2)]);
}, 60_000);
afterAll(async () => server?.stop());

it('moves with COPY + EXPUNGE when the server has no MOVE, into a folder it creates', async () => {
  const mailbox = await openMailbox({ host: server.host, port: server.port, tls: 'none', user: server.user }, { kind: 'password', password: server.password });
  try {
    expect(mailbox.capabilities).not.toContain('MOVE');
    expect(await mailbox.move('INBOX', 2, 'Processed')).toEqual({ method: 'COPY+EXPUNGE' });
    expect((await mailbox.listNew('INBOX', undefined)).messages.map((m) => m.messageId)).toEqual(['remit-1@payer.example']);
    expect((await mailbox.listNew('Processed', undefined)).messages.map((m) => m.messageId)).toEqual(['remit-2@payer.example']);
  } finally {
    await mailbox.close();
  }
});
