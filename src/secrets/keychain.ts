import { AsyncEntry } from '@napi-rs/keyring';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, RemitError } from '../core/errors.js';
import { writeFileAtomic } from '../workspace/atomic-file.js';
import {
  keychainFailed,
  keychainLocked,
  keychainTimeout,
  keychainUnavailable,
  secretUnreadable,
} from './errors.js';
import { KEY_BYTES, newKey, seal, sealedFromBytes, sealedToBytes, unseal } from './seal.js';
import { SECRET_KINDS, type SecretKind, type SecretStore } from './types.js';
import { checkAccount, checkKind, checkValue } from './validate.js';

export const KEYCHAIN_SERVICE = 'remit';

/**
 * Windows Credential Manager holds at most 2560 bytes per credential and the password is
 * stored as UTF-16, so anything near that size is sealed in a file instead. Saved browser
 * sessions always go to a file: they grow with every cookie a portal sets.
 */
const MAX_INLINE_UTF16_BYTES = 2048;

/** Keychain value meaning "the secret is in a sealed file; this is its key". */
const SEALED_PREFIX = 'remit-sealed:v1:';

export interface KeychainOptions {
  workspace: string;
  platform: NodeJS.Platform;
  /** Bound on one keychain call, so an unanswered unlock prompt cannot stall a run. */
  timeoutMs?: number;
}

/**
 * Secrets in the OS keychain, one entry per account and kind (service `remit`, user
 * `<account>/<kind>`). On Linux every entry is pinned to the Secret Service so the library
 * never falls back to the kernel keyring, which forgets everything at reboot.
 *
 * Large values are AES-256-GCM sealed in `<workspace>/secrets/<sha256>.sealed`; the keychain
 * entry then holds the file's random 256-bit key. No plaintext ever touches disk.
 */
export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  private readonly dir: string;
  private readonly platform: NodeJS.Platform;
  private readonly timeoutMs: number;

  constructor(options: KeychainOptions) {
    this.dir = join(options.workspace, 'secrets');
    this.platform = options.platform;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async get(account: string, kind: SecretKind): Promise<string | undefined> {
    checkAccount(account);
    checkKind(kind);
    const stored = await this.call('read', account, kind, (entry) => entry.getPassword());
    if (stored === null) return undefined;
    if (!stored.startsWith(SEALED_PREFIX)) return stored;
    const key = sealedKey(stored);
    if (!key) throw secretUnreadable(account, kind, 'its keychain entry does not hold a valid key');
    const file = this.sealedFile(account, kind);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw secretUnreadable(account, kind, `cannot read ${file}: ${errorMessage(err)}`);
    }
    const sealed = sealedFromBytes(bytes);
    const value = sealed ? unseal(key, sealLabel(account, kind), sealed) : undefined;
    if (value === undefined) throw secretUnreadable(account, kind, `${file} does not open with its key (altered or replaced)`);
    return value;
  }

  async set(account: string, kind: SecretKind, value: string): Promise<void> {
    checkAccount(account);
    checkKind(kind);
    checkValue(value);
    if (!this.belongsInFile(kind, value)) {
      await this.call('store', account, kind, (entry) => entry.setPassword(value));
      await rm(this.sealedFile(account, kind), { force: true });
      return;
    }
    // Keep an existing key: the file is replaced atomically under the same key, so a crash
    // between the two writes never leaves a key that does not fit its file.
    const stored = await this.call('read', account, kind, (entry) => entry.getPassword());
    const existing = stored?.startsWith(SEALED_PREFIX) ? sealedKey(stored) : undefined;
    const key = existing ?? newKey();
    const sealed = seal(key, sealLabel(account, kind), value);
    await writeFileAtomic(this.sealedFile(account, kind), sealedToBytes(sealed));
    if (!existing) {
      await this.call('store', account, kind, (entry) => entry.setPassword(SEALED_PREFIX + key.toString('base64url')));
    }
  }

  async delete(account: string, kind: SecretKind): Promise<boolean> {
    checkAccount(account);
    checkKind(kind);
    const deleted = await this.call('delete', account, kind, (entry) => entry.deleteCredential());
    // A file without its key cannot be opened; remove it anyway so nothing is left behind.
    await rm(this.sealedFile(account, kind), { force: true });
    return deleted;
  }

  async deleteAll(account: string): Promise<number> {
    checkAccount(account);
    let count = 0;
    for (const kind of SECRET_KINDS) {
      if (await this.delete(account, kind)) count += 1;
    }
    return count;
  }

  private belongsInFile(kind: SecretKind, value: string): boolean {
    // A value that looks like a key pointer is sealed too, so reading it back is never ambiguous.
    return kind === 'session' || value.length * 2 > MAX_INLINE_UTF16_BYTES || value.startsWith(SEALED_PREFIX);
  }

  private sealedFile(account: string, kind: SecretKind): string {
    // Hashed so that any account name makes a safe file name on every platform.
    const name = createHash('sha256').update(entryUser(account, kind), 'utf8').digest('hex');
    return join(this.dir, `${name}.sealed`);
  }

  /** Run one keychain call with a deadline, turning library errors into operator errors. */
  private async call<T>(
    op: 'read' | 'store' | 'delete',
    account: string,
    kind: SecretKind,
    fn: (entry: AsyncEntry) => Promise<T>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(keychainTimeout(this.timeoutMs)), this.timeoutMs);
    });
    try {
      // The constructor talks to the keychain too (it checks the pinned store), so it is inside the try.
      const entry = new AsyncEntry(KEYCHAIN_SERVICE, entryUser(account, kind), { linux: { store: 'secret-service' } });
      return await Promise.race([fn(entry), deadline]);
    } catch (err) {
      throw this.explain(err, op, account, kind);
    } finally {
      clearTimeout(timer);
    }
  }

  private explain(err: unknown, op: string, account: string, kind: SecretKind): Error {
    if (err instanceof RemitError) return err;
    const message = errorMessage(err);
    if (/\block(ed)?\b|unlock/i.test(message)) return keychainLocked(message);
    if (/d-?bus|org\.freedesktop\.secrets|secret service/i.test(message)) return keychainUnavailable(this.platform, message);
    return keychainFailed(op, account, kind, message);
  }
}

/** The keychain user name of one secret. */
export function entryUser(account: string, kind: SecretKind): string {
  return `${account}/${kind}`;
}

function sealLabel(account: string, kind: SecretKind): string {
  return `${SEALED_PREFIX}${entryUser(account, kind)}`;
}

function sealedKey(stored: string): Buffer | undefined {
  const key = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
  return key.length === KEY_BYTES ? key : undefined;
}
