import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemitError, UsageError } from '../../src/core/errors.js';
import { writeFileAtomic } from '../../src/workspace/atomic-file.js';
import { openSecretStore, type SecretsConfig } from '../../src/secrets/index.js';

const PASSPHRASE = 'correct horse battery staple';

describe('vault store', () => {
  let workspace: string;
  const env = (passphrase: string | undefined = PASSPHRASE): NodeJS.ProcessEnv =>
    passphrase === undefined ? {} : { REMIT_VAULT_PASSPHRASE: passphrase };
  const config: SecretsConfig = { store: 'vault', passphraseEnv: 'REMIT_VAULT_PASSPHRASE' };
  const open = (e: NodeJS.ProcessEnv = env(), c: SecretsConfig = config) =>
    openSecretStore(c, { workspace, env: e, platform: 'linux' });
  const vaultFile = () => join(workspace, 'secrets.vault');

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'remit-vault-'));
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('stores, reads, replaces and deletes secrets, and a new process reads them back', async () => {
    const store = await open();
    expect(store.kind).toBe('vault');
    expect(await store.get('acme/amazon', 'password')).toBeUndefined();
    await store.set('acme/amazon', 'password', 'hunter2');
    await store.set('acme/amazon', 'totp', 'JBSWY3DPEHPK3PXP');
    await store.set('acme/amazon', 'password', 'hunter3');
    await store.set('globex/amazon', 'password', 'other');
    expect(await store.get('acme/amazon', 'password')).toBe('hunter3');

    const again = await open();
    expect(await again.get('acme/amazon', 'password')).toBe('hunter3');
    expect(await again.get('acme/amazon', 'totp')).toBe('JBSWY3DPEHPK3PXP');
    expect(await again.get('globex/amazon', 'password')).toBe('other');
    expect(await again.get('globex/amazon', 'totp')).toBeUndefined();

    expect(await again.delete('acme/amazon', 'totp')).toBe(true);
    expect(await again.delete('acme/amazon', 'totp')).toBe(false);
    expect(await store.get('acme/amazon', 'totp')).toBeUndefined();
  });

  it('round-trips unicode and large session values', async () => {
    const store = await open();
    const unicode = 'pässwörd ✓ 密码 🔑 \u0000nul "quote"';
    const session = JSON.stringify({ cookies: Array.from({ length: 300 }, (_, i) => ({ name: `c${i}`, value: 'v'.repeat(50) })) });
    await store.set('société/ホームデポ', 'password', unicode);
    await store.set('acme/costco', 'session', session);
    const again = await open();
    expect(await again.get('société/ホームデポ', 'password')).toBe(unicode);
    expect(await again.get('acme/costco', 'session')).toBe(session);
  });

  it('deleteAll removes one account and counts what it removed', async () => {
    const store = await open();
    await store.set('acme/lowes', 'password', 'p');
    await store.set('acme/lowes', 'totp', 't');
    await store.set('acme/lowes', 'session', 's');
    await store.set('initech/lowes', 'password', 'keep');
    expect(await store.deleteAll('acme/lowes')).toBe(3);
    expect(await store.deleteAll('acme/lowes')).toBe(0);
    expect(await store.get('acme/lowes', 'password')).toBeUndefined();
    expect(await store.get('initech/lowes', 'password')).toBe('keep');
  });

  it('writes a 0600 file that holds no plaintext value', async () => {
    const store = await open();
    await store.set('acme/amazon', 'password', 'PLAINTEXT-PASSWORD-123');
    await store.set('acme/amazon', 'session', 'SESSION-COOKIE-456'.repeat(100));
    const bytes = await readFile(vaultFile());
    expect(bytes.includes(Buffer.from('PLAINTEXT-PASSWORD'))).toBe(false);
    expect(bytes.includes(Buffer.from('SESSION-COOKIE'))).toBe(false);
    expect(bytes.includes(Buffer.from(PASSPHRASE))).toBe(false);
    const header = JSON.parse(bytes.toString('utf8'));
    expect(header).toMatchObject({ format: 'remit-vault', version: 1, kdf: { name: 'scrypt' } });
    expect(Buffer.from(header.kdf.salt, 'base64')).toHaveLength(16);
    if (process.platform !== 'win32') expect((await stat(vaultFile())).mode & 0o777).toBe(0o600);
  });

  it('uses a fresh IV for every write', async () => {
    const store = await open();
    await store.set('a', 'password', 'same');
    const first = JSON.parse(await readFile(vaultFile(), 'utf8')).entries['a/password'];
    await store.set('a', 'password', 'same');
    const second = JSON.parse(await readFile(vaultFile(), 'utf8')).entries['a/password'];
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
  });

  it('replaces the file by rename and leaves no temp file behind', async () => {
    const store = await open();
    await store.set('acme/amazon', 'password', 'one');
    const oldContent = await readFile(vaultFile(), 'utf8');
    // A second name for the old file: a rewrite in place would change what it shows.
    const witness = join(tmpdir(), `remit-vault-witness-${process.pid}`);
    await link(vaultFile(), witness);
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.set(`acme/p${i}`, 'password', `v${i}`)));
      expect(await readFile(witness, 'utf8')).toBe(oldContent);
    } finally {
      await rm(witness, { force: true });
    }
    expect(await readdir(workspace)).toEqual(['secrets.vault']);
    for (let i = 0; i < 10; i += 1) expect(await store.get(`acme/p${i}`, 'password')).toBe(`v${i}`);
  });

  it('removes its temp file when the rename fails', async () => {
    const target = join(workspace, 'occupied');
    await mkdir(join(target, 'not-empty'), { recursive: true });
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect((await readdir(workspace)).sort()).toEqual(['occupied']);
  });

  it('says the passphrase does not open the vault, on open', async () => {
    const store = await open();
    await store.set('acme/amazon', 'password', 'hunter2');
    const err = await open(env('wrong passphrase')).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RemitError);
    expect(err).toMatchObject({ code: 'vault-passphrase', exitCode: 2, message: `vault passphrase does not open ${vaultFile()}` });
    expect((err as RemitError).hint).toContain('REMIT_VAULT_PASSPHRASE');
  });

  it('refuses a missing or empty passphrase variable as a usage error naming it', async () => {
    for (const e of [env(undefined), env('')]) {
      const err = await open(e, { store: 'vault', passphraseEnv: 'ACME_VAULT_PW' }).then(() => undefined, (x: unknown) => x);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).exitCode).toBe(2);
      expect((err as UsageError).message).toContain('ACME_VAULT_PW');
    }
  });

  it('defaults the variable to REMIT_VAULT_PASSPHRASE and takes vault_file relative to the workspace', async () => {
    const store = await openSecretStore({ store: 'vault', vaultFile: 'private/remit.vault' }, { workspace, env: env(), platform: 'win32' });
    await store.set('acme/amazon', 'smtp', 'mailpw');
    expect((await readdir(join(workspace, 'private'))).sort()).toEqual(['remit.vault']);
    await expect(openSecretStore({ store: 'vault' }, { workspace, env: {}, platform: 'linux' })).rejects.toThrow(/REMIT_VAULT_PASSPHRASE/);
  });

  it('reports a damaged file or an altered entry clearly, never garbage', async () => {
    const store = await open();
    await store.set('a', 'password', 'alpha');
    await store.set('b', 'password', 'bravo');
    const vault = JSON.parse(await readFile(vaultFile(), 'utf8'));
    // An entry moved under another name does not open: names are authenticated.
    vault.entries['b/password'] = vault.entries['a/password'];
    await writeFile(vaultFile(), JSON.stringify(vault));
    await expect(store.get('b', 'password')).rejects.toMatchObject({ code: 'secrets-unreadable' });
    expect(await store.get('a', 'password')).toBe('alpha');

    await writeFile(vaultFile(), 'not a vault at all');
    await expect(open()).rejects.toMatchObject({ code: 'vault-damaged', exitCode: 2 });
    vault.kdf.N = 2 ** 30;
    await writeFile(vaultFile(), JSON.stringify(vault));
    await expect(open()).rejects.toMatchObject({ code: 'vault-damaged' });
  });

  it('rejects an unknown store in the configuration', async () => {
    await expect(openSecretStore({ store: 'plaintext' } as never, { workspace, env: {}, platform: 'linux' })).rejects.toMatchObject({
      code: 'usage',
    });
  });
});
