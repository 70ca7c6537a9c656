/**
 * `remit portal add` and `remit fetch` through the real CLI, with a real Secret Service
 * (gnome-keyring on a private D-Bus), real headless Chromium and the fixture portals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../../fixtures/portals/index.mjs';
import { openSecretStore } from '../../src/secrets/index.js';
import { startSecretService, type TestSecretService } from '../secrets/secret-service.js';
import { newWorkspace, parseCsv, remit, remitAsync, removeDir } from '../support/cli.js';

interface RunningPortal {
  url: string;
  close(): Promise<void>;
  state: { loginAttempts: number; logins: number; mfaPrompts: number; downloads: string[] };
}

const PASSWORD = 'Nw-pa55word-7731';
const TOTP = 'JBSWY3DPEHPK3PXP';
const WRONG = 'not-the-Password-9';
let bus: TestSecretService;
let northwind: RunningPortal;
let cedarmart: RunningPortal;
let home: string;
let env: Record<string, string>;

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

/** Every byte under the workspace, with zip archives (traces) unpacked. */
function everything(dir: string): string {
  return allFiles(dir).map((file) => {
    const raw = readFileSync(file);
    if (raw[0] === 0x50 && raw[1] === 0x4b) return execFileSync('unzip', ['-p', file], { maxBuffer: 256 * 1024 * 1024 }).toString('latin1');
    return raw.toString('latin1');
  }).join('\n');
}

