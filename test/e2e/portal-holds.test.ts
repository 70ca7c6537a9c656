/**
 * A refused password is sent once, not once a night: the account is held in the ledger,
 * later runs skip it and say why (status, summary.json, the notification) until the operator
 * stores a new password or resumes it. Real CLI, real Chromium, the fixture portal, the vault.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../../fixtures/portals/index.mjs';
import { readZip } from '../../src/fetch/evidence/zip.js';
import { remit, remitAsync, removeDir } from '../support/cli.js';
import { VAULT, vaultWorkspaceWithNorthwind } from '../support/vault-workspace.js';
import { startReceiver, type TestReceiver } from '../notify/helpers.js';

interface RunningPortal {
  url: string;
  close(): Promise<void>;
  options: Record<string, unknown>;
  state: { loginAttempts: number; logins: number; downloads: string[] };
}

const PASSWORD = 'Held-pa55word-7731';
const WRONG = 'not-the-Password-9';

describe('a portal that refuses the stored password', () => {
  let portal: RunningPortal;
  let hook: TestReceiver;
  let home: string;

  beforeAll(async () => {
    // Northwind locks after 3 wrong passwords: three nights of retrying would lock it.
    portal = (await startPortal('northwind', { password: PASSWORD, lockAfter: 3 })) as RunningPortal;
    hook = await startReceiver();
    home = vaultWorkspaceWithNorthwind(portal.url, WRONG, `notify:\n  webhook: { url: "${hook.url}", format: generic }\n  send: problems\n`);
  }, 60_000);

  afterAll(async () => {
    await portal?.close();
    await hook?.close();
    if (home) removeDir(home);
  });

  it('three nights in a row send exactly one login attempt, and each night says why it skipped', async () => {
    const nights = ['2025-03-05', '2025-03-06', '2025-03-07'];
    const summaries: Array<{ portals: Array<Record<string, unknown>> }> = [];
    for (const day of nights) {
      const result = await remitAsync(['run'], { home, env: { ...VAULT, REMIT_NOW: `${day}T05:30:00Z` } });
      expect(result.code, result.stderr).toBe(1);
      const runDir = readdirNewest(join(home, 'runs'));
      summaries.push(JSON.parse(readFileSync(join(home, 'runs', runDir, 'summary.json'), 'utf8')) as { portals: Array<Record<string, unknown>> });
    }
    expect(portal.state.loginAttempts).toBe(1);
    expect(portal.options['locked']).toBeFalsy();

    // The first night failed on the password; the next two did not try and say why.
    expect(summaries[0]!.portals[0]).toMatchObject({ id: 'nw', status: 'failed', errorKind: 'auth' });
    for (const summary of summaries.slice(1)) {
      expect(summary.portals[0]).toMatchObject({ id: 'nw', status: 'failed', errorKind: 'held', attempts: 0, held: { kind: 'auth' } });
      expect(String(summary.portals[0]!['message'])).toMatch(/not tried: held since 2025-03-05.*remit portal password nw --password-stdin.*remit portal resume nw/);
    }
    // Every night's notification names the account and the way out of the hold.
    expect(hook.posts).toHaveLength(3);
    expect(hook.posts[2]!.body).toMatch(/remit portal password nw/);
    expect(hook.posts[2]!.body).toMatch(/not tried/);

    const status = remit(['status'], { home, env: VAULT });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/nw\s+held/);
    expect(status.stdout).toMatch(/nw: not tried: held since 2025-03-05.*Invalid username or password.*remit portal password nw --password-stdin/);
    const json = JSON.parse(remit(['status', '--json'], { home, env: VAULT }).stdout) as { portals: Array<{ held: { kind: string } | null }> };
    expect(json.portals[0]!.held?.kind).toBe('auth');
    expect(remit(['portal', 'list'], { home, env: VAULT }).stdout).toMatch(/auth since 2025-03-05/);
  });

  it('a new password ends the hold: the next run logs in once with it and fetches', async () => {
    const stored = remit(['portal', 'password', 'nw', '--password-stdin'], { home, env: VAULT, input: `${PASSWORD}\n` });
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stderr + stored.stdout).toMatch(/hold is cleared/);
    const result = await remitAsync(['fetch', '--since', '2025-03-01', '--until', '2025-03-05'], { home, env: VAULT });
    expect(result.code, result.stderr).toBe(0);
    expect(portal.state.loginAttempts).toBe(2);
    expect(portal.state.logins).toBe(1);
    expect(remit(['status', '--json'], { home, env: VAULT }).stdout).toMatch(/"held": null/);
  });

  it('forget-session makes the next run log in; resume ends a hold without a new secret', async () => {
    // The password is changed on the portal; the saved session still works, so nothing is sent.
    portal.options['password'] = 'changed-on-the-portal-1';
    const before = portal.state.loginAttempts;
    expect((await remitAsync(['fetch', '--since', '2025-03-01', '--until', '2025-03-05'], { home, env: VAULT })).code).toBe(0);
    expect(portal.state.loginAttempts).toBe(before);
    const forgot = remit(['portal', 'forget-session', 'nw'], { home, env: VAULT });
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stderr + forgot.stdout).toMatch(/forgot the saved session of nw/);
    // Now a login is made, refused once, and the account is held.
    expect((await remitAsync(['fetch', '--since', '2025-03-01', '--until', '2025-03-05'], { home, env: VAULT })).code).toBe(1);
    expect((await remitAsync(['fetch', '--since', '2025-03-01', '--until', '2025-03-05'], { home, env: VAULT })).code).toBe(1);
    expect(portal.state.loginAttempts).toBe(before + 1);
    // The portal's password is put back by hand: resume, and the stored one works again.
    portal.options['password'] = PASSWORD;
    const resumed = remit(['portal', 'resume', 'nw'], { home, env: VAULT });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr + resumed.stdout).toMatch(/no longer held/);
    expect((await remitAsync(['fetch', '--since', '2025-03-01', '--until', '2025-03-05'], { home, env: VAULT })).code).toBe(0);
    expect(portal.state.loginAttempts).toBe(before + 2);
    expect(remit(['portal', 'resume', 'nope'], { home, env: VAULT }).code).toBe(2);
  });

  it('no password, session cookie, CSRF token or code anywhere under the workspace: logs, summaries, every trace entry', () => {
    const secrets = [PASSWORD, WRONG, 'changed-on-the-portal-1', ...((portal.state as { issued?: string[] }).issued ?? []).filter((v) => v.length >= 6)];
    const found: string[] = [];
    for (const file of allFiles(home)) {
      if (file.endsWith('.vault')) continue; // sealed with the passphrase
      const raw = readFileSync(file);
      const parts = raw[0] === 0x50 && raw[1] === 0x4b ? readZip(raw).map((e) => ({ name: `${file}:${e.name}`, text: e.data.toString('latin1') })) : [{ name: file, text: raw.toString('latin1') }];
      for (const part of parts) {
        for (const secret of secrets) {
          const hit = /^\d+$/.test(secret) ? new RegExp(`(?<![0-9.])${secret}(?![0-9.])`).test(part.text) : part.text.includes(secret) || part.text.includes(encodeURIComponent(secret));
          if (hit) found.push(`${part.name.slice(home.length)}: ${secret.slice(0, 3)}...`);
        }
      }
    }
    expect(found).toEqual([]);
    expect(allFiles(join(home, 'logs')).length).toBeGreaterThan(0);
  });
});

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

function readdirNewest(dir: string): string {
  const names = readdirSync(dir).filter((name) => existsSync(join(dir, name, 'summary.json'))).sort();
  return names.at(-1)!;
}
