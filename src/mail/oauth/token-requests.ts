/**
 * The OAuth2 requests remit makes, built as data (url + form fields), and the answers read
 * back: the device authorization request and its polling (RFC 8628,
 * https://www.rfc-editor.org/rfc/rfc8628), and the refresh-token grant (RFC 6749 section 6,
 * https://www.rfc-editor.org/rfc/rfc6749#section-6). Pure. What the server says goes into
 * messages (error, error_description); a token never does.
 */
import { RemitError, oneLine } from '../../core/errors.js';
import type { OAuthProvider } from './providers.js';

export interface FormRequest {
  url: string;
  form: Record<string, string>;
}

export interface OAuthClient {
  clientId: string;
  /** Only for confidential clients (Google "web" clients); public clients send none. */
  clientSecret?: string;
}

export interface DeviceCode {
  deviceCode: string;
  /** What the person types at the verification page. */
  userCode: string;
  verificationUri: string;
  /** The provider's own sentence for the person, when it sends one. */
  message: string | undefined;
  intervalSeconds: number;
  expiresInSeconds: number;
}

export interface Tokens {
  accessToken: string;
  /** A new refresh token when the provider rotates them (Microsoft does): store it in place of the old one. */
  refreshToken: string | undefined;
  expiresInSeconds: number | undefined;
  scope: string | undefined;
}

export type PollAnswer =
  | { kind: 'tokens'; tokens: Tokens }
  | { kind: 'pending' }
  | { kind: 'slow-down' }
  | { kind: 'refused'; message: string };

/** An OAuth2 answer that is not usable: the operator's words, never a token. */
export class OAuthError extends RemitError {
  /** invalid_grant and the like: the refresh token is dead and a person must sign in again. */
  readonly signInAgain: boolean;

  constructor(message: string, signInAgain: boolean, hint?: string) {
    super('oauth', oneLine(message), hint ? { hint } : {});
    this.name = 'OAuthError';
    this.signInAgain = signInAgain;
  }
}

export function deviceCodeRequest(provider: OAuthProvider, client: OAuthClient): FormRequest {
  return { url: provider.deviceCodeUrl, form: withClient(client, { scope: provider.scope }) };
}

export function readDeviceCode(status: number, body: unknown): DeviceCode {
  const json = object(body);
  if (status !== 200) throw refusal('the device sign-in could not start', json, false);
  const deviceCode = text(json['device_code']);
  const userCode = text(json['user_code']);
  // RFC 8628 names it verification_uri; Google's endpoint answers verification_url.
  const verificationUri = text(json['verification_uri']) ?? text(json['verification_url']);
  if (!deviceCode || !userCode || !verificationUri) throw new OAuthError('the device sign-in answer lacks device_code, user_code or verification_uri', false);
  return {
    deviceCode,
    userCode,
    verificationUri,
    message: text(json['message']),
    intervalSeconds: positive(json['interval']) ?? 5,
    expiresInSeconds: positive(json['expires_in']) ?? 900,
  };
}

export function devicePollRequest(provider: OAuthProvider, client: OAuthClient, code: DeviceCode): FormRequest {
  return { url: provider.tokenUrl, form: withClient(client, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: code.deviceCode }) };
}

/** RFC 8628 section 3.5: pending and slow_down mean ask again; anything else ends the sign-in. */
export function readPollAnswer(status: number, body: unknown): PollAnswer {
  const json = object(body);
  if (status === 200) return { kind: 'tokens', tokens: readTokens(json) };
  const error = text(json['error']);
  if (error === 'authorization_pending') return { kind: 'pending' };
  if (error === 'slow_down') return { kind: 'slow-down' };
  const why = error === 'expired_token' ? 'the code expired before it was entered' : error === 'access_denied' || error === 'authorization_declined' ? 'the sign-in was declined' : undefined;
  return { kind: 'refused', message: why ? `${why} (${error})` : describe(json, status) };
}

export function refreshRequest(provider: OAuthProvider, client: OAuthClient, refreshToken: string): FormRequest {
  return { url: provider.tokenUrl, form: withClient(client, { grant_type: 'refresh_token', refresh_token: refreshToken, scope: provider.scope }) };
}

export function readRefreshAnswer(status: number, body: unknown): Tokens {
  const json = object(body);
  if (status === 200) return readTokens(json);
  const error = text(json['error']);
  throw refusal('the refresh token was refused', json, error === 'invalid_grant' || error === 'interaction_required' || error === 'consent_required', status);
}

function readTokens(json: Record<string, unknown>): Tokens {
  const accessToken = text(json['access_token']);
  if (!accessToken) throw new OAuthError('the token answer has no access_token', false);
  const type = text(json['token_type']);
  if (type && type.toLowerCase() !== 'bearer') throw new OAuthError(`the token answer is of type ${type.slice(0, 20)}, not Bearer`, false);
  return { accessToken, refreshToken: text(json['refresh_token']), expiresInSeconds: positive(json['expires_in']), scope: text(json['scope']) };
}

function refusal(what: string, json: Record<string, unknown>, signInAgain: boolean, status?: number): OAuthError {
  return new OAuthError(`${what}: ${describe(json, status)}`, signInAgain, signInAgain ? 'sign in again (remit mail add --oauth ...) to store a new refresh token' : undefined);
}

function describe(json: Record<string, unknown>, status?: number): string {
  const error = text(json['error']) ?? (status !== undefined ? `HTTP ${status}` : 'no error code');
  const description = text(json['error_description'])?.split(/\r?\n/)[0];
  return description ? `${error}: ${description.slice(0, 160)}` : error;
}

function withClient(client: OAuthClient, form: Record<string, string>): Record<string, string> {
  return { client_id: client.clientId, ...(client.clientSecret ? { client_secret: client.clientSecret } : {}), ...form };
}

function object(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positive(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}
