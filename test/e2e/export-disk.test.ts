/**
 * Issue 13 item 1 with a full disk: `export-gl` to a folder on a full tmpfs fails with the
 * file named and nothing recorded, leaves no file and no temporary file there, and once space
 * is freed exports the same cash once. Needs root for the tmpfs; skipped with the reason elsewhere.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, newWorkspace, remit, removeDir } from '../support/cli.js';
import { fillDisk, mountTmpfs, whyNotRoot } from '../support/hostile-disk.js';

const why = whyNotRoot();
if (why) console.log(`export-disk: skipped, ${why}`);

describe.skipIf(why !== undefined)('export-gl on a full disk', () => {
  let home: string;
  let disk: ReturnType<typeof mountTmpfs>;
  beforeAll(() => {
    home = newWorkspace('DEMO');
    expect(remit(['invoices', 'import', join(DEMO, 'open_invoices.csv')], { home }).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; payer: string }> };
    for (const payer of new Set(manifest.files.map((f) => f.payer))) {
      expect(remit(['import', '--payer', payer, ...manifest.files.filter((f) => f.payer === payer).map((f) => join(DEMO, f.file))], { home }).code).toBe(0);
    }
    expect(remit(['match'], { home }).code).toBe(0);
    disk = mountTmpfs(256);
  }, 120_000);
  afterAll(() => {
    if (typeof disk !== 'string') disk.unmount();
    removeDir(home);
  });

  it('fails naming the file, records nothing, leaves nothing; after freeing space exports once', () => {
    if (typeof disk === 'string') throw new Error(disk);
    fillDisk(disk.dir, 0);
    const out = join(disk.dir, 'journal.csv');
    const full = remit(['export-gl', '--out', out], { home });
    expect(full.code).toBe(1);
    expect(full.stderr).toContain(`the journal was not written to ${out}`);
    expect(full.stderr).toMatch(/ENOSPC|no space left/);
    expect(full.stderr).not.toMatch(/internal error/);
    expect(readdirSync(disk.dir).filter((n) => !n.startsWith('filler'))).toEqual([]);
    expect(JSON.parse(remit(['report', 'journals', '--format', 'json'], { home }).stdout)).toEqual([]);

    for (const name of readdirSync(disk.dir)) rmSync(join(disk.dir, name));
    const freed = remit(['export-gl', '--out', out], { home });
    expect(freed.code, freed.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const journals = JSON.parse(remit(['report', 'journals', '--format', 'json'], { home }).stdout) as Array<{ journal_id: string; state: string }>;
    expect(journals.map((j) => [j.journal_id, j.state])).toEqual([['J1', 'placed']]);
    expect(remit(['export-gl', '--out', join(disk.dir, 'again.csv')], { home }).stderr).toMatch(/nothing to export/);
  }, 60_000);
});
