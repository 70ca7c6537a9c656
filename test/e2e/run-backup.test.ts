/**
 * `remit run` backs the ledger up before it writes (backups.before_run, on by default): the
 * copy opens and holds the ledger as it was before the night. A backup that cannot be
 * written is said, the night still runs, and the run exits 1; `before_run: false` takes none.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, newWorkspace, remit, removeDir } from '../support/cli.js';

const homes: string[] = [];
afterAll(() => homes.forEach(removeDir));

function workspace(yamlEdit: (yaml: string) => string = (y) => y): string {
  const home = newWorkspace('NWF');
  homes.push(home);
  const yaml = join(home, 'remit.yaml');
  writeFileSync(yaml, yamlEdit(readFileSync(yaml, 'utf8')));
  const invoices = remit(['invoices', 'import', join(DEMO, 'open_invoices.csv')], { home });
  expect(invoices.code, invoices.stderr).toBe(0);
  return home;
}

const backups = (home: string): string[] => readdirSync(join(home, 'backups')).filter((n) => /^ledger-.*\.db$/.test(n));

describe('remit run backs the ledger up first', () => {
  it('one checked copy per run, holding the ledger as it was before the night', () => {
    const home = workspace();
    const run = remit(['run'], { home });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/backup: .*backups[\\/]ledger-.*\.db/);
    const [file] = backups(home);
    const copy = new Database(join(home, 'backups', file!), { readonly: true });
    try {
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect((copy.prepare('SELECT COUNT(*) AS n FROM invoices').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
  });

  it('a backup that cannot be written is said; the night still runs and exits 1', () => {
    const home = workspace();
    writeFileSync(join(home, 'backups'), 'a file where the folder should be');
    const run = remit(['run'], { home });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/backup before the run failed, the run goes on: .*backups/);
    expect(run.stderr).not.toMatch(/internal error/);
    const summary = JSON.parse(readFileSync(join(home, 'runs', readdirSync(join(home, 'runs'))[0]!, 'summary.json'), 'utf8')) as { backup: { error: string | null } };
    expect(summary.backup.error).toMatch(/backups/);
  });

  it('backups.before_run: false takes none', () => {
    const home = workspace((y) => y.replace('  before_run: true ', '  before_run: false'));
    const run = remit(['run'], { home });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/backup/);
    expect(() => backups(home)).toThrow();
  });
});
