/**
 * What a secret is for. One keychain entry (or vault entry) per account and kind. A
 * mailbox's secrets are under the account `mail:<id>`: its password, or (`oauth`) the
 * OAuth2 refresh token its access tokens are made from.
 */
export type SecretKind = 'password' | 'totp' | 'session' | 'smtp' | 'oauth';

export const SECRET_KINDS: readonly SecretKind[] = ['password', 'totp', 'session', 'smtp', 'oauth'];

export function isSecretKind(value: string): value is SecretKind {
  return (SECRET_KINDS as readonly string[]).includes(value);
}

/**
 * Where portal passwords, TOTP seeds, saved browser sessions and SMTP passwords live.
 * `account` is the portal account (or SMTP profile) name from remit.yaml.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'vault';
  /** The secret, or undefined when none is stored. */
  get(account: string, kind: SecretKind): Promise<string | undefined>;
  set(account: string, kind: SecretKind, value: string): Promise<void>;
  /** True when a secret was there and has been removed. */
  delete(account: string, kind: SecretKind): Promise<boolean>;
  /** Removes every kind of secret of one account; returns how many there were. */
  deleteAll(account: string): Promise<number>;
}

/** The `secrets:` section of remit.yaml, after validation. */
export interface SecretsConfig {
  store: 'keychain' | 'vault';
  /** Vault file; relative paths are taken from the workspace. Default `<workspace>/secrets.vault`. */
  vaultFile?: string;
  /** Name of the environment variable holding the vault passphrase. Default `REMIT_VAULT_PASSPHRASE`. */
  passphraseEnv?: string;
}
