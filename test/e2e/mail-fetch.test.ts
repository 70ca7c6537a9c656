/**
 * `remit mail add` and `remit mail fetch` (and the mail step of `remit run`) through the
 * built binary against a real Dovecot this file starts (test/support/dovecot.ts), with the
 * keychain on a private D-Bus: a fetch, a second fetch with nothing new, a message that
 * fails and stays, taken messages moved to the processed folder, the same payment by file
 * and by mail applied once, a wrong password tried once and not again until replaced, and
 * the password in no file of the workspace.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecretService, type TestSecretService } from '../secrets/secret-service.js';
import { SAMPLES, newWorkspace, remitAsync, removeDir, tempDir, type CliResult } from '../support/cli.js';
import { startDovecot, type TestDovecot } from '../support/dovecot.js';
import { append, createFolder } from '../mail/imap/seed.js';

let bus: TestSecretService;
let server: TestDovecot;
let home: string;
let env: Record<string, string>;
const WRONG = 'not-the-mailbox-password-5';

const sample = (name: string) => readFileSync(join(SAMPLES, 'mail', name), 'latin1');
const HD_BODY = '20240927_123045_4b9a.eml';
const AMZ_CSV = '20240917_075900_df0e.eml';
const AMZ_BODY = '20241001_101349_9a0b.eml';
const OUT_OF_OFFICE = '20240925_054247_eac4.eml';

/** A message whose remittance attachment is a PDF that is no PDF: its document fails, the message stays. */
const BROKEN = [
  'From: THD Vendor Payments <vendorpayments@homedepot.example>',
  'To: ar@northwind.test',
  'Subject: Remittance advice 2000999999',
  'Message-ID: <broken-1@homedepot.example>',
  'Date: Tue, 01 Oct 2024 09:00:00 -0400',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Please find the remittance for invoice INV-100849 attached.',
  '--b1',
  'Content-Type: application/pdf; name="Remittance_2000999999.pdf"',
  'Content-Disposition: attachment; filename="Remittance_2000999999.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nthis is not really a pdf\n').toString('base64'),
  '--b1--',
  '',
].join('\r\n');

function run(args: string[], input = ''): Promise<CliResult> {
  return remitAsync(args, { home, env, input });
}

