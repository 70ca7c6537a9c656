/**
 * Unattended nights through the real CLI: the workspace lock, a stale lock, catch-up after
 * missed nights, run logs, and commands that never wait for input without a terminal.
 * Secrets are in the vault here (no Secret Service needed); the keychain has its own tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, loadRows } from '../../fixtures/portals/index.mjs';
import { ROOT, newWorkspace, remit, remitAsync, removeDir } from '../support/cli.js';
import { startReceiver, startSmtp } from '../notify/helpers.js';

interface RunningPortal {
  url: string;
  close(): Promise<void>;
  state: { downloads: string[]; loginAttempts: number };
}

const PASSWORD = 'Night-shift-pa55';
const VAULT = { REMIT_VAULT_PASSPHRASE: 'a-test-only-vault-passphrase', REMIT_RETRY_BACKOFF_MS: '50' };

function vaultWorkspace(extra = ''): string {
  const home = newWorkspace('NWF');
  const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8').replace(/secrets:\n  store: keychain[^\n]*/, 'secrets:\n  store: vault\n  passphrase_env: REMIT_VAULT_PASSPHRASE');
  writeFileSync(join(home, 'remit.yaml'), yaml + extra);
  return home;
}

function addAccount(home: string, id: string, url: string, env: Record<string, string>): void {
  const result = remit(['portal', 'add', '--id', id, '--payer', 'NW', '--recipe', 'northwind', '--url', url, '--username', 'demo', '--password-stdin'], { home, env, input: `${PASSWORD}\n` });
  expect(result.code, result.stderr).toBe(0);
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe('remit run, unattended', () => {
  let portal: RunningPortal;
  const rows = loadRows(join(ROOT, 'fixtures', 'portals', 'northwind')) as Array<{ id: string; date: string }>;
  const idsBetween = (from: string, to: string) => rows.filter((r) => r.date >= from && r.date <= to).map((r) => r.id).sort();

  beforeAll(async () => {
    portal = (await startPortal('northwind', { password: PASSWORD })) as RunningPortal;
  });
  afterAll(async () => {
    await portal.close();
  });

  it('catches up after three missed nights: fetches exactly the missed dates, then logs it all without a secret', async () => {
    const home = vaultWorkspace();
    try {
      addAccount(home, 'nw', portal.url, VAULT);
      const first = await remitAsync(['run'], { home, env: { ...VAULT, REMIT_NOW: '2025-03-05T05:30:00Z' } });
      expect(first.code, first.stderr).toBe(0);
      const afterFirst = [...portal.state.downloads].sort();
      expect(afterFirst).toEqual(idsBetween('2025-02-26', '2025-03-05'));
      // The machine was off on the nights of the 6th, 7th and 10th; it runs again on the 11th.
      const second = await remitAsync(['run'], { home, env: { ...VAULT, REMIT_NOW: '2025-03-11T05:30:00Z' } });
      expect(second.code, second.stderr).toBe(0);
      // The start is paid once a night, and said.
      expect(second.stderr).toMatch(/remit run: ready in \d+\.\d\d s/);
      const fetchedSecond = portal.state.downloads.slice(afterFirst.length).sort();
      expect(fetchedSecond).toEqual(idsBetween('2025-03-06', '2025-03-11'));
      const summary = JSON.parse(readFileSync(allFiles(join(home, 'runs')).filter((f) => f.endsWith('summary.json')).sort().at(-1)!, 'utf8'));
      expect(summary.portals[0]).toMatchObject({ id: 'nw', status: 'ok', since: '2025-03-03' });
      const logs = readdirSync(join(home, 'logs'));
      expect(logs).toEqual(expect.arrayContaining(['remit-2025-03-05.log', 'remit-2025-03-11.log']));
      const log = readFileSync(join(home, 'logs', 'remit-2025-03-11.log'), 'utf8');
      expect(log).toMatch(/INFO  remit run started/);
      expect(log).toMatch(/remit run finished: exit 0/);
      for (const file of allFiles(home)) expect(readFileSync(file).includes(PASSWORD), file).toBe(false);
    } finally {
      removeDir(home);
    }
  });

  it('two runs started together: one runs, the other exits 3 at once naming the holder', async () => {
    const slow = (await startPortal('northwind', { password: PASSWORD, slowMs: 400 })) as RunningPortal;
    const home = vaultWorkspace();
    try {
      addAccount(home, 'slow', slow.url, VAULT);
      const env = { ...VAULT, REMIT_NOW: '2025-03-12T05:30:00Z' };
      const [a, b] = await Promise.all([remitAsync(['run'], { home, env }), remitAsync(['run'], { home, env })]);
      const codes = [a.code, b.code].sort();
      expect(codes[1]).toBe(3);
      expect(codes[0]).not.toBe(3);
      const loser = a.code === 3 ? a : b;
      expect(loser.stderr).toMatch(/in use by "remit run" \(pid \d+ on /);
      expect(existsSync(join(home, 'remit.lock'))).toBe(false);
    } finally {
      await slow.close();
      removeDir(home);
    }
  });

  it('a killed run leaves a stale lock that the next run takes over with a warning', () => {
    const home = vaultWorkspace();
    try {
      const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
      writeFileSync(join(home, 'remit.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2025-03-01T05:30:00.000Z', command: 'run' }));
      const result = remit(['match'], { home });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/taking over a stale lock: "remit run" \(pid \d+/);
      expect(existsSync(join(home, 'remit.lock'))).toBe(false);
    } finally {
      removeDir(home);
    }
  });

  it('a run with one failing portal sends a notification naming it, by SMTP and webhook', async () => {
    const smtp = await startSmtp('ar-bot', 'smtp-Secret-42');
    const hook = await startReceiver();
    const bad = (await startPortal('cedarmart', { password: PASSWORD })) as RunningPortal;
    const home = vaultWorkspace(`
notify:
  email: { host: 127.0.0.1, port: ${smtp.port}, secure: false, require_tls: false, username: ar-bot, from: remit@example.com, to: [ar-team@example.com] }
  webhook: { url: "${hook.url}/hook", format: slack }
  send: problems
`);
    try {
      addAccount(home, 'nw', portal.url, VAULT);
      const wrong = remit(['portal', 'add', '--id', 'cedar', '--payer', 'CM', '--recipe', 'cedarmart', '--url', bad.url, '--username', 'demo', '--password-stdin'], { home, env: VAULT, input: 'wrong-password-1\n' });
      expect(wrong.code).toBe(0);
      expect(remit(['notify', 'password', '--password-stdin'], { home, env: VAULT, input: 'smtp-Secret-42\n' }).code).toBe(0);
      const result = await remitAsync(['run'], { home, env: { ...VAULT, REMIT_NOW: '2025-03-05T05:30:00Z' } });
      expect(result.code).toBe(1);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.rcptTo).toEqual(['ar-team@example.com']);
      expect(smtp.mails[0]!.raw).toMatch(/cedar/);
      expect(hook.posts).toHaveLength(1);
      expect(hook.posts[0]!.body).toMatch(/cedar/);
      for (const file of allFiles(home)) expect(readFileSync(file).includes('smtp-Secret-42'), file).toBe(false);
    } finally {
      await bad.close();
      await smtp.close();
      await hook.close();
      removeDir(home);
    }
  });

  it('status shows the last run and each portal', () => {
    const home = vaultWorkspace();
    try {
      const result = remit(['status', '--json'], { home });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ lastRun: null, pendingExceptions: 0, portals: [], nextScheduledRun: null });
    } finally {
      removeDir(home);
    }
  });
});

