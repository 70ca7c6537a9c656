/**
 * The shared sample mailbox (../shared/samples/mail) through a real Dovecot and the built
 * binary, after the sample batch of remittances/ (as portals and file drops deliver it) is
 * imported and matched: every message handled as mail/manifest.csv says (imported, or skipped
 * with its reason), the payer of each found with nothing configured but the open invoices,
 * the attachments that are byte copies of remittances/ applying nothing again, and the
 * body-only payments matched line by line as mail/key.csv says. Prints the figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecretService, type TestSecretService } from '../secrets/secret-service.js';
import { SAMPLES, newWorkspace, parseCsv, remit, remitAsync, removeDir } from '../support/cli.js';
import { startDovecot, type TestDovecot } from '../support/dovecot.js';
import { compareWithKey, readKey } from '../support/key.js';
import { append } from '../mail/imap/seed.js';

const manifest = parseCsv(readFileSync(join(SAMPLES, 'mail', 'manifest.csv'), 'utf8'));
const files = parseCsv(readFileSync(join(SAMPLES, 'manifest.csv'), 'utf8'));
let bus: TestSecretService;
let server: TestDovecot;
let home: string;
let env: Record<string, string>;
let fetched: Array<Record<string, string | number>>;
let fetchCode: number;
let appliedBefore: number;

describe('the shared sample mailbox through Dovecot', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    bus = await startSecretService();
    process.env['DBUS_SESSION_BUS_ADDRESS'] = bus.address;
    env = { DBUS_SESSION_BUS_ADDRESS: bus.address };
    server = await startDovecot();
    home = newWorkspace('NWF');
    expect(remit(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')], { home }).code).toBe(0);
    for (const payer of [...new Set(files.map((row) => row['payer']!))]) {
      const paths = files.filter((row) => row['payer'] === payer).map((row) => join(SAMPLES, row['file']!));
      expect(remit(['import', '--payer', payer, ...paths], { home }).code).toBe(0);
    }
    expect(remit(['match'], { home }).code).toBe(0);
    appliedBefore = parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout).length;

    // In manifest order, so a message's UID is its row number.
    await append(server, 'INBOX', manifest.map((row) => readFileSync(join(SAMPLES, row['file']!), 'latin1').replace(/\r\n/g, '\n')));
    const add = await remitAsync(['mail', 'add', '--id', 'ar', '--host', server.host, '--port', String(server.port), '--tls', 'none', '--user', server.user,
      '--processed-folder', 'Remit/Processed', '--password-stdin'], { home, env, input: `${server.password}\n` });
    expect(add.code, add.stderr).toBe(0);
    const started = performance.now();
    const result = await remitAsync(['mail', 'fetch', '--since', '2024-01-01', '--json'], { home, env });
    const seconds = (performance.now() - started) / 1000;
    fetchCode = result.code;
    fetched = (JSON.parse(result.stdout) as Array<{ messages: Array<Record<string, string | number>> }>)[0]!.messages;
    const count = (status: string) => fetched.filter((m) => m['status'] === status).length;
    console.log(`mail samples: ${fetched.length} messages fetched in ${seconds.toFixed(1)} s: ${count('imported')} imported, ${count('duplicate')} already in the ledger (byte copies of remittances/), ${count('skipped')} skipped, ${count('needs-payer')} for a person, ${count('failed')} failed`);
    expect(remit(['match'], { home }).code).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await bus?.stop();
    if (home) removeDir(home);
  });

  it('handles every message as the manifest says, finding each payer from the open invoices alone', () => {
    expect(fetchCode).toBe(0);
    expect(fetched).toHaveLength(manifest.length);
    const seen = manifest.map((row, index) => {
      const m = fetched.find((f) => f['uid'] === index + 1)!;
      return { file: row['file'], status: m['status'], payer: m['payer'] || '', where: String(m['where']).replace(/ in INBOX| to Remit\/Processed/, '') };
    });
    const expected = manifest.map((row) => {
      if (row['expected'] === 'skip') return { file: row['file'], status: 'skipped', payer: '', where: 'flagged' };
      // A byte copy of a file of remittances/ brings nothing new; the others are payments only mail carries.
      return { file: row['file'], status: row['kind'] === 'attachment' ? 'duplicate' : 'imported', payer: row['payer'], where: 'moved' };
    });
    expect(seen).toEqual(expected);
    const reasons = Object.fromEntries(manifest.map((row, index) => [row['kind'], fetched.find((f) => f['uid'] === index + 1)!['reason']]));
    expect(reasons['out-of-office']).toMatch(/automatic reply/);
    expect(reasons['newsletter']).toMatch(/bulk or list message/);
    expect(reasons['encrypted-zip']).toMatch(/password-protected ZIP/);
  });

  it('matches the body-only payments as mail/key.csv says and applies nothing twice', () => {
    const key = readKey(join(SAMPLES, 'mail'));
    const own = key.filter((row) => row.case !== 'duplicate-of-file');
    const result = compareWithKey(home, own);
    const applied = result.applied - appliedBefore;
    console.log(`mail samples: ${own.length} body-only key lines checked, ${applied} new applications (key expects ${result.expectedApplied}), ${result.mismatches.length} mismatches`);
    expect(result.mismatches).toEqual([]);
    expect(applied).toBe(result.expectedApplied);
    // Every payment once: the batch's and the mail's own, none from the copies.
    const payments = parseCsv(readFileSync(join(SAMPLES, 'payments.csv'), 'utf8')).length + parseCsv(readFileSync(join(SAMPLES, 'mail', 'payments.csv'), 'utf8')).length;
    const batches = parseCsv(remit(['report', 'batches', '--format', 'csv'], { home }).stdout);
    expect(batches.reduce((sum, b) => sum + Number(b['payments']), 0)).toBe(payments);
  });
});
