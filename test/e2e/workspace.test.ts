/** The workspace: where it is, what init writes, and how bad settings are refused. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveWorkspaceRoot } from '../../src/workspace/resolve.js';
import { newWorkspace, remit, removeDir, tempDir } from '../support/cli.js';

const made: string[] = [];
afterEach(() => {
  while (made.length) removeDir(made.pop()!);
});

describe('workspace location', () => {
  it('is --home, else REMIT_HOME, else the per-user data folder, never the current directory', () => {
    expect(resolveWorkspaceRoot('/x/home', { REMIT_HOME: '/y' }, 'linux', '/home/ann')).toBe('/x/home');
    expect(resolveWorkspaceRoot(undefined, { REMIT_HOME: '/y' }, 'linux', '/home/ann')).toBe('/y');
    expect(resolveWorkspaceRoot(undefined, {}, 'linux', '/home/ann')).toBe('/home/ann/.local/share/remit');
    expect(resolveWorkspaceRoot(undefined, { XDG_DATA_HOME: '/data' }, 'linux', '/home/ann')).toBe('/data/remit');
    expect(resolveWorkspaceRoot(undefined, {}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/remit');
    expect(resolveWorkspaceRoot(undefined, { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann')).toMatch(/AppData.Local.remit$/);
  });

  it('init through REMIT_HOME creates settings, ledger and folders there, not in the current directory', () => {
    const home = tempDir();
    const cwd = tempDir();
    made.push(home, cwd);
    const result = remit(['init', '--company', 'NWF'], { env: { REMIT_HOME: home }, cwd });
    expect(result.code).toBe(0);
    for (const name of ['remit.yaml', 'ledger.db', 'inbox', 'logs']) expect(existsSync(join(home, name))).toBe(true);
    expect(existsSync(join(cwd, 'remit.yaml'))).toBe(false);
    const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8');
    expect(yaml).toMatch(/default_company: NWF/);
    expect(yaml).toMatch(/# GL accounts/);
    expect(yaml).toMatch(/auto_apply_confidence: 0.95/);
  });

  it('init twice keeps the settings an operator edited', () => {
    const home = newWorkspace('NWF');
    made.push(home);
    writeFileSync(join(home, 'remit.yaml'), readFileSync(join(home, 'remit.yaml'), 'utf8').replace('"1090"', '"1099"'));
    expect(remit(['init'], { home }).code).toBe(0);
    expect(readFileSync(join(home, 'remit.yaml'), 'utf8')).toContain('"1099"');
  });
});

describe('settings', () => {
  it('an invalid remit.yaml exits 2 and lists every problem with its path', () => {
    const home = newWorkspace('NWF');
    made.push(home);
    const bad = `
default_company: NOPE
companies:
  NWF:
    currency: dollars
    gl: { bank_clearing: "1090", deductions: { theft: "1" } }
matching:
  auto_apply_confidence: 2
payers:
  AMZ:
    date_order: sometimes
    columns: { colour: "Colour" }
portals:
  - id: amz-1
    company: NWF
    payer: AMZ
    recipe: amazon
    url: ftp://x
    username: ann
    password: hunter2
colour: red
`;
    writeFileSync(join(home, 'remit.yaml'), bad);
    const result = remit(['match'], { home });
    expect(result.code).toBe(2);
    for (const path of [
      'colour: unknown setting',
      'default_company: names no company',
      'companies.NWF.currency: must be a three-letter ISO code',
      'companies.NWF.gl.deductions.theft: unknown reason code',
      'matching.auto_apply_confidence: must be a number from 0 to 1',
      'payers.AMZ.date_order: must be mdy, dmy or ymd',
      'payers.AMZ.columns.colour: unknown field',
      'portals[0].password: secrets never go in remit.yaml',
      'portals[0].url: must start with http',
    ]) {
      expect(result.stderr).toContain(path);
    }
    expect(result.stderr).not.toContain('hunter2');
  });

  it('a YAML syntax error exits 2 with its line', () => {
    const home = newWorkspace('NWF');
    made.push(home);
    writeFileSync(join(home, 'remit.yaml'), 'companies:\n  NWF: [unclosed\n');
    const result = remit(['report', 'documents'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/remit\.yaml:\d+:\d+ /);
  });

  it('a command in a workspace that does not exist says to run init, exit 2', () => {
    const home = tempDir();
    made.push(home);
    const result = remit(['match'], { home: join(home, 'nowhere') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/remit init/);
  });

  it('paths that cannot work are usage errors, not crashes', () => {
    const dir = tempDir();
    made.push(dir);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const init = remit(['init'], { home: file });
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(/a file of that name is in the way/);
    expect(init.stderr).not.toMatch(/internal error/);
    const demo = remit(['demo', '--keep', dir]);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/is not empty/);
    const home = newWorkspace('NWF');
    made.push(home);
    const out = remit(['export-gl', '--out', join(dir, 'missing', 'journal.csv')], { home });
    expect([0, 2]).toContain(out.code);
    expect(out.stderr).not.toMatch(/internal error/);
  });

  it('usage errors exit 2', () => {
    expect(remit(['import']).code).toBe(2);
    expect(remit(['no-such-command']).code).toBe(2);
    const home = newWorkspace('NWF');
    made.push(home);
    expect(remit(['report', 'nonsense'], { home }).code).toBe(2);
    expect(remit(['export-gl', '--format', 'sap'], { home }).code).toBe(2);
  });
});

describe('ledger', () => {
  it('is SQLite in WAL mode with foreign keys, and refuses a ledger newer than the code', () => {
    const home = newWorkspace('NWF');
    made.push(home);
    const db = new Database(join(home, 'ledger.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    for (const table of ['documents', 'batches', 'remittances', 'remittance_lines', 'line_adjustments', 'invoices', 'applications', 'deductions', 'journals']) {
      expect(tables).toContain(table);
    }
    db.prepare("INSERT INTO schema_migrations (seq, name, applied_at) VALUES (99, '099-from-the-future', 'x')").run();
    db.close();
    const result = remit(['report', 'documents'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/099-from-the-future.*upgrade remit|newer remit/s);
  });
});
