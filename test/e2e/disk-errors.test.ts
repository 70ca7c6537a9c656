/**
 * Full, read-only and forbidden disks through the built binary: one line with the path and
 * what to do, the right exit code, the other files still tried, no 0-byte lock, no temp file,
 * never "internal error". Disk-full and read-only file systems are a tmpfs the test mounts
 * (root only); permissions are tested as the user `nobody`. Elsewhere they are skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, remit, removeDir, tempDir } from '../support/cli.js';
import { NOBODY, fillDisk, mountTmpfs, readableByAll, remitAsNobody, whyNotRoot } from '../support/hostile-disk.js';
import { ledgerValue } from '../support/ledger-query.js';

const REMITTANCES = join(DEMO, 'remittances');
const SMALL = readdirSync(REMITTANCES).filter((name) => name.startsWith('bigmart_') && !name.includes('(1)')).map((name) => join(REMITTANCES, name));
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const skip = whyNotRoot();
if (skip) console.log(`disk-errors: skipped: ${skip}`);

/** A workspace on a fresh tmpfs of `kb` KB, or the reason there is none. */
function tmpfsWorkspace(kb: number): { home: string; mount: NonNullable<Exclude<ReturnType<typeof mountTmpfs>, string>> } | undefined {
  const mount = mountTmpfs(kb);
  if (typeof mount === 'string') {
    console.log(`skipped: ${mount}`);
    return undefined;
  }
  cleanups.push(mount.unmount);
  const home = join(mount.dir, 'ws');
  expect(remit(['init', '--company', 'NWF'], { home }).code).toBe(0);
  return { home, mount };
}

/** A CSV remittance of about `kb` KB (one payment per 20 lines), outside the workspace. */
function bigRemittance(kb: number): string {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  const lines = ['"Invoice Number","Invoice Date","Transaction Description","Invoice Amount","Discount Taken","Deduction Amount","Deduction Reason","Amount Paid","Payment Number","Payment Date","Invoice Currency"'];
  for (let i = 0; lines.length * 110 < kb * 1024; i += 1) {
    lines.push(`"INV-${700000 + i}","08/01/2026","Invoice","10.00","0.00","0.00","","10.00","${90000000 + Math.floor(i / 20)}","10/07/2026","USD"`);
  }
  const file = join(dir, 'big_remittance.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function noTempFiles(home: string): void {
  const leftovers = readdirSync(home, { recursive: true }).map(String).filter((name) => /(^|\/)\.[^/]*\.tmp$/.test(name) || name.endsWith('.takeover'));
  expect(leftovers).toEqual([]);
}

describe.skipIf(skip)('a full disk', () => {
  it('an original the inbox cannot hold fails on its own line with a failed-document row; the next file is still imported', () => {
    const ws = tmpfsWorkspace(4096);
    if (!ws) return;
    const big = bigRemittance(1600);
    fillDisk(ws.mount.dir, 900);
    const result = remit(['import', big, SMALL[0]!, '--payer', 'BIGMART', '--new-payer'], { home: ws.home });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/failed +big_remittance\.csv: cannot keep the original in the inbox: no space left on the device \(.*inbox.*\); free space/);
    expect(result.stderr).toMatch(/imported +bigmart_remittance/);
    expect(ledgerValue(ws.home, "SELECT COUNT(*) FROM documents WHERE status = 'failed' AND original_name = 'big_remittance.csv'")).toBe(1);
    expect(ledgerValue(ws.home, "SELECT COUNT(*) FROM documents WHERE status = 'imported'")).toBe(1);
    noTempFiles(ws.home);
  });

  it('no space at all: exit 2 naming the workspace and what to do; no 0-byte lock is left', () => {
    const ws = tmpfsWorkspace(2048);
    if (!ws) return;
    fillDisk(ws.mount.dir, 0);
    for (const args of [['import', SMALL[0]!, '--payer', 'BIGMART', '--new-payer'], ['match'], ['invoices', 'import', join(DEMO, 'open_invoices.csv')]]) {
      const result = remit(args, { home: ws.home });
      expect(result.stderr, args[0]).not.toMatch(/internal error/);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/no space left on the device|disk is full/);
      expect(result.stderr).toMatch(/hint: free space/);
      expect(existsSync(join(ws.home, 'remit.lock'))).toBe(false);
    }
    noTempFiles(ws.home);
  });
});

