/**
 * Where Microsoft 365 and Google take OAuth2 requests for IMAP, and the scope IMAP needs.
 * Every endpoint can be replaced (a sovereign cloud, a test server); the tenant of Microsoft
 * is part of the URL ("organizations", "common" or a tenant id).
 *   Microsoft: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-device-code
 *              https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
 *   Google:    https://developers.google.com/identity/protocols/oauth2/limited-input-device
 *              https://developers.google.com/gmail/imap/xoauth2-protocol
 * Google's device flow accepts only a short list of scopes, and https://mail.google.com/ is
 * not on it for every client type: such an account's refresh token is obtained elsewhere and
 * handed to remit (--token-stdin); the refresh exchange below is the same either way.
 */

export interface OAuthProvider {
  name: 'microsoft' | 'google' | 'custom';
  deviceCodeUrl: string;
  tokenUrl: string;
  /** Space-separated scopes asked for; includes offline access so a refresh token comes back. */
  scope: string;
}

export function microsoftProvider(tenant = 'organizations'): OAuthProvider {
  const base = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0`;
  return { name: 'microsoft', deviceCodeUrl: `${base}/devicecode`, tokenUrl: `${base}/token`, scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' };
}

export function googleProvider(): OAuthProvider {
  return { name: 'google', deviceCodeUrl: 'https://oauth2.googleapis.com/device/code', tokenUrl: 'https://oauth2.googleapis.com/token', scope: 'https://mail.google.com/' };
}

/** The IMAP host each provider serves mail on (993, implicit TLS). */
export const IMAP_HOSTS: Record<'microsoft' | 'google', string> = { microsoft: 'outlook.office365.com', google: 'imap.gmail.com' };
