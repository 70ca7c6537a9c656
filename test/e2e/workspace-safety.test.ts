/**
 * The workspace under hostile conditions, through the built binary: writers racing for a
 * stale lock, a ledger held by another program, damaged ledgers, links, full and read-only
 * disks, control characters in names.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerValue } from '../support/ledger-query.js';
import { DEMO, newWorkspace, remit, remitAsync, removeDir } from '../support/cli.js';

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
