import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { errorMessage } from '../core/errors.js';
import { writeFileAtomic } from '../workspace/atomic-file.js';
import { secretUnreadable, vaultDamaged, vaultWrongPassphrase } from './errors.js';
import { KEY_BYTES, seal, unseal, type Sealed } from './seal.js';
import { SECRET_KINDS, type SecretKind, type SecretStore } from './types.js';
import { checkAccount, checkKind, checkValue } from './validate.js';

/**
 * The vault file, as JSON. The header (format, kdf with its random salt, check) is readable
 * without the passphrase; every entry is AES-256-GCM with its own random IV, authenticated
 * together with its name so an entry moved under another name does not open.
 */
interface VaultFile {
  format: 'remit-vault';
  version: 1;
  kdf: KdfParams;
  /** A known text sealed with the key: tells a wrong passphrase from a damaged entry. */
  check: SealedJson;
  entries: Record<string, SealedJson>;
}

interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

interface SealedJson {
  iv: string;
  tag: string;
  data: string;
}

/** scrypt cost for new vaults: about 100 ms and 32 MiB, once per run. */
const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const CHECK_LABEL = 'remit-vault:v1:check';
const CHECK_TEXT = 'remit vault';

export interface VaultOptions {
  file: string;
  passphrase: string;
  /** Named in errors so the operator knows which variable to fix. */
  passphraseEnv: string;
}

/**
 * Secrets in one passphrase-protected file, for Linux machines with no Secret Service.
 * Every change rewrites the file through a temp file and a rename (mode 0600).
 */
export class VaultStore implements SecretStore {
  readonly kind = 'vault' as const;
  private readonly file: string;
  private readonly passphrase: string;
  private readonly passphraseEnv: string;
  /** Derived keys by kdf header, so scrypt runs once per vault, not once per call. */
  private readonly keys = new Map<string, Promise<Buffer>>();
  /** Changes in this process run one after another: each is read, modify, rename. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(options: VaultOptions) {
    this.file = options.file;
    this.passphrase = options.passphrase;
    this.passphraseEnv = options.passphraseEnv;
  }

  /** Open the vault; an existing file must open with the passphrase, or this fails now rather than mid-run. */
  static async open(options: VaultOptions): Promise<VaultStore> {
    const store = new VaultStore(options);
    await store.load();
    return store;
  }

  async get(account: string, kind: SecretKind): Promise<string | undefined> {
    checkAccount(account);
    checkKind(kind);
    const loaded = await this.load();
    const entry = loaded?.vault.entries[entryName(account, kind)];
    if (!loaded || !entry) return undefined;
    const value = unsealJson(loaded.key, entryLabel(account, kind), entry);
    if (value === undefined) throw secretUnreadable(account, kind, `its entry in ${this.file} has been altered`);
    return value;
  }

  async set(account: string, kind: SecretKind, value: string): Promise<void> {
    checkAccount(account);
    checkKind(kind);
    checkValue(value);
    await this.change(({ vault, key }) => {
      vault.entries[entryName(account, kind)] = sealJson(key, entryLabel(account, kind), value);
      return true;
    });
  }

  async delete(account: string, kind: SecretKind): Promise<boolean> {
    checkAccount(account);
    checkKind(kind);
    return (await this.removeKinds(account, [kind])) === 1;
  }

  async deleteAll(account: string): Promise<number> {
    checkAccount(account);
    return this.removeKinds(account, SECRET_KINDS);
  }

  private async removeKinds(account: string, kinds: readonly SecretKind[]): Promise<number> {
    let removed = 0;
    await this.change(({ vault }) => {
      for (const kind of kinds) {
        const name = entryName(account, kind);
        if (Object.hasOwn(vault.entries, name)) {
          delete vault.entries[name];
          removed += 1;
        }
      }
      return removed > 0;
    });
    return removed;
  }

