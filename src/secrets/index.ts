/**
 * Secrets: portal passwords, TOTP seeds, saved browser sessions and SMTP passwords.
 *
 * They live only in the OS keychain (Windows Credential Manager, macOS Keychain, Linux
 * Secret Service) or, on a Linux machine with no Secret Service, in an encrypted vault file
 * that the operator chooses in remit.yaml:
 *
 *     secrets: { store: vault, passphrase_env: REMIT_VAULT_PASSPHRASE }
 *
 * Running a Secret Service on a headless Linux box (server, container, cron): remit talks to
 * it over the D-Bus session bus named by DBUS_SESSION_BUS_ADDRESS, and never falls back to
 * the kernel keyring (it forgets everything at reboot). Start a private session bus and an
 * unlocked gnome-keyring for the duration of the run (Debian: `apt install gnome-keyring
 * dbus-daemon`; `dbus-x11` is not needed):
 *
 *     dbus-run-session -- sh -c '
 *       printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets
 *       remit fetch --since yesterday'
 *
 * The first start creates `~/.local/share/keyrings/login.keyring`, encrypted with that
 * password; later starts must feed the same one. Where keeping a keyring password around
 * is no better than a vault passphrase, use the vault.
 */
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { keychainUnavailable, vaultPassphraseMissing } from './errors.js';
import { KeychainStore } from './keychain.js';
import { probeSecretService } from './secret-service-probe.js';
import type { SecretsConfig, SecretStore } from './types.js';
import { VaultStore } from './vault.js';

export type { SecretKind, SecretStore, SecretsConfig } from './types.js';
export { SECRET_KINDS, isSecretKind } from './types.js';

export const DEFAULT_PASSPHRASE_ENV = 'REMIT_VAULT_PASSPHRASE';
export const DEFAULT_VAULT_FILE = 'secrets.vault';

export interface SecretStoreDeps {
  workspace: string;
  /** Environment used for the vault passphrase and for the Secret Service check. */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** How long the Secret Service may take to answer the first call (default 10 s). */
  probeTimeoutMs?: number;
}

/**
 * Open the store chosen in remit.yaml. Fails here, before any portal is touched, when the
 * keychain cannot be reached or the vault does not open.
 *
 * The keychain library reads DBUS_SESSION_BUS_ADDRESS from this process's own environment;
 * `deps.env` is what the reachability check uses, so the CLI passes `process.env`.
 */
export async function openSecretStore(config: SecretsConfig, deps: SecretStoreDeps): Promise<SecretStore> {
  switch (config.store) {
    case 'keychain':
      return openKeychain(deps);
    case 'vault':
      return openVault(config, deps);
    default:
      throw new UsageError(
        `unknown secrets store ${JSON.stringify((config as { store: unknown }).store)}`,
        'use secrets: { store: keychain } or secrets: { store: vault, passphrase_env: REMIT_VAULT_PASSPHRASE }',
      );
  }
}

async function openKeychain(deps: SecretStoreDeps): Promise<SecretStore> {
  // Only the Secret Service speaks over D-Bus; Windows and macOS keychains answer in-process.
  if (deps.platform !== 'win32' && deps.platform !== 'darwin') {
    const probe = await probeSecretService(deps.env, deps.probeTimeoutMs ?? 10_000);
    if (!probe.ok) throw keychainUnavailable(deps.platform, probe.message);
  }
  return new KeychainStore({ workspace: deps.workspace, platform: deps.platform });
}

async function openVault(config: SecretsConfig, deps: SecretStoreDeps): Promise<SecretStore> {
  const passphraseEnv = config.passphraseEnv ?? DEFAULT_PASSPHRASE_ENV;
  const passphrase = deps.env[passphraseEnv];
  if (passphrase === undefined || passphrase === '') throw vaultPassphraseMissing(passphraseEnv);
  const configured = config.vaultFile ?? DEFAULT_VAULT_FILE;
  const file = isAbsolute(configured) ? configured : resolve(deps.workspace, configured);
  return VaultStore.open({ file, passphrase, passphraseEnv });
}