async function folder(path: string): Promise<Array<{ messageId: string | undefined; flags: string[] }>> {
  const client = new ImapFlow({ host: server.host, port: server.port, secure: false, doSTARTTLS: false, auth: { user: server.user, pass: server.password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const box = await client.mailboxOpen(path);
    if (box.exists === 0) return [];
    const out: Array<{ messageId: string | undefined; flags: string[] }> = [];
    for await (const m of client.fetch('1:*', { envelope: true, flags: true })) out.push({ messageId: m.envelope?.messageId?.replace(/^<|>$/g, ''), flags: [...(m.flags ?? [])] });
    return out;
  } finally {
    await client.logout();
  }
}

function authFailures(): number {
  return (server.log().match(/auth failed/g) ?? []).length;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

const messageIdOf = (eml: string) => /^Message-ID:\s*<([^>]+)>/im.exec(eml)![1]!;

describe('remit mail against a real IMAP server', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    bus = await startSecretService();
    process.env['DBUS_SESSION_BUS_ADDRESS'] = bus.address;
    env = { DBUS_SESSION_BUS_ADDRESS: bus.address };
    server = await startDovecot();
    home = newWorkspace('NWF');
    // Amazon's sender is listed; the others are found from the open invoices their messages name.
    const yaml = join(home, 'remit.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('payers: {}', 'payers:\n  AMZ:\n    senders: ["@remittance.amazon.example"]'));
    const invoices = await run(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')]);
    expect(invoices.code, invoices.stderr).toBe(0);
    await append(server, 'INBOX', [sample(HD_BODY), sample(AMZ_CSV), sample(OUT_OF_OFFICE), BROKEN, sample(AMZ_BODY)].map((m) => m.replace(/\r\n/g, '\n')));
    const add = await run(['mail', 'add', '--id', 'ar', '--host', server.host, '--port', String(server.port), '--tls', 'none', '--user', server.user,
      '--processed-folder', 'Remit/Processed', '--password-stdin'], `${server.password}\n`);
    expect(add.code, add.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await bus?.stop();
    if (home) removeDir(home);
  });

  it('keeps the password out of remit.yaml and lists the mailbox with its secret stored', async () => {
    const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8');
    expect(yaml).toMatch(/mailboxes:/);
    expect(yaml).not.toContain(server.password);
    const listed = JSON.parse((await run(['mail', 'list', '--json'])).stdout) as Array<Record<string, string>>;
    expect(listed).toMatchObject([{ id: 'ar', secret: 'stored', processed: 'Remit/Processed', status: 'never run' }]);
    const tested = await run(['mail', 'test', 'ar']);
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stderr).toMatch(/INBOX has 5 message\(s\) past the cursor/);
  });

  it('the same payment already imported from a file (as a portal gives it) is applied once when it arrives by mail', async () => {
    // Amazon's payment 43167605 as its CSV would carry it; the mail writes it in its body.
    const dir = tempDir();
    const csv = join(dir, 'amazon_remittance_43167605.csv');
    writeFileSync(csv, [
      '"Invoice Number","Invoice Date","Transaction Description","Invoice Amount","Discount Taken","Amount Paid","Payment Number","Payment Date","Invoice Currency"',
      '"INV-101157","09/16/2024","Invoice","9613.05","0.00","9613.05","43167605","10/01/2024","USD"',
      '"INV-101541","09/16/2024","Invoice","24597.17","0.00","24597.17","43167605","10/01/2024","USD"',
      '"INV-101600","09/16/2024","Invoice","624.73","12.49","612.24","43167605","10/01/2024","USD"',
      '"101606","09/16/2024","Invoice","2044.27","0.00","2044.27","43167605","10/01/2024","USD"',
      '',
    ].join('\r\n'));
    const imported = await run(['import', csv, '--payer', 'AMZ']);
    removeDir(dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/imported +amazon_remittance_43167605\.csv: csv, 1 payment/);
  });

  it('fetch: takes each message once, moves what it took, leaves the one that failed, exit 1', async () => {
    const result = await run(['mail', 'fetch', '--since', '2000-01-01', '--json']);
    expect(result.code, result.stderr).toBe(1);
    const [box] = JSON.parse(result.stdout) as Array<{ status: string; messages: Array<Record<string, string | number>> }>;
    expect(box!.status).toBe('ok');
    const byUid = Object.fromEntries(box!.messages.map((m) => [m['uid'], m]));
    expect(byUid[1]).toMatchObject({ status: 'imported', payer: 'HD', payments: 1, where: 'moved to Remit/Processed' });
    expect(byUid[2]).toMatchObject({ status: 'imported', payer: 'AMZ', payments: 1, where: 'moved to Remit/Processed', documents: 'amazon_remittance_83725439.csv' });
    expect(byUid[3]).toMatchObject({ status: 'skipped', where: 'flagged in INBOX' });
    expect(String(byUid[3]!['reason'])).toMatch(/automatic reply/);
    expect(byUid[4]).toMatchObject({ status: 'failed', where: 'left in INBOX' });
    expect(String(byUid[4]!['reason'])).toMatch(/Remittance_2000999999\.pdf/);
    // The body of 43167605 is the payment the CSV brought: nothing applied twice.
    expect(byUid[5]).toMatchObject({ status: 'duplicate', payer: 'AMZ', payments: 0, where: 'moved to Remit/Processed' });
    expect(result.stderr).toMatch(/mail ar: 5 message\(s\): 2 imported, 1 already in the ledger, 1 skipped, 0 wait for a person, 1 failed/);

    const inbox = await folder('INBOX');
    expect(inbox.map((m) => m.messageId).sort()).toEqual([messageIdOf(sample(OUT_OF_OFFICE)), 'broken-1@homedepot.example'].sort());
    expect(inbox.find((m) => m.messageId === 'broken-1@homedepot.example')!.flags).not.toContain('$RemitImported');
    expect(inbox.find((m) => m.messageId !== 'broken-1@homedepot.example')!.flags).toContain('$RemitSkipped');
    expect((await folder('Remit/Processed')).map((m) => m.messageId).sort()).toEqual([messageIdOf(sample(HD_BODY)), messageIdOf(sample(AMZ_CSV)), messageIdOf(sample(AMZ_BODY))].sort());

    const documents = JSON.parse((await run(['report', 'documents', '--json'])).stdout) as Array<Record<string, string>>;
    const hd = documents.find((d) => d['source'] === `mail:ar <${messageIdOf(sample(HD_BODY))}>`);
    expect(hd).toMatchObject({ format: 'email', status: 'imported' });
    expect(documents.find((d) => d['source'] === `mail:ar <${messageIdOf(sample(AMZ_CSV))}>`)).toMatchObject({ format: 'csv', status: 'imported' });
    expect(documents.find((d) => d['source'] === 'mail:ar <broken-1@homedepot.example>')).toMatchObject({ status: 'failed' });
  });

  it('a second fetch finds nothing new, takes nothing again and does not retry the failed message', async () => {
    const before = JSON.parse((await run(['report', 'documents', '--json'])).stdout) as unknown[];
    const again = await run(['mail', 'fetch']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/mail ar: nothing new/);
    expect(JSON.parse((await run(['report', 'documents', '--json'])).stdout)).toHaveLength(before.length);
    // A message delivered again (same Message-ID) is recognised, whatever its UID.
    await append(server, 'INBOX', [sample(HD_BODY).replace(/\r\n/g, '\n')]);
    const redelivered = await run(['mail', 'fetch', '--json']);
    expect(redelivered.code, redelivered.stderr).toBe(0);
    const [box] = JSON.parse(redelivered.stdout) as Array<{ messages: Array<Record<string, string>> }>;
    expect(box!.messages).toMatchObject([{ status: 'duplicate', payments: 0, where: 'moved to Remit/Processed' }]);
    expect(box!.messages[0]!['reason']).toMatch(/taken before/);
  });

  it('status shows the mailbox and the failed message that waits', async () => {
    const status = JSON.parse((await run(['status', '--json'])).stdout) as { mailboxes: Array<Record<string, unknown>> };
    expect(status.mailboxes).toMatchObject([{ id: 'ar', lastStatus: 'ok', loginRefused: null, waiting: 1 }]);
  });

  it('a wrong password: one attempt, exit 1, not tried again the next night until the password is replaced', async () => {
    await createFolder(server, 'Other');
    const add = await run(['mail', 'add', '--id', 'bad', '--host', server.host, '--port', String(server.port), '--tls', 'none', '--user', server.user, '--folder', 'Other', '--password-stdin'], `${WRONG}\n`);
    expect(add.code, add.stderr).toBe(0);
    const before = authFailures();
    const first = await run(['mail', 'fetch', '--mailbox', 'bad']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/mail bad: .*refused the login/);
    await expect.poll(() => authFailures(), { timeout: 10_000 }).toBe(before + 1);
    expect(server.log()).toMatch(/auth failed, 1 attempts/);

    // The next night: remit run does not log in to it again, and says what to do.
    const night = await run(['run']);
    expect(night.code).toBe(1);
    expect(night.stderr).toMatch(/mail bad: not tried: the server refused the login/);
    expect(night.stderr).toMatch(/remit mail password bad/);
    expect(authFailures()).toBe(before + 1);
    const status = await run(['status']);
    expect(status.stdout).toMatch(/mailbox +bad: LOGIN REFUSED/);

    const replaced = await run(['mail', 'password', 'bad', '--password-stdin'], `${server.password}\n`);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toMatch(/the next fetch tries again/);
    const after = await run(['mail', 'fetch', '--mailbox', 'bad']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/mail bad: nothing new/);
    expect(authFailures()).toBe(before + 1);
  });

  it('OAuth2: a refresh token from --token-stdin gives an access token per session (XOAUTH2); one the provider refuses is not tried again', async () => {
    const add = await run(['mail', 'add', '--id', 'o365', '--host', server.host, '--port', String(server.port), '--tls', 'none', '--user', server.user, '--folder', 'Other',
      '--oauth', 'custom', '--client-id', server.tokens.clientId, '--token-url', `${server.tokens.url}/token`, '--token-stdin'], `${server.tokens.refreshToken}\n`);
    expect(add.code, add.stderr).toBe(0);
    expect(readFileSync(join(home, 'remit.yaml'), 'utf8')).not.toContain(server.tokens.refreshToken);
    const fetched = await run(['mail', 'fetch', '--mailbox', 'o365']);
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stderr).toMatch(/mail o365: nothing new/);
    expect(server.tokens.requests.filter((r) => r.grant === 'refresh_token')).toHaveLength(1);
    expect(server.log()).not.toContain([...server.tokens.issued][0]!);

    const dead = await run(['mail', 'password', 'o365', '--token-stdin'], 'rt-revoked-long-ago\n');
    expect(dead.code, dead.stderr).toBe(0);
    const refused = await run(['mail', 'fetch', '--mailbox', 'o365']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/mail o365: .*the refresh token was refused: invalid_grant/);
    const next = await run(['mail', 'fetch', '--mailbox', 'o365']);
    expect(next.code).toBe(1);
    expect(next.stderr).toMatch(/mail o365: not tried/);
    expect(server.tokens.requests.filter((r) => r.grant === 'refresh_token')).toHaveLength(2);
  });

  it('the password is in no file under the workspace (settings, ledger, logs, runs, inbox)', () => {
    const files = allFiles(home);
    expect(files.some((f) => f.includes(`${join(home, 'logs')}`))).toBe(true);
    const leaks = files.filter((file) => {
      const bytes = readFileSync(file);
      return [server.password, WRONG, server.tokens.refreshToken, ...server.tokens.issued].some((secret) => bytes.includes(secret) || bytes.includes(Buffer.from(secret, 'utf16le')));
    });
    expect(leaks).toEqual([]);
  });
});