  /** Read the file fresh, let `edit` change it, and write it back when `edit` says so. */
  private change(edit: (loaded: { vault: VaultFile; key: Buffer }) => boolean): Promise<void> {
    const run = this.queue.then(async () => {
      const loaded = (await this.load()) ?? (await this.create());
      if (edit(loaded)) await writeFileAtomic(this.file, `${JSON.stringify(loaded.vault, null, 2)}\n`);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async create(): Promise<{ vault: VaultFile; key: Buffer }> {
    const kdf: KdfParams = { name: 'scrypt', ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
    const key = await this.deriveKey(kdf);
    const vault: VaultFile = { format: 'remit-vault', version: 1, kdf, check: sealJson(key, CHECK_LABEL, CHECK_TEXT), entries: {} };
    return { vault, key };
  }

  /** The vault and its key, or undefined when the file does not exist yet. */
  private async load(): Promise<{ vault: VaultFile; key: Buffer } | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw vaultDamaged(this.file, errorMessage(err));
    }
    const vault = parseVault(this.file, text);
    const key = await this.deriveKey(vault.kdf);
    if (unsealJson(key, CHECK_LABEL, vault.check) !== CHECK_TEXT) throw vaultWrongPassphrase(this.file, this.passphraseEnv);
    return { vault, key };
  }

  private deriveKey(kdf: KdfParams): Promise<Buffer> {
    const id = `${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`;
    let key = this.keys.get(id);
    if (!key) {
      key = scryptAsync(this.passphrase, Buffer.from(kdf.salt, 'base64'), { N: kdf.N, r: kdf.r, p: kdf.p });
      this.keys.set(id, key);
    }
    return key;
  }
}

function scryptAsync(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function entryName(account: string, kind: SecretKind): string {
  return `${account}/${kind}`;
}

function entryLabel(account: string, kind: SecretKind): string {
  return `remit-vault:v1:${entryName(account, kind)}`;
}

function sealJson(key: Buffer, label: string, value: string): SealedJson {
  const sealed = seal(key, label, value);
  return { iv: sealed.iv.toString('base64'), tag: sealed.tag.toString('base64'), data: sealed.data.toString('base64') };
}

function unsealJson(key: Buffer, label: string, json: SealedJson): string | undefined {
  const sealed: Sealed = {
    iv: Buffer.from(json.iv, 'base64'),
    tag: Buffer.from(json.tag, 'base64'),
    data: Buffer.from(json.data, 'base64'),
  };
  return unseal(key, label, sealed);
}

/** Check the shape of a vault file; the scrypt cost is bounded so an edited header cannot exhaust memory. */
function parseVault(file: string, text: string): VaultFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw vaultDamaged(file, 'not JSON');
  }
  if (!isRecord(value) || value.format !== 'remit-vault') throw vaultDamaged(file, 'no remit-vault header');
  if (value.version !== 1) throw vaultDamaged(file, `vault version ${String(value.version)} is not supported by this remit`);
  const kdf = value.kdf;
  if (
    !isRecord(kdf) ||
    kdf.name !== 'scrypt' ||
    typeof kdf.salt !== 'string' ||
    !isPowerOfTwo(kdf.N, 2 ** 10, 2 ** 20) ||
    !isIntIn(kdf.r, 1, 32) ||
    !isIntIn(kdf.p, 1, 16)
  ) {
    throw vaultDamaged(file, 'bad key derivation header');
  }
  if (!isSealedJson(value.check)) throw vaultDamaged(file, 'bad check block');
  const entries = value.entries;
  if (!isRecord(entries) || !Object.values(entries).every(isSealedJson)) throw vaultDamaged(file, 'bad entries');
  return value as unknown as VaultFile;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSealedJson(value: unknown): value is SealedJson {
  return isRecord(value) && typeof value.iv === 'string' && typeof value.tag === 'string' && typeof value.data === 'string';
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isPowerOfTwo(value: unknown, min: number, max: number): value is number {
  return isIntIn(value, min, max) && (value & (value - 1)) === 0;
}
