/** Put messages into the test server's mailbox over IMAP APPEND, as a sender's server would. */
import { ImapFlow } from 'imapflow';
import type { TestDovecot } from '../../support/dovecot.js';

export async function append(server: TestDovecot, folder: string, messages: string[], receivedAt?: Date): Promise<void> {
  const client = new ImapFlow({ host: server.host, port: server.port, secure: false, doSTARTTLS: false, auth: { user: server.user, pass: server.password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const message of messages) await client.append(folder, Buffer.from(message.replace(/\r?\n/g, '\r\n')), [], receivedAt);
  } finally {
    await client.logout();
  }
}

/** Create a folder with the server's own CREATE, so a test can fill it. */
export async function createFolder(server: TestDovecot, path: string): Promise<void> {
  const client = new ImapFlow({ host: server.host, port: server.port, secure: false, doSTARTTLS: false, auth: { user: server.user, pass: server.password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.mailboxCreate(path);
  } finally {
    await client.logout();
  }
}

/** A small remittance message; `n` makes each one different. */
export function remittanceMail(n: number): string {
  return [
    'From: AP Remittance <ap@payer.example>',
    'To: ar@northwind.test',
    `Subject: Remittance advice ${n}`,
    `Message-ID: <remit-${n}@payer.example>`,
    'Date: Mon, 30 Sep 2024 14:19:16 -0500',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Payment Number: P-${n}`,
    '',
  ].join('\n');
}
