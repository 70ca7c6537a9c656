import { createServer, type Server, type Socket } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemitError } from '../../src/core/errors.js';
import { openSecretStore, type SecretStore } from '../../src/secrets/index.js';
import { startSecretService, type TestSecretService } from './secret-service.js';

// Real Secret Service only exists on Linux here; on Windows and macOS this would touch the
// developer's own keychain, so it does not run there.
describe.runIf(process.platform === 'linux')('keychain store on a real Secret Service', () => {
  let service: TestSecretService;
  let workspace: string;
  let store: SecretStore;
  const savedAddress = process.env.DBUS_SESSION_BUS_ADDRESS;
  let n = 0;
  const account = (name: string) => `${name}-${process.pid}-${(n += 1)}`;

  beforeAll(async () => {
    service = await startSecretService();
    // @napi-rs/keyring reads the bus address from this process's environment and keeps
    // its first connection, so it is set before the first keychain call of this file.
    process.env.DBUS_SESSION_BUS_ADDRESS = service.address;
    workspace = await mkdtemp(join(tmpdir(), 'remit-kc-'));
    store = await openSecretStore({ store: 'keychain' }, { workspace, env: process.env, platform: 'linux' });
  }, 30_000);

  afterAll(async () => {
    if (savedAddress === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = savedAddress;
    await service?.stop();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('stores, reads and deletes each kind of secret', async () => {
    const acct = account('acme/amazon');
    expect(store.kind).toBe('keychain');
    for (const kind of ['password', 'totp', 'smtp', 'session'] as const) {
      expect(await store.get(acct, kind)).toBeUndefined();
      await store.set(acct, kind, `${kind}-value`);
      expect(await store.get(acct, kind)).toBe(`${kind}-value`);
      await store.set(acct, kind, `${kind}-changed`);
      expect(await store.get(acct, kind)).toBe(`${kind}-changed`);
      expect(await store.delete(acct, kind)).toBe(true);
      expect(await store.get(acct, kind)).toBeUndefined();
      expect(await store.delete(acct, kind)).toBe(false);
    }
  });

  it('puts entries in the Secret Service under service remit, one per account and kind', async () => {
    const acct = account('acme/walmart');
    await store.set(acct, 'password', 'hunter2');
    expect(await service.search({ service: 'remit', username: `${acct}/password` })).toHaveLength(1);
    expect(await service.search({ service: 'remit', username: `${acct}/totp` })).toHaveLength(0);
    await store.delete(acct, 'password');
    expect(await service.search({ service: 'remit', username: `${acct}/password` })).toHaveLength(0);
  });

  it('keeps two accounts apart', async () => {
    const a = account('acme/target');
    const b = account('globex/target');
    await store.set(a, 'password', 'alpha');
    await store.set(b, 'password', 'bravo');
    await store.set(a, 'totp', 'JBSWY3DPEHPK3PXP');
    expect(await store.get(a, 'password')).toBe('alpha');
    expect(await store.get(b, 'password')).toBe('bravo');
    expect(await store.get(b, 'totp')).toBeUndefined();
    expect(await store.delete(a, 'password')).toBe(true);
    expect(await store.get(b, 'password')).toBe('bravo');
    await store.deleteAll(a);
    await store.deleteAll(b);
  });

  it('round-trips unicode values and account names exactly', async () => {
    const acct = account('société/ホームデポ');
    const value = 'pässwörd ✓ 密码 🔑 \u0000nul\ttab "quote" \\slash';
    await store.set(acct, 'password', value);
    expect(await store.get(acct, 'password')).toBe(value);
    await store.deleteAll(acct);
  });

  it('seals a large session in a file under <workspace>/secrets that holds no plaintext', async () => {
    const acct = account('acme/costco');
    const marker = 'SESSIONCOOKIE-do-not-leak';
    const session = JSON.stringify({
      cookies: Array.from({ length: 200 }, (_, i) => ({ name: `c${i}`, value: `${marker}-${i}`, domain: '.costco.example' })),
    });
    expect(session.length).toBeGreaterThan(10_000);
    await store.set(acct, 'session', session);
    expect(await store.get(acct, 'session')).toBe(session);

    const files = await readdir(join(workspace, 'secrets'));
    const sealed = files.filter((f) => f.endsWith('.sealed'));
    expect(sealed).toHaveLength(1);
    const bytes = await readFile(join(workspace, 'secrets', sealed[0] ?? ''));
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.includes(Buffer.from(marker))).toBe(false);
    expect(bytes.includes(Buffer.from('cookies'))).toBe(false);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);

    // Overwritten in place under the same key, then removed with the entry.
    const smaller = session.slice(0, 5_000);
    await store.set(acct, 'session', smaller);
    expect(await store.get(acct, 'session')).toBe(smaller);
    expect(await store.delete(acct, 'session')).toBe(true);
    expect((await readdir(join(workspace, 'secrets'))).filter((f) => f.endsWith('.sealed'))).toHaveLength(0);
  });

  it('moves a password between keychain and file as it grows and shrinks', async () => {
    const acct = account('acme/homedepot');
    const long = 'x'.repeat(3_000);
    await store.set(acct, 'password', long);
    expect(await store.get(acct, 'password')).toBe(long);
    expect((await readdir(join(workspace, 'secrets'))).filter((f) => f.endsWith('.sealed'))).toHaveLength(1);
    await store.set(acct, 'password', 'short');
    expect(await store.get(acct, 'password')).toBe('short');
    expect((await readdir(join(workspace, 'secrets'))).filter((f) => f.endsWith('.sealed'))).toHaveLength(0);
    await store.deleteAll(acct);
  });

  it('reports a sealed file that was altered instead of returning garbage', async () => {
    const acct = account('acme/kroger');
    await store.set(acct, 'session', 'cookie=1');
    const [file] = (await readdir(join(workspace, 'secrets'))).filter((f) => f.endsWith('.sealed'));
    const path = join(workspace, 'secrets', file ?? '');
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    await writeFile(path, bytes);
    await expect(store.get(acct, 'session')).rejects.toMatchObject({ code: 'secrets-unreadable' });
    await store.deleteAll(acct);
  });

  it('deleteAll removes every kind of one account and counts them', async () => {
    const a = account('acme/lowes');
    const b = account('initech/lowes');
    await store.set(a, 'password', 'p');
    await store.set(a, 'totp', 't');
    await store.set(a, 'session', 's'.repeat(12_000));
    await store.set(b, 'password', 'other');
    expect(await store.deleteAll(a)).toBe(3);
    for (const kind of ['password', 'totp', 'session', 'smtp'] as const) expect(await store.get(a, kind)).toBeUndefined();
    expect(await store.get(b, 'password')).toBe('other');
    expect(await store.deleteAll(a)).toBe(0);
    expect(await store.deleteAll(b)).toBe(1);
  });

  it('refuses an empty account name or an unknown kind as a usage error', async () => {
    await expect(store.get('', 'password')).rejects.toMatchObject({ code: 'usage', exitCode: 2 });
    await expect(store.get('x', 'cookie' as never)).rejects.toMatchObject({ code: 'usage', exitCode: 2 });
  });

  it('fails fast with a clear error when DBUS_SESSION_BUS_ADDRESS points nowhere', async () => {
    const started = Date.now();
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(workspace, 'no-such-bus')}` };
    const err = await openSecretStore({ store: 'keychain' }, { workspace, env, platform: 'linux', probeTimeoutMs: 5_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expectUnavailable(err);
  });

  it('fails with the same error when there is no D-Bus session at all', async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const err = await openSecretStore({ store: 'keychain' }, { workspace, env, platform: 'linux', probeTimeoutMs: 5_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expectUnavailable(err);
  });

  it('gives up on a session bus that never answers, within the probe deadline', async () => {
    const socket = join(workspace, 'silent.sock');
    const clients: Socket[] = [];
    // Accepts and says nothing, like a wedged bus.
    const silent: Server = createServer((client) => clients.push(client));
    await new Promise<void>((resolve) => silent.listen(socket, resolve));
    try {
      const started = Date.now();
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}` };
      const err = await openSecretStore({ store: 'keychain' }, { workspace, env, platform: 'linux', probeTimeoutMs: 1_500 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(4_000);
      expectUnavailable(err);
      expect((err as RemitError).message).toMatch(/did not answer within 1\.5s/);
    } finally {
      for (const client of clients) client.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  // Last: it locks the collection for the rest of the file.
  it('says the keyring is locked when it is, instead of failing obscurely', async () => {
    const acct = account('acme/locked');
    await store.set(acct, 'password', 'before-lock');
    await service.lock();
    await expect(store.get(acct, 'password')).rejects.toMatchObject({ code: 'secrets-locked', exitCode: 2 });
    await expect(store.set(acct, 'totp', 'x')).rejects.toMatchObject({ code: 'secrets-locked' });
  });
});

function expectUnavailable(err: unknown): void {
  expect(err).toBeInstanceOf(RemitError);
  const e = err as RemitError;
  expect(e.code).toBe('secrets-unavailable');
  expect(e.exitCode).toBe(2);
  expect(e.message).toMatch(/^no Secret Service is reachable for the keychain \(/);
  expect(e.message).not.toContain('\n');
  expect(e.hint).toContain('dbus-run-session');
  expect(e.hint).toContain('gnome-keyring-daemon --unlock --components=secrets');
  expect(e.hint).toContain('secrets: { store: vault, passphrase_env: REMIT_VAULT_PASSPHRASE }');
}