describe('remit fetch through the CLI', () => {
  beforeAll(async () => {
    bus = await startSecretService();
    env = { DBUS_SESSION_BUS_ADDRESS: bus.address, REMIT_RETRY_BACKOFF_MS: '50' };
    // The keychain library reads the bus address from this process's own environment.
    process.env['DBUS_SESSION_BUS_ADDRESS'] = bus.address;
    northwind = (await startPortal('northwind', { password: PASSWORD, totpSecret: TOTP })) as RunningPortal;
    cedarmart = (await startPortal('cedarmart', { password: PASSWORD })) as RunningPortal;
    home = newWorkspace('NWF');
    const add = (id: string, recipe: string, url: string, input: string, extra: string[] = []) =>
      remit(['portal', 'add', '--id', id, '--payer', id.toUpperCase(), '--recipe', recipe, '--url', url, '--username', 'demo', '--password-stdin', ...extra], { home, env, input });
    expect(add('nw', 'northwind', northwind.url, `${PASSWORD}\n${TOTP}\n`, ['--totp-secret-stdin']).code).toBe(0);
    expect(add('cm', 'cedarmart', cedarmart.url, `${WRONG}\n`).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await northwind?.close();
    await cedarmart?.close();
    await bus?.stop();
    removeDir(home);
  });

  it('keeps secrets out of remit.yaml and lists the accounts with their secrets stored', () => {
    const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8');
    expect(yaml).toMatch(/id: nw/);
    expect(yaml).not.toContain(PASSWORD);
    expect(yaml).not.toContain(TOTP);
    const list = parseCsv(remit(['portal', 'list', '--json'], { home, env }).stdout.replace(/^[\s\S]*$/, (json) => {
      const rows = JSON.parse(json) as Array<Record<string, string>>;
      return ['id,password,totp', ...rows.map((r) => `${r['id']},${r['password']},${r['totp']}`)].join('\n');
    }));
    expect(list).toEqual([{ id: 'nw', password: 'stored', totp: 'stored' }, { id: 'cm', password: 'stored', totp: '' }]);
  });

  it('--dry-run first: lists the rows in range and downloads nothing', async () => {
    const result = await remitAsync(['fetch', '--dry-run', '--portal', 'nw', '--since', '2025-03-01', '--until', '2025-03-05'], { home, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/NW-240301/);
    expect(result.stdout).not.toMatch(/NW-240306/);
    expect(northwind.state.downloads).toEqual([]);
    expect(northwind.state.mfaPrompts).toBe(1);
  });

  it('fetches new files from the good portal, reports the wrong password without retrying, exits 1', async () => {
    const result = await remitAsync(['fetch', '--since', '2025-03-01', '--until', '2025-03-31'], { home, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/nw\s+(ok|failed)\s+12\s/);
    expect(result.stdout).toMatch(/cm\s+failed\s+0\s/);
    expect(result.stderr).toMatch(/need attention: cm/);
    expect(cedarmart.state.loginAttempts).toBe(1);
    expect(northwind.state.mfaPrompts).toBe(1); // the dry run's session was reused
    expect(existsSync(join(home, 'runs'))).toBe(true);
    const evidence = allFiles(join(home, 'runs')).filter((file) => file.includes(`${'/'}cm${'/'}`));
    expect(evidence.some((file) => file.endsWith('.png'))).toBe(true);
    expect(readdirSync(join(home)).includes('.downloads') ? allFiles(join(home, '.downloads')) : []).toEqual([]);
    const documents = parseCsv(remit(['report', 'documents', '--format', 'csv'], { home }).stdout);
    expect(documents).toHaveLength(12);
  });

  it('the same fetch again downloads nothing new and reuses the session (no MFA)', async () => {
    const before = northwind.state.downloads.length;
    const result = await remitAsync(['fetch', '--portal', 'nw', '--since', '2025-03-01', '--until', '2025-03-31'], { home, env });
    expect(result.stdout).toMatch(/nw\s+(ok|failed)\s+0\s+0\s/);
    expect(northwind.state.downloads.length).toBe(before);
    expect(northwind.state.mfaPrompts).toBe(1);
  });

  it('a changed layout and a slow portal: exit 1, screenshot and trace kept, the timeout retried once', async () => {
    const changed = (await startPortal('northwind', { password: PASSWORD, layoutChanged: true })) as RunningPortal;
    const slow = (await startPortal('cedarmart', { password: PASSWORD, slowMs: 2500 })) as RunningPortal;
    try {
      const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8').replace('step_timeout_seconds: 30', 'step_timeout_seconds: 1').replace('retries: 2', 'retries: 1');
      writeFileSync(join(home, 'remit.yaml'), yaml);
      for (const [id, recipe, portal] of [['changed', 'northwind', changed], ['slow', 'cedarmart', slow]] as const) {
        const added = remit(['portal', 'add', '--id', id, '--payer', 'X', '--recipe', recipe, '--url', portal.url, '--username', 'demo', '--password-stdin'], { home, env, input: `${PASSWORD}\n` });
        expect(added.code).toBe(0);
      }
      const result = await remitAsync(['fetch', '--portal', 'changed', 'slow', '--since', '2025-03-01', '--until', '2025-03-31'], { home, env });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/changed\s+failed.*(layout|changed|not found|missing)/i);
      expect(result.stdout).toMatch(/slow\s+failed.*(did not answer|took longer|timeout)/i);
      expect(result.stderr).toMatch(/slow: .*trying again .*attempt 2 of 2/);
      for (const id of ['changed', 'slow']) {
        const evidence = allFiles(join(home, 'runs')).filter((file) => file.includes(`/${id}/`));
        expect(evidence.some((file) => file.endsWith('.png')), `screenshot for ${id}`).toBe(true);
      }
      expect(allFiles(join(home, 'runs')).some((file) => file.includes('/changed/') && file.endsWith('.zip'))).toBe(true);
    } finally {
      await changed.close();
      await slow.close();
    }
  });

  it('no password, TOTP seed or session cookie anywhere under the workspace, traces unpacked', async () => {
    const store = await openSecretStore({ store: 'keychain' }, { workspace: home, env: { ...process.env, ...env }, platform: process.platform });
    const session = JSON.parse((await store.get('nw', 'session')) ?? '{}') as { cookies?: Array<{ value: string }> };
    const cookies = (session.cookies ?? []).map((c) => c.value).filter((v) => v.length >= 8);
    expect(cookies.length).toBeGreaterThan(0);
    const all = everything(home);
    for (const secret of [PASSWORD, WRONG, TOTP, ...cookies]) expect(all.includes(secret), `found a secret under the workspace`).toBe(false);
  });

  it('portal remove deletes the account and its secrets', async () => {
    expect(remit(['portal', 'remove', 'cm'], { home, env }).code).toBe(0);
    const store = await openSecretStore({ store: 'keychain' }, { workspace: home, env: { ...process.env, ...env }, platform: process.platform });
    expect(await store.get('cm', 'password')).toBeUndefined();
    expect(readFileSync(join(home, 'remit.yaml'), 'utf8')).not.toMatch(/id: cm/);
  });

  it('never prompts without a terminal: a missing flag is exit 2 naming it', () => {
    const result = remit(['portal', 'add', '--id', 'x1', '--payer', 'X', '--recipe', 'northwind', '--url', 'http://127.0.0.1:1', '--username', 'u'], { home, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--password-stdin/);
  });
});
