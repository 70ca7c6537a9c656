/**
 * The workspace under hostile conditions, through the built binary: writers racing for a
 * stale lock, a ledger held by another program, damaged ledgers, links, full and read-only
 * disks, control characters in names.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerValue } from '../support/ledger-query.js';
import { DEMO, newWorkspace, remit, remitAsync, removeDir, tempDir } from '../support/cli.js';

const made: string[] = [];
afterEach(() => {
  while (made.length) removeDir(made.pop()!);
});

const REMITTANCES = join(DEMO, 'remittances');
const BIGMART = readdirSync(REMITTANCES).filter((name) => name.startsWith('bigmart_') && !name.includes('(1)')).map((name) => join(REMITTANCES, name));

function workspace(): string {
  const home = newWorkspace('NWF');
  made.push(home);
  return home;
}

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const count = ledgerValue;

describe('the workspace lock', () => {
  it('many imports and matches started together against a stale lock: one takes it over, the rest exit 3 naming the holder', async () => {
    const home = workspace();
    writeFileSync(join(home, 'remit.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: '2025-03-01T05:30:00.000Z', command: 'run' }));
    const runs = await Promise.all([
      ...BIGMART.map((file) => remitAsync(['import', file, '--payer', 'BIGMART', '--new-payer'], { home })),
      remitAsync(['match'], { home }),
      remitAsync(['match'], { home }),
    ]);
    const codes = runs.map((r) => r.code);
    for (const run of runs) expect([0, 1, 3], run.stderr).toContain(run.code);
    const takeovers = runs.filter((r) => /taking over a stale lock/.test(r.stderr));
    expect(takeovers).toHaveLength(1);
    for (const loser of runs.filter((r) => r.code === 3)) expect(loser.stderr).toMatch(/in use by "remit (import|match)" \(pid \d+ on |is being written/);
    for (const run of runs) expect(run.stderr).not.toMatch(/internal error/);
    const imported = runs.slice(0, BIGMART.length).filter((r) => r.code !== 3).length;
    expect(count(home, 'SELECT COUNT(*) FROM batches')).toBe(imported);
    expect(codes.filter((c) => c !== 3).length).toBeGreaterThanOrEqual(1);
    expect(readdirSync(home).filter((name) => name.startsWith('remit.lock') || name.startsWith('.remit.lock'))).toEqual([]);
  });

  it('a ledger another program holds for writing is exit 3 (busy), never an internal error', () => {
    const home = workspace();
    expect(remit(['import', BIGMART[0]!, '--payer', 'BIGMART', '--new-payer'], { home }).code).toBe(0);
    const holder = new Database(join(home, 'ledger.db'));
    try {
      holder.exec('BEGIN IMMEDIATE');
      const result = remit(['import', BIGMART[1]!, '--payer', 'BIGMART', '--new-payer'], { home });
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/the ledger .*ledger\.db is busy/);
    } finally {
      holder.close();
    }
    expect(existsSync(join(home, 'remit.lock'))).toBe(false);
  });
});

describe('opening the ledger', () => {
  function imported(): string {
    const home = workspace();
    expect(remit(['import', ...BIGMART.slice(0, 3), '--payer', 'BIGMART', '--new-payer'], { home }).code).toBe(0);
    return home;
  }

  it('a 0-byte ledger in a workspace with history is refused (exit 2, what to do), never started afresh', () => {
    const home = imported();
    writeFileSync(join(home, 'ledger.db'), '');
    for (const args of [['import', BIGMART[0]!, '--payer', 'BIGMART', '--new-payer'], ['match'], ['report', 'documents'], ['init']]) {
      const result = remit(args, { home });
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/the ledger .*ledger\.db is empty \(0 bytes\), but this workspace has had one since \d{4}-/);
      expect(result.stderr).toMatch(/hint: restore .* from a backup/);
    }
    expect(statSync(join(home, 'ledger.db')).size).toBe(0);
  });

  it('a missing ledger in a workspace with history is refused, by init too', () => {
    const home = imported();
    rmSync(join(home, 'ledger.db'));
    for (const args of [['match'], ['init']]) {
      const result = remit(args, { home });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/is missing, but this workspace has had one since/);
    }
    expect(existsSync(join(home, 'ledger.db'))).toBe(false);
  });

  it('64 KB of random bytes inside the ledger are found at open: exit 2, and nothing is written into it', () => {
    const home = imported();
    const file = join(home, 'ledger.db');
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(65_536), 0, 65_536, Math.max(4096, Math.floor(size / 2) - 32_768));
    closeSync(fd);
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const result = remit(['import', join(REMITTANCES, 'bigmart_remittance_17269254 (1).csv'), '--payer', 'BIGMART', '--new-payer'], { home });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/the ledger .*ledger\.db is damaged: /);
    expect(result.stderr).toMatch(/remit doctor/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('a file that is not SQLite at all is refused', () => {
    const home = imported();
    writeFileSync(join(home, 'ledger.db'), 'name,amount\nx,1\n');
    const result = remit(['match'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a SQLite database/);
  });
});

describe('links', () => {
  const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
  const inboxFiles = (home: string): string[] => readdirSync(join(home, 'inbox'), { recursive: true }).map(String).filter((name) => /\.[a-z]+$/.test(name));

  it('an import source that is a symbolic link is refused unless --follow-links, and nothing is copied', () => {
    const home = workspace();
    const link = join(home, 'link.csv');
    symlinkSync(BIGMART[0]!, link);
    const refused = remit(['import', link, '--payer', 'BIGMART', '--new-payer'], { home });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/failed +link\.csv: is a symbolic link: .*--follow-links/);
    expect(inboxFiles(home)).toEqual([]);
    const followed = remit(['import', link, '--payer', 'BIGMART', '--new-payer', '--follow-links'], { home });
    expect(followed.code, followed.stderr).toBe(0);
    expect(inboxFiles(home)).toHaveLength(1);
    expect(lstatSync(join(home, 'inbox', inboxFiles(home)[0]!)).isFile()).toBe(true);
  });

  it('an inbox folder that is a link out of the workspace is refused: no original is written outside', () => {
    const home = workspace();
    const outside = tempDir();
    made.push(outside);
    const file = BIGMART[0]!;
    symlinkSync(outside, join(home, 'inbox', sha(file).slice(0, 2)));
    const result = remit(['import', file, '--payer', 'BIGMART', '--new-payer'], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/inbox folder .* is a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
    expect(count(home, 'SELECT COUNT(*) FROM remittances')).toBe(0);
  });

  it('a link planted at an inbox path is replaced by the real original, not kept as a decoy', () => {
    const home = workspace();
    const file = BIGMART[0]!;
    const decoy = join(home, 'decoy.csv');
    writeFileSync(decoy, 'not the original\n');
    mkdirSync(join(home, 'inbox', sha(file).slice(0, 2)));
    const kept = join(home, 'inbox', sha(file).slice(0, 2), `${sha(file)}.csv`);
    symlinkSync(decoy, kept);
    expect(remit(['import', file, '--payer', 'BIGMART', '--new-payer'], { home }).code).toBe(0);
    expect(lstatSync(kept).isFile()).toBe(true);
    expect(sha(kept)).toBe(sha(file));
    expect(readFileSync(decoy, 'utf8')).toBe('not the original\n');
  });

  it('a FIFO named as a file fails on its own line at once instead of waiting', () => {
    const home = workspace();
    const fifo = join(home, 'pipe.csv');
    if (spawnSync('mkfifo', [fifo]).status !== 0) {
      console.log('skipped: mkfifo is not available');
      return;
    }
    const result = remit(['import', fifo, BIGMART[0]!, '--payer', 'BIGMART', '--new-payer'], { home, timeoutMs: 20_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed +pipe\.csv: not a file/);
    expect(result.stderr).toMatch(/imported +bigmart/);
  });
});

describe('control characters in names', () => {
  it('a newline or an escape in a file name is shown escaped on stderr, in the run log and in tables', () => {
    const home = workspace();
    const dir = tempDir();
    made.push(dir);
    const forged = join(dir, 'evil\n2026-12-03T06:00:00.000+00:00 ERROR forged.csv');
    const ansi = join(dir, '\u001b[2J\u001b[31mansi.csv');
    copyFileSync(BIGMART[0]!, forged);
    copyFileSync(BIGMART[1]!, ansi);
    const result = remit(['import', forged, ansi, '--payer', 'BIGMART', '--new-payer'], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toContain('evil\\n2026-12-03T06:00:00.000+00:00 ERROR forged.csv');
    expect(result.stderr).toContain('\\e[2J\\e[31mansi.csv');
    const log = readdirSync(join(home, 'logs')).map((name) => readFileSync(join(home, 'logs', name), 'utf8')).join('');
    expect(log).toMatch(/imported +evil/);
    expect(log).not.toContain('\u001b');
    for (const line of log.split('\n').filter(Boolean)) expect(line).toMatch(/^\S+ (INFO |WARN |ERROR) (?!\S+ (INFO|WARN|ERROR) )/);
    const table = remit(['report', 'documents'], { home });
    expect(table.code).toBe(0);
    expect(table.stdout).not.toContain('\u001b');
    expect(table.stdout).toContain('\\e[2J');
    expect(table.stdout.split('\n').some((line) => line.startsWith('2026-12-03T06:00:00.000+00:00 ERROR'))).toBe(false);
  });
});

describe('leftovers of a stopped run', () => {
  it('temporary files a dead process left in the workspace are removed by the next writer; a live one\'s are kept', () => {
    const home = workspace();
    const dead = deadPid();
    const stale = [join(home, 'inbox', `.incoming.${dead}.0a1b2c3d4e5f.tmp`), join(home, `.remit.yaml.${dead}.0a1b2c3d4e5f.tmp`), join(home, 'exports', '.journal.csv.0a1b2c3d.tmp')];
    for (const file of stale) writeFileSync(file, 'half');
    const old = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stale[2]!, old, old);
    const live = join(home, 'inbox', `.incoming.${process.pid}.0a1b2c3d4e5f.tmp`);
    writeFileSync(live, 'being written');
    expect(remit(['match'], { home }).code).toBe(0);
    for (const file of stale) expect(existsSync(file), file).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('a batch a killed import left open is removed when empty, else closed as interrupted, by the next import', () => {
    const home = workspace();
    expect(remit(['import', BIGMART[0]!, '--payer', 'BIGMART', '--new-payer'], { home }).code).toBe(0);
    const db = new Database(join(home, 'ledger.db'));
    try {
      db.exec(`INSERT INTO batches (company, kind, started_at) VALUES ('NWF', 'import', '2026-12-01T06:00:00.000Z');
               UPDATE batches SET finished_at = NULL WHERE id = 1;`);
    } finally {
      db.close();
    }
    const result = remit(['import', BIGMART[1]!, '--payer', 'BIGMART', '--new-payer'], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/an earlier import was stopped: 1 empty batch\(es\) removed, 1 closed as interrupted/);
    expect(count(home, 'SELECT COUNT(*) FROM batches WHERE finished_at IS NULL')).toBe(0);
    expect(count(home, 'SELECT COUNT(*) FROM batches')).toBe(2);
    expect(count(home, "SELECT COUNT(*) FROM batches WHERE id = 1 AND note = 'interrupted'")).toBe(1);
  });
});
