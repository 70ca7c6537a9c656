/** OAuth2 requests and answers as data: what is sent, and how each answer is read. */
import { describe, expect, it } from 'vitest';
import { googleProvider, microsoftProvider } from '../../../src/mail/oauth/providers.js';
import { finishDeviceSignIn } from '../../../src/mail/oauth/sign-in.js';
import {
  OAuthError,
  deviceCodeRequest,
  readDeviceCode,
  readPollAnswer,
  readRefreshAnswer,
  refreshRequest,
} from '../../../src/mail/oauth/token-requests.js';

describe('OAuth2 requests', () => {
  it('asks Microsoft for IMAP with offline access at the tenant given, as a public client', () => {
    const request = deviceCodeRequest(microsoftProvider('contoso.onmicrosoft.com'), { clientId: 'app-1' });
    expect(request.url).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode');
    expect(request.form).toEqual({ client_id: 'app-1', scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' });
  });

  it('sends the refresh grant with a client secret only when there is one', () => {
    const google = refreshRequest(googleProvider(), { clientId: 'g', clientSecret: 's' }, 'rt');
    expect(google).toEqual({
      url: 'https://oauth2.googleapis.com/token',
      form: { client_id: 'g', client_secret: 's', grant_type: 'refresh_token', refresh_token: 'rt', scope: 'https://mail.google.com/' },
    });
  });
});

describe('OAuth2 answers', () => {
  it("reads Google's verification_url as the verification page", () => {
    const code = readDeviceCode(200, { device_code: 'd', user_code: 'U', verification_url: 'https://www.google.com/device', expires_in: 1800, interval: 5 });
    expect(code).toMatchObject({ verificationUri: 'https://www.google.com/device', intervalSeconds: 5, expiresInSeconds: 1800 });
  });

  it('tells pending, slow-down, declined and expired apart', () => {
    expect(readPollAnswer(400, { error: 'authorization_pending' })).toEqual({ kind: 'pending' });
    expect(readPollAnswer(400, { error: 'slow_down' })).toEqual({ kind: 'slow-down' });
    expect(readPollAnswer(400, { error: 'authorization_declined' })).toEqual({ kind: 'refused', message: 'the sign-in was declined (authorization_declined)' });
    expect(readPollAnswer(400, { error: 'expired_token' })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/expired/) });
  });

  it('keeps a rotated refresh token, refuses a non-Bearer token, and never quotes a token in an error', () => {
    expect(readRefreshAnswer(200, { token_type: 'Bearer', access_token: 'at', refresh_token: 'rt2', expires_in: 3599 })).toEqual({
      accessToken: 'at', refreshToken: 'rt2', expiresInSeconds: 3599, scope: undefined,
    });
    expect(() => readRefreshAnswer(200, { token_type: 'mac', access_token: 'secret-at' })).toThrow(/not Bearer/);
    try {
      readRefreshAnswer(400, { error: 'invalid_grant', error_description: 'AADSTS700082: The refresh token has expired\r\nTrace ID: x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(OAuthError);
      expect((err as OAuthError).message).toBe('the refresh token was refused: invalid_grant: AADSTS700082: The refresh token has expired');
      expect((err as OAuthError).signInAgain).toBe(true);
    }
  });

  it('slows down by five seconds when told to, and gives up when the code expires', async () => {
    const answers = [{ status: 400, body: { error: 'slow_down' } }, { status: 400, body: { error: 'authorization_pending' } }];
    let clock = 0;
    const waits: number[] = [];
    const sign = finishDeviceSignIn(
      { name: 'custom', deviceCodeUrl: 'x', tokenUrl: 'y', scope: 's' },
      { clientId: 'c' },
      { deviceCode: 'd', userCode: 'u', verificationUri: 'v', message: undefined, intervalSeconds: 5, expiresInSeconds: 12 },
      {
        post: async () => answers.shift() ?? { status: 400, body: { error: 'authorization_pending' } },
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
        now: () => clock,
      },
    );
    await expect(sign).rejects.toThrow(/expired before it was entered/);
    expect(waits).toEqual([5000, 10000]);
  });
});
