/**
 * OAuth2 end to end on this machine: the device-code sign-in and the refresh-token exchange
 * against the test's token server, and the access token they give accepted by a real
 * Dovecot over XOAUTH2 (its oauth2 passdb asks the token server to introspect the token).
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxError } from '../../../src/mail/imap/errors.js';
import { openMailbox } from '../../../src/mail/imap/mailbox.js';
import { formPoster } from '../../../src/mail/oauth/http.js';
import type { OAuthProvider } from '../../../src/mail/oauth/providers.js';
import { accessTokenFromRefresh, finishDeviceSignIn, startDeviceSignIn } from '../../../src/mail/oauth/sign-in.js';
import { OAuthError } from '../../../src/mail/oauth/token-requests.js';
import { startDovecot, type TestDovecot } from '../../support/dovecot.js';
import { append, remittanceMail } from '../imap/seed.js';

let server: TestDovecot;
let provider: OAuthProvider;
const post = formPoster({ timeoutMs: 5000 });

beforeAll(async () => {
  server = await startDovecot();
  await append(server, 'INBOX', [remittanceMail(7)]);
  provider = { name: 'custom', deviceCodeUrl: `${server.tokens.url}/devicecode`, tokenUrl: `${server.tokens.url}/token`, scope: 'imap offline_access' };
}, 60_000);
afterAll(async () => server?.stop());

const client = () => ({ clientId: server.tokens.clientId });

async function listWith(accessToken: string) {
  const mailbox = await openMailbox({ host: server.host, port: server.port, tls: 'none', user: server.user }, { kind: 'oauth2', accessToken });
  try {
    return await mailbox.listNew('INBOX', undefined);
  } finally {
    await mailbox.close();
  }
}

describe('XOAUTH2 against Dovecot', () => {
  it('a refresh token becomes an access token that Dovecot accepts', async () => {
    const tokens = await accessTokenFromRefresh(provider, client(), server.tokens.refreshToken, { post });
    expect(tokens.accessToken).toMatch(/^at-/);
    const listed = await listWith(tokens.accessToken);
    expect(listed.messages.map((m) => m.messageId)).toEqual(['remit-7@payer.example']);
    expect(server.tokens.requests).toEqual(expect.arrayContaining([{ path: '/token', grant: 'refresh_token' }, { path: '/introspect', grant: 'introspect' }]));
    expect(server.log()).toMatch(/method=XOAUTH2|method=OAUTHBEARER/);
    expect(server.log()).not.toContain(tokens.accessToken);
  });

  it('the device-code sign-in waits out "authorization_pending" and yields a refresh token that works', async () => {
    const code = await startDeviceSignIn(provider, client(), { post });
    expect(code.userCode).toBe('BDFH-JKLM');
    expect(code.verificationUri).toBe(`${server.tokens.url}/device`);
    let clock = 0;
    const waits: number[] = [];
    const tokens = await finishDeviceSignIn(provider, client(), code, {
      post,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      now: () => clock,
    });
    expect(waits).toEqual([1000, 1000]);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    const again = await accessTokenFromRefresh(provider, client(), tokens.refreshToken!, { post });
    expect((await listWith(again.accessToken)).messages).toHaveLength(1);
  });

  it('a token the provider no longer honours is a refused login (auth, not retried)', async () => {
    const tokens = await accessTokenFromRefresh(provider, client(), server.tokens.refreshToken, { post });
    server.tokens.revokeAll();
    const err = await listWith(tokens.accessToken).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(MailboxError);
    expect((err as MailboxError).kind).toBe('auth');
    expect((err as MailboxError).retryable).toBe(false);
    expect((err as MailboxError).message).not.toContain(tokens.accessToken);
  });

  it('a dead refresh token says to sign in again, and repeats no token', async () => {
    const dead = 'rt-not-issued-by-this-server';
    const err = await accessTokenFromRefresh(provider, client(), dead, { post }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect((err as OAuthError).signInAgain).toBe(true);
    expect((err as OAuthError).message).toMatch(/invalid_grant/);
    expect(`${(err as OAuthError).message} ${(err as OAuthError).hint}`).not.toContain(dead);
  });

  it('a token endpoint that is not there is a one-line network error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const gone = { ...provider, tokenUrl: `http://127.0.0.1:${port}/token` };
    const err = await accessTokenFromRefresh(gone, client(), server.tokens.refreshToken, { post }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect((err as OAuthError).message).toBe(`could not reach 127.0.0.1:${port} (ECONNREFUSED)`);
    expect((err as OAuthError).message).not.toContain(server.tokens.refreshToken);
  });
});
