/**
 * The IMAP client against a real Dovecot this file starts: listing and fetching new
 * messages, the cursor, moving and flagging, and each kind of failure an operator meets.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxError } from '../../../src/mail/imap/errors.js';
import { openMailbox, uidSet, type Mailbox, type MailboxSettings } from '../../../src/mail/imap/mailbox.js';
import { readMessage } from '../../../src/mail/reading/read-message.js';
import { startDovecot, type TestDovecot } from '../../support/dovecot.js';
import { append, createFolder, remittanceMail } from './seed.js';

let server: TestDovecot;
const MAX = 50 * 1024 * 1024;

beforeAll(async () => {
  server = await startDovecot();
  await append(server, 'INBOX', [remittanceMail(1), remittanceMail(2), remittanceMail(3)]);
  await createFolder(server, 'Archive');
}, 60_000);
afterAll(async () => server?.stop());

function settings(extra: Partial<MailboxSettings> = {}): MailboxSettings {
  return { host: server.host, port: server.port, tls: 'none', user: server.user, ...extra };
}

async function withMailbox<T>(work: (mailbox: Mailbox) => Promise<T>, extra: Partial<MailboxSettings> = {}): Promise<T> {
  const mailbox = await openMailbox(settings(extra), { kind: 'password', password: server.password });
  try {
    return await work(mailbox);
  } finally {
    await mailbox.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<MailboxError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailboxError);
  return err as MailboxError;
}

describe('IMAP mailbox against Dovecot', () => {
  it('lists the new messages in UID order and fetches their bytes', async () => {
    await withMailbox(async (mailbox) => {
      const listed = await mailbox.listNew('INBOX', undefined);
      expect(listed.renumbered).toBe(false);
      expect(listed.uidValidity).toMatch(/^\d+$/);
      expect(listed.messages.map((m) => [m.uid, m.messageId])).toEqual([
        [1, 'remit-1@payer.example'],
        [2, 'remit-2@payer.example'],
        [3, 'remit-3@payer.example'],
      ]);
      const bytes = await mailbox.fetchRaw('INBOX', 2, MAX);
      expect(bytes.length).toBe(listed.messages[1]!.size);
      expect(Buffer.from(bytes).toString('utf8')).toBe(remittanceMail(2).replace(/\n/g, '\r\n'));
      const message = await readMessage(bytes);
      expect(message.subject).toBe('Remittance advice 2');
    });
  });

  it('lists nothing on a second fetch at the saved cursor, then only what arrived since', async () => {
    const cursor = await withMailbox(async (mailbox) => {
      const first = await mailbox.listNew('INBOX', undefined);
      return { uidValidity: first.uidValidity, lastUid: first.messages.at(-1)!.uid };
    });
    const again = await withMailbox((mailbox) => mailbox.listNew('INBOX', cursor));
    expect(again.messages).toEqual([]);

    await append(server, 'INBOX', [remittanceMail(4)]);
    const later = await withMailbox((mailbox) => mailbox.listNew('INBOX', cursor));
    expect(later.messages.map((m) => m.messageId)).toEqual(['remit-4@payer.example']);
    expect(later.messages[0]!.uid).toBeGreaterThan(cursor.lastUid);
  });

  it('lists only what the server received since a day, when asked (a first run, --since)', async () => {
    await append(server, 'Archive', [remittanceMail(90)], new Date('2024-01-15T10:00:00Z'));
    await append(server, 'Archive', [remittanceMail(91)], new Date('2024-09-30T10:00:00Z'));
    const listed = await withMailbox((mailbox) => mailbox.listNew('Archive', undefined, { since: '2024-06-01' }));
    expect(listed.messages.map((m) => [m.messageId, m.receivedAt])).toEqual([['remit-91@payer.example', '2024-09-30T10:00:00.000Z']]);
    const none = await withMailbox((mailbox) => mailbox.listNew('Archive', undefined, { since: '2025-01-01' }));
    expect(none.messages).toEqual([]);
  });

  it('lists everything again when the folder was renumbered (another UIDVALIDITY)', async () => {
    const listed = await withMailbox((mailbox) => mailbox.listNew('INBOX', { uidValidity: '1', lastUid: 99 }));
    expect(listed.renumbered).toBe(true);
    expect(listed.messages.length).toBeGreaterThanOrEqual(3);
  });

  it('moves a message to a processed folder it creates, and flags another', async () => {
    await withMailbox(async (mailbox) => {
      expect(mailbox.capabilities).toContain('MOVE');
      const moved = await mailbox.move('INBOX', 1, 'Remit/Processed');
      expect(moved.method).toBe('MOVE');
      const inbox = await mailbox.listNew('INBOX', undefined);
      expect(inbox.messages.map((m) => m.uid)).not.toContain(1);
      const processed = await mailbox.listNew('Remit/Processed', undefined);
      expect(processed.messages.map((m) => m.messageId)).toEqual(['remit-1@payer.example']);
      // A second move into the folder that now exists works the same.
      await mailbox.move('INBOX', 2, 'Remit/Processed');
      expect((await mailbox.listNew('Remit/Processed', undefined)).messages).toHaveLength(2);

      await mailbox.flag('INBOX', 3, ['\\Seen', '$RemitImported']);
      const flagged = (await mailbox.listNew('INBOX', undefined)).messages.find((m) => m.uid === 3)!;
      expect(flagged.flags).toEqual(expect.arrayContaining(['\\Seen', '$RemitImported']));
    });
  });

  it('a wrong password is one attempt, a typed auth error, not retryable, and names no password', async () => {
    const wrong = `wrong-${server.password.slice(3)}`;
    const before = (server.log().match(/auth failed/g) ?? []).length;
    const err = await failure(openMailbox(settings(), { kind: 'password', password: wrong }));
    expect(err.kind).toBe('auth');
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/refused the login/);
    for (const text of [err.message, err.hint ?? '', String(err.stack)]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(server.password);
    }
    // Dovecot logs the failed login when the client goes: exactly one more, with one attempt.
    await expect.poll(() => (server.log().match(/auth failed/g) ?? []).length, { timeout: 10_000 }).toBe(before + 1);
    expect(server.log()).toMatch(/auth failed, 1 attempts/);
    expect(server.log()).not.toContain(wrong);
    expect(server.log()).not.toContain(server.password);
  });

  it('nothing listening: connection refused, retryable', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const err = await failure(openMailbox(settings({ port: closed }), { kind: 'password', password: server.password }));
    expect(err.kind).toBe('connection-refused');
    expect(err.retryable).toBe(true);
  });

  it('implicit TLS: an untrusted certificate is a TLS error; with its CA the login works', async () => {
    const err = await failure(openMailbox(settings({ port: server.tlsPort, tls: 'implicit' }), { kind: 'password', password: server.password }));
    expect(err.kind).toBe('tls');
    expect(err.retryable).toBe(false);
    const listed = await withMailbox((mailbox) => mailbox.listNew('INBOX', undefined), { port: server.tlsPort, tls: 'implicit', tlsOptions: { ca: server.ca } });
    expect(listed.messages.length).toBeGreaterThan(0);
  });

  it('STARTTLS on the plain port, with the CA trusted', async () => {
    const listed = await withMailbox((mailbox) => mailbox.listNew('INBOX', undefined), { tls: 'starttls', tlsOptions: { ca: server.ca } });
    expect(listed.messages.length).toBeGreaterThan(0);
    const err = await failure(openMailbox(settings({ tls: 'starttls' }), { kind: 'password', password: server.password }));
    expect(err.kind).toBe('tls');
  });

  it('a server that never greets: a timeout, retryable', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = silent.address() as AddressInfo;
      const err = await failure(openMailbox(settings({ port, timeouts: { greetingMs: 300 } }), { kind: 'password', password: server.password }));
      expect(err.kind).toBe('timeout');
      expect(err.retryable).toBe(true);
    } finally {
      silent.close();
    }
  });

  it('a folder that does not exist is a folder error', async () => {
    const err = await failure(withMailbox((mailbox) => mailbox.listNew('No/Such/Folder', undefined)));
    expect(err.kind).toBe('folder');
    expect(err.message).toMatch(/No\/Such\/Folder/);
  });
});

describe('uidSet', () => {
  it('writes UIDs as ranges', () => {
    expect(uidSet([9, 3, 4, 5, 12, 7, 13, 14, 3])).toBe('3:5,7,9,12:14');
    expect(uidSet([])).toBe('');
  });
});
