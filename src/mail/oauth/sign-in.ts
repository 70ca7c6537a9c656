/**
 * The OAuth2 steps remit runs: start a device-code sign-in (show the person a code and a
 * page), wait for it to finish (polling at the interval the provider asks, slower when told
 * to), and turn a stored refresh token into an access token for one IMAP session. The
 * network, the clock and waiting come in as parameters, so tests drive them.
 */
import {
  OAuthError,
  deviceCodeRequest,
  devicePollRequest,
  readDeviceCode,
  readPollAnswer,
  readRefreshAnswer,
  refreshRequest,
  type DeviceCode,
  type OAuthClient,
  type Tokens,
} from './token-requests.js';
import type { OAuthProvider } from './providers.js';
import type { PostForm } from './http.js';

export interface SignInDeps {
  post: PostForm;
  /** Waits; tests pass one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
}

/** Asks for a device code: show `userCode` and `verificationUri` (or `message`) to the person. */
export async function startDeviceSignIn(provider: OAuthProvider, client: OAuthClient, deps: Pick<SignInDeps, 'post'>): Promise<DeviceCode> {
  const answer = await deps.post(deviceCodeRequest(provider, client));
  return readDeviceCode(answer.status, answer.body);
}

/** Polls until the person has signed in; throws OAuthError when declined or expired. */
export async function finishDeviceSignIn(provider: OAuthProvider, client: OAuthClient, code: DeviceCode, deps: SignInDeps): Promise<Tokens> {
  const deadline = deps.now() + code.expiresInSeconds * 1000;
  let interval = code.intervalSeconds * 1000;
  for (;;) {
    await deps.sleep(interval);
    if (deps.now() > deadline) throw new OAuthError('the sign-in code expired before it was entered', false, 'start the sign-in again');
    const answer = await deps.post(devicePollRequest(provider, client, code));
    const poll = readPollAnswer(answer.status, answer.body);
    if (poll.kind === 'tokens') {
      if (!poll.tokens.refreshToken) throw new OAuthError('the sign-in gave no refresh token (was offline access granted?)', false);
      return poll.tokens;
    }
    if (poll.kind === 'refused') throw new OAuthError(`the sign-in ended: ${poll.message}`, false);
    // RFC 8628 3.5: slow_down adds 5 seconds to the interval for this and later requests.
    if (poll.kind === 'slow-down') interval += 5000;
  }
}

/** An access token for one session; keep `refreshToken` when it comes back rotated. */
export async function accessTokenFromRefresh(provider: OAuthProvider, client: OAuthClient, refreshToken: string, deps: Pick<SignInDeps, 'post'>): Promise<Tokens> {
  const answer = await deps.post(refreshRequest(provider, client, refreshToken));
  return readRefreshAnswer(answer.status, answer.body);
}
