import { UsageError } from '../core/errors.js';
import { isSecretKind, SECRET_KINDS } from './types.js';

/** Account names come from remit.yaml and the CLI, so they are checked here, at the boundary. */
export function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.trim() === '' || /[\u0000-\u001f]/.test(account)) {
    throw new UsageError(`not a usable secret account name: ${JSON.stringify(account)}`, 'use the portal account name from remit.yaml');
  }
}

export function checkKind(kind: string): void {
  if (!isSecretKind(kind)) {
    throw new UsageError(`unknown secret kind ${JSON.stringify(kind)}`, `use one of: ${SECRET_KINDS.join(', ')}`);
  }
}

export function checkValue(value: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new UsageError('a secret cannot be empty', 'to remove a secret, delete it');
  }
}