describe('never waits for input without a terminal', () => {
  it('every command with stdin closed completes or exits 2 within seconds', () => {
    const home = vaultWorkspace();
    try {
      const commands: string[][] = [
        ['init'], ['import'], ['import', join(home, 'nothing.csv')], ['invoices', 'import', join(home, 'nothing.csv')], ['match'], ['match', '--dry-run'],
        ['report', 'applications'], ['report', 'exceptions'], ['report', 'deductions'], ['report', 'documents'], ['report', 'batches'],
        ['export-gl'], ['fetch'], ['run'], ['status'], ['portal', 'list'], ['portal', 'add'], ['portal', 'add', '--id', 'x'],
        ['portal', 'test', 'nope'], ['portal', 'remove', 'nope'], ['schedule', 'show'], ['notify', 'password'], ['--help'],
      ];
      for (const args of commands) {
        const started = Date.now();
        const result = remit(args, { home, env: VAULT, timeoutMs: 20_000 });
        const seconds = (Date.now() - started) / 1000;
        expect([0, 1, 2], `${args.join(' ')}: exit ${result.code} ${result.stderr}`).toContain(result.code);
        expect(seconds, args.join(' ')).toBeLessThan(15);
      }
      const add = remit(['portal', 'add', '--id', 'x'], { home, env: VAULT });
      expect(add.code).toBe(2);
      expect(add.stderr).toMatch(/pass --payer --recipe --url --username/);
    } finally {
      removeDir(home);
    }
  });
});
