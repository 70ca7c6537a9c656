/**
 * A mailbox's secret, from the keychain (account `mail:<id>`): the password, or an access
 * token for one session made from the stored OAuth2 refresh token (kept in place of the old
 * one when the provider rotates it). A refresh token the provider no longer accepts is a
 * refused login like a wrong password: not tried again until a person signs in again.
 */
import { RemitError } from '../../core/errors.js';
import type { Mailbox } from '../../config/schema.js';
import type { SecretStore } from '../../secrets/index.js';
import type { MailboxCredential } from '../../mail/imap/mailbox.js';
import type { PostForm } from '../../mail/oauth/http.js';
import { googleProvider, microsoftProvider, type OAuthProvider } from '../../mail/oauth/providers.js';
import { accessTokenFromRefresh } from '../../mail/oauth/sign-in.js';
import { OAuthError } from '../../mail/oauth/token-requests.js';

/** The keychain account of a mailbox's secrets: apart from portal accounts of the same id. */
export function mailSecretAccount(mailboxId: string): string {
  return `mail:${mailboxId}`;
}

export function oauthProviderOf(mailbox: Mailbox): OAuthProvider {
  const o = mailbox.oauth;
  const base = o?.provider === 'google' ? googleProvider() : microsoftProvider(o?.tenant);
  return {
    ...base,
    name: o?.provider ?? base.name,
    ...(o?.tokenUrl ? { tokenUrl: o.tokenUrl } : {}),
    ...(o?.deviceCodeUrl ? { deviceCodeUrl: o.deviceCodeUrl } : {}),
    ...(o?.scope ? { scope: o.scope } : {}),
  };
}

/** A refused secret: a wrong password, a dead refresh token. Never tried again until replaced. */
export class MailSecretRefused extends RemitError {
  constructor(message: string, hint: string) {
    super('mail-auth', message, { hint });
  }
}

export async function mailCredential(mailbox: Mailbox, store: SecretStore, post: PostForm): Promise<{ credential: MailboxCredential; secret: string }> {
  const account = mailSecretAccount(mailbox.id);
  if (mailbox.auth === 'password') {
    const password = await store.get(account, 'password');
    if (!password) throw new RemitError('no-password', `no password stored for mailbox ${mailbox.id}`, { hint: `run: remit mail password ${mailbox.id} --password-stdin` });
    return { credential: { kind: 'password', password }, secret: password };
  }
  const refresh = await store.get(account, 'oauth');
  if (!refresh) throw new RemitError('no-token', `no OAuth2 refresh token stored for mailbox ${mailbox.id}`, { hint: `run: remit mail password ${mailbox.id} --token-stdin (or sign in: remit mail add --id ${mailbox.id} --replace ...)` });
  try {
    const tokens = await accessTokenFromRefresh(oauthProviderOf(mailbox), { clientId: mailbox.oauth?.clientId ?? '' }, refresh, { post });
    if (tokens.refreshToken && tokens.refreshToken !== refresh) await store.set(account, 'oauth', tokens.refreshToken);
    return { credential: { kind: 'oauth2', accessToken: tokens.accessToken }, secret: tokens.accessToken };
  } catch (err) {
    if (err instanceof OAuthError && err.signInAgain) throw new MailSecretRefused(`mailbox ${mailbox.id}: ${err.message}`, `sign in again: remit mail password ${mailbox.id} --token-stdin (remit will not try this mailbox until then)`);
    throw err;
  }
}
