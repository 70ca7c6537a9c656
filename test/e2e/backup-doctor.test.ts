/** `remit backup` and `remit doctor` through the built binary. */
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, newWorkspace, remit, removeDir, tempDir } from '../support/cli.js';

const made: string[] = [];
afterEach(() => {
  while (made.length) removeDir(made.pop()!);
});
const REMITTANCES = join(DEMO, 'remittances');
const BIGMART = readdirSync(REMITTANCES).filter((name) => name.startsWith('bigmart_') && !name.includes('(1)')).map((name) => join(REMITTANCES, name));

function imported(): string {
  const home = newWorkspace('NWF');
  made.push(home);
  expect(remit(['import', ...BIGMART, '--payer', 'BIGMART', '--new-payer'], { home }).code).toBe(0);
  return home;
}

describe('remit backup', () => {
  it('writes a checked copy that opens with the same payments, and keeps the newest backups.keep', () => {
    const home = imported();
    for (const [i, now] of ['2026-12-01T06:00:00Z', '2026-12-02T06:00:00Z', '2026-12-03T06:00:00Z'].entries()) {
      const result = remit(['backup', '--keep', '2'], { home, env: { REMIT_NOW: now } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/backup written and checked: .*backups\/ledger-2026-12-0\dT06-00-00Z\.db/);
      if (i === 2) expect(result.stderr).toMatch(/removed 1 older backup/);
    }
    expect(readdirSync(join(home, 'backups')).sort()).toEqual(['ledger-2026-12-02T06-00-00Z.db', 'ledger-2026-12-03T06-00-00Z.db']);
    const copy = new Database(join(home, 'backups', 'ledger-2026-12-03T06-00-00Z.db'), { readonly: true });
    const live = new Database(join(home, 'ledger.db'), { readonly: true });
    try {
      expect(copy.prepare('SELECT COUNT(*) FROM remittances').pluck().get()).toBe(live.prepare('SELECT COUNT(*) FROM remittances').pluck().get());
      expect(copy.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    } finally {
      copy.close();
      live.close();
    }
    const elsewhere = tempDir();
    made.push(elsewhere);
    expect(remit(['backup', '--to', elsewhere], { home }).code).toBe(0);
    expect(readdirSync(elsewhere)).toHaveLength(1);
  });
});

describe('remit doctor', () => {
  it('a sound workspace: every check ok, exit 0', () => {
    const home = imported();
    const result = remit(['doctor', '--json'], { home });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const checks = JSON.parse(result.stdout) as Array<{ check: string; status: string }>;
    expect(checks.map((c) => [c.check, c.status])).toEqual([['ledger', 'ok'], ['originals', 'ok'], ['journals', 'ok'], ['lock', 'ok'], ['temporary files', 'ok']]);
  });

  it('names a missing or altered original, a stale lock and leftovers; --repair removes only the leftovers', () => {
    const home = imported();
    const kept = readdirSync(join(home, 'inbox'), { recursive: true }).map(String).filter((n) => n.endsWith('.csv'));
    rmSync(join(home, 'inbox', kept[0]!));
    appendFileSync(join(home, 'inbox', kept[1]!), 'x');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(home, 'remit.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-12-01T06:00:00Z', command: 'import' }));
    writeFileSync(join(home, 'inbox', `.incoming.${dead}.0a1b2c3d4e5f.tmp`), 'half');
    const result = remit(['doctor'], { home });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/originals +PROBLEM +document \d+ \(bigmart\S+\) has no original in the inbox; document \d+ \(bigmart\S+\): its original's sha256 is not the recorded one/);
    expect(result.stdout).toMatch(/lock +PROBLEM +a stale lock of "remit import"/);
    expect(result.stdout).toMatch(/temporary files +PROBLEM +1 left by a stopped run/);
    const repaired = remit(['doctor', '--repair'], { home });
    expect(repaired.stdout).toMatch(/temporary files +ok +removed 1/);
    expect(existsSync(join(home, 'inbox', `.incoming.${dead}.0a1b2c3d4e5f.tmp`))).toBe(false);
    expect(existsSync(join(home, 'remit.lock'))).toBe(true);
  });

  it('a damaged ledger is reported (not refused) with what to do', () => {
    const home = imported();
    const file = join(home, 'ledger.db');
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(65_536), 0, 65_536, Math.max(4096, Math.floor(statSync(file).size / 2) - 32_768));
    closeSync(fd);
    const result = remit(['doctor'], { home });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ledger +PROBLEM +.*restore it from a backup/);
  });

  it('checks journals on disk against the ledger: a changed file is named with the re-export that rewrites it', () => {
    const home = imported();
    expect(remit(['invoices', 'import', join(DEMO, 'open_invoices.csv')], { home }).code).toBe(0);
    expect(remit(['match'], { home }).code).toBe(0);
    const out = join(home, 'journal.csv');
    const exported = remit(['export-gl', '--out', out], { home });
    expect(exported.code, exported.stderr).toBe(0);
    const sound = JSON.parse(remit(['doctor', '--json'], { home }).stdout) as Array<{ check: string; status: string; detail: string }>;
    expect(sound.find((c) => c.check === 'journals')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^1 journal\(s\), 1 of 1 file\(s\) where they were written/) });

    appendFileSync(out, 'edited,by,hand\n');
    const result = remit(['doctor', '--json'], { home });
    expect(result.code).toBe(1);
    const journals = (JSON.parse(result.stdout) as Array<{ check: string; status: string; detail: string }>).find((c) => c.check === 'journals')!;
    expect(journals.status).not.toBe('ok');
    expect(journals.detail).toMatch(/journal J1 .*journal\.csv is not the file remit wrote .*remit export-gl --reexport 1/);

    rmSync(out);
    const moved = (JSON.parse(remit(['doctor', '--json'], { home }).stdout) as Array<{ check: string; status: string; detail: string }>).find((c) => c.check === 'journals')!;
    expect(moved).toMatchObject({ status: 'ok', detail: expect.stringMatching(/1 file\(s\) no longer where they were written/) });
  });
});
