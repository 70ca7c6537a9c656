import { ExitCode, RemitError, UsageError, oneLine } from '../core/errors.js';
import type { SecretKind } from './types.js';

/** The remit.yaml lines an operator can use instead of the keychain. */
export const VAULT_CHOICE = 'secrets: { store: vault, passphrase_env: REMIT_VAULT_PASSPHRASE }';

const START_SECRET_SERVICE =
  "run remit under a Secret Service: dbus-run-session -- sh -c 'printf %s \"$KEYRING_PASSWORD\" | " +
  "gnome-keyring-daemon --unlock --components=secrets; remit ...'";

/** The OS keychain cannot be reached at all (on Linux: no D-Bus session or no Secret Service on it). */
export function keychainUnavailable(platform: NodeJS.Platform, detail: string): RemitError {
  const hint =
    platform === 'linux'
      ? `${START_SECRET_SERVICE}, or choose the encrypted vault in remit.yaml: ${VAULT_CHOICE}`
      : 'check that the OS keychain is available to this user account';
  const what = platform === 'linux' ? 'no Secret Service is reachable for the keychain' : 'the OS keychain is not available';
  return new RemitError('secrets-unavailable', oneLine(`${what} (${detail})`), { exitCode: ExitCode.usage, hint });
}

/** The Secret Service answered but its collection is locked and nobody can unlock it unattended. */
export function keychainLocked(detail: string): RemitError {
  return new RemitError('secrets-locked', oneLine(`the Secret Service keyring is locked (${detail})`), {
    exitCode: ExitCode.usage,
    hint:
      'unlock it before the run (gnome-keyring-daemon --replace --unlock --components=secrets reads the ' +
      `password on stdin), or choose the encrypted vault in remit.yaml: ${VAULT_CHOICE}`,
  });
}

export function keychainTimeout(ms: number): RemitError {
  return new RemitError('secrets-timeout', `the keychain did not answer within ${Math.round(ms / 1000)}s`, {
    hint: 'an unlock prompt may be waiting on the desktop; unattended runs need an unlocked keychain',
  });
}

export function keychainFailed(op: string, account: string, kind: SecretKind, detail: string): RemitError {
  return new RemitError('secrets-keychain', oneLine(`keychain could not ${op} the ${kind} of ${account}: ${detail}`));
}

/** A stored secret exists but cannot be read back (file missing, altered, or a key that does not fit). */
export function secretUnreadable(account: string, kind: SecretKind, detail: string): RemitError {
  return new RemitError('secrets-unreadable', oneLine(`the stored ${kind} of ${account} cannot be read: ${detail}`), {
    hint: 'store that secret again',
  });
}

export function vaultPassphraseMissing(envName: string): UsageError {
  return new UsageError(
    `the vault passphrase variable ${envName} is not set`,
    `set ${envName} in the environment remit runs with (for a scheduled task, in its environment), or change secrets.passphrase_env in remit.yaml`,
  );
}

export function vaultWrongPassphrase(file: string, envName: string): RemitError {
  return new RemitError('vault-passphrase', `vault passphrase does not open ${file}`, {
    exitCode: ExitCode.usage,
    hint: `check the passphrase in ${envName}; it must be the one the vault was created with`,
  });
}

export function vaultDamaged(file: string, detail: string): RemitError {
  return new RemitError('vault-damaged', oneLine(`${file} is not a readable remit vault: ${detail}`), {
    exitCode: ExitCode.usage,
    hint: 'restore it from a backup, or move it away and store the secrets again',
  });
}
