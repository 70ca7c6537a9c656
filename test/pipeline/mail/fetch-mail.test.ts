/**
 * fetchMail as a use case against a real Dovecot, a real vault and a real ledger: the cursor
 * (a fetch resumes after the last message recorded), a move recorded but never confirmed (a
 * crash between the ledger and the server) finished by the next fetch, and a renumbered
 * folder (another UIDVALIDITY) listed again with nothing taken twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMail } from '../../../src/pipeline/mail/fetch-mail.js';
import { mailSecretAccount } from '../../../src/pipeline/mail/credentials.js';
import { openSecretStore, type SecretStore } from '../../../src/secrets/index.js';
import { startDovecot, type TestDovecot } from '../../support/dovecot.js';
import { testWorkspace, type TestWorkspace } from '../../support/pipeline.js';
import { append, remittanceMail } from '../../mail/imap/seed.js';

let server: TestDovecot;
let ws: TestWorkspace;
let store: SecretStore;

beforeAll(async () => {
  server = await startDovecot();
  ws = await testWorkspace(`companies:
  NWF:
    name: Northwind
payers:
  PAYER:
    senders: ["@payer.example"]
secrets: { store: vault, passphrase_env: VAULT_PW }
mail:
  mailboxes:
    - { id: ar, company: NWF, host: 127.0.0.1, port: ${server.port}, tls: none, user: ${server.user}, processed_folder: Done }
`);
  store = await openSecretStore(ws.ctx.config.secrets, { workspace: ws.root, env: { VAULT_PW: 'vault-passphrase-1' }, platform: process.platform });
  await store.set(mailSecretAccount('ar'), 'password', server.password);
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await server?.stop();
});

/** A remittance in the body, one payment each. */
function advice(n: number): string {
  return remittanceMail(n).replace(`Payment Number: P-${n}\n`, `Payment Number: P-${n}\nPayment Date: 09/30/2024\n\nInvoice Number    Amount Paid\nINV-${100000 + n}       ${n}00.00\n`);
}

const fetch = () => fetchMail(ws.ctx, { secrets: async () => store }, { since: '2000-01-01' });

describe('fetchMail', () => {
  it('takes what arrived after the cursor, and a move the server never confirmed is finished by the next fetch', async () => {
    await append(server, 'INBOX', [advice(1), advice(2)]);
    const first = await fetch();
    expect(first.mailboxes[0]!.messages.map((m) => [m.uid, m.status, m.disposition])).toEqual([[1, 'imported', 'moved to Done'], [2, 'imported', 'moved to Done']]);

    // A crash after the ledger recorded UID 3 as taken and before the server moved it.
    await append(server, 'INBOX', [advice(3)]);
    const state = (await ws.ctx.ledger.mail.state('ar'))!;
    await ws.ctx.ledger.mail.recordMessage({
      mailboxId: 'ar', folder: 'INBOX', uidValidity: state.uidValidity, uid: 3, messageId: 'remit-3@payer.example', sha256: 'f'.repeat(64), subject: null, sender: null,
      company: 'NWF', payer: 'PAYER', payerMethod: 'sender', status: 'imported', reason: null, inboxPath: null, documentIds: [], disposition: 'to-move',
    });
    await ws.ctx.ledger.mail.advanceCursor('ar', state.uidValidity!, 3);
    const second = await fetch();
    expect(second.mailboxes[0]!.messages).toEqual([]);
    expect(ws.inspect().prepare("SELECT uid, disposition FROM mail_messages WHERE mailbox_id = 'ar' ORDER BY uid").all()).toEqual([
      { uid: 1, disposition: 'moved' }, { uid: 2, disposition: 'moved' }, { uid: 3, disposition: 'moved' },
    ]);
  });

  it('a renumbered folder is listed again and nothing in it is taken twice', async () => {
    await ws.ctx.ledger.mail.advanceCursor('ar', '1', 0);
    const before = ws.inspect().prepare('SELECT COUNT(*) FROM remittances').pluck().get();
    await append(server, 'INBOX', [advice(1)]);
    const again = await fetch();
    expect(again.mailboxes[0]!.messages.map((m) => m.status)).toEqual(['duplicate']);
    expect(ws.inspect().prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(before);
    expect(ws.logged.join('\n')).toMatch(/renumbered INBOX/);
  });
});