describe.skipIf(skip)('a read-only file system', () => {
  it('every command exits 2 saying the file system is read-only, never an internal error', () => {
    const ws = tmpfsWorkspace(4096);
    if (!ws) return;
    expect(remit(['import', SMALL[0]!, '--payer', 'BIGMART', '--new-payer'], { home: ws.home }).code).toBe(0);
    ws.mount.remountReadOnly();
    for (const args of [['import', SMALL[1]!, '--payer', 'BIGMART', '--new-payer'], ['match']]) {
      const result = remit(args, { home: ws.home });
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/the file system is read-only \(.*ws\)/);
    }
    // SQLite cannot read a WAL ledger where it cannot make its shared-memory file.
    const report = remit(['report', 'documents'], { home: ws.home });
    expect(report.stderr).not.toMatch(/internal error/);
    expect(report.code, report.stderr).toBe(2);
    expect(report.stderr).toMatch(/cannot open the ledger: the file system is read-only/);
  });
});

describe.skipIf(skip)('permissions (as the user nobody)', () => {
  function rootOwnedWorkspace(): string {
    const parent = tempDir();
    cleanups.push(() => removeDir(parent));
    const home = join(parent, 'ws');
    expect(remit(['init', '--company', 'NWF'], { home }).code).toBe(0);
    expect(remit(['import', SMALL[0]!, '--payer', 'BIGMART', '--new-payer'], { home }).code).toBe(0);
    readableByAll(parent);
    return home;
  }

  it('a workspace the user cannot write: exit 2, permission denied with the path, no internal error', () => {
    const home = rootOwnedWorkspace();
    for (const args of [['import', SMALL[1]!, '--payer', 'BIGMART', '--new-payer'], ['match']]) {
      const result = remitAsNobody(args, { home });
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/permission denied \(.*ws\)/);
      expect(result.stderr).toMatch(/hint: give the user running remit/);
    }
  });

  it('an inbox the user cannot write: each file fails on its own line with a failed-document row, exit 1', () => {
    const home = rootOwnedWorkspace();
    // The workspace and its ledger are the user's; only the inbox is not.
    for (const name of ['', 'remit.yaml', 'ledger.db', 'ledger-history.json', 'logs', 'runs', 'exports']) if (existsSync(join(home, name))) chownSync(join(home, name), NOBODY, NOBODY);
    for (const name of readdirSync(join(home, 'logs'))) chownSync(join(home, 'logs', name), NOBODY, NOBODY);
    const result = remitAsNobody(['import', SMALL[1]!, SMALL[2]!, '--payer', 'BIGMART', '--new-payer'], { home });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(1);
    const failed = result.stderr.split('\n').filter((line) => line.startsWith('failed'));
    expect(failed).toHaveLength(2);
    for (const line of failed) expect(line).toMatch(/cannot keep the original in the inbox: permission denied \(.*inbox/);
    expect(ledgerValue(home, "SELECT COUNT(*) FROM documents WHERE status = 'failed'")).toBe(2);
  });

  it('a ledger file the user cannot open: exit 2 naming it', () => {
    const home = rootOwnedWorkspace();
    chownSync(home, NOBODY, NOBODY);
    spawnSync('chmod', ['600', join(home, 'ledger.db')]);
    mkdirSync(join(home, 'logs'), { recursive: true });
    const result = remitAsNobody(['report', 'documents'], { home });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/ledger\.db/);
    expect(result.stderr).toMatch(/permission denied|cannot be opened/);
  });
});
