/**
 * The layers of src/ as each folder's README states them, checked on every import of every
 * source file: the pure core (parsers, matcher, journal builder, browser layer) never reaches
 * up into the ledger, the pipeline or the CLI; the ledger reaches nothing above itself; only
 * the pipeline's callers (cli/, tools/) and the pipeline open a ledger; only the ledger (and
 * the bench's floors, which measure plain SQLite by definition) speaks to SQLite.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

const SRC = join(ROOT, 'src');

/** What each top-level folder of src/ may import from the others. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  domain: ['core'],
  workspace: ['core'],
  secrets: ['core', 'workspace'],
  schedule: ['core', 'workspace'],
  notify: ['core'],
  parsers: ['core', 'domain'],
  matching: ['core', 'domain'],
  reconcile: ['core', 'domain'],
  gl: ['core', 'domain'],
  ledger: ['core', 'domain'],
  fetch: ['core', 'domain'],
  mail: ['core', 'domain', 'parsers'],
  pages: ['core'],
  config: ['core', 'domain', 'parsers', 'matching', 'gl', 'notify'],
  pipeline: ['core', 'domain', 'workspace', 'secrets', 'schedule', 'notify', 'parsers', 'matching', 'reconcile', 'gl', 'ledger', 'fetch', 'mail', 'pages', 'config'],
  cli: ['core', 'domain', 'workspace', 'secrets', 'schedule', 'notify', 'parsers', 'matching', 'reconcile', 'gl', 'ledger', 'fetch', 'mail', 'pages', 'config', 'pipeline'],
  // The bench runs the CLI's own entry point in its child processes (tools/bench/measure-cli.ts).
  tools: ['core', 'domain', 'workspace', 'parsers', 'matching', 'gl', 'ledger', 'fetch', 'config', 'pipeline', 'cli'],
};

interface Import {
  from: string;
  target: string;
  names: string;
  /** `import('...')`: loaded when the code runs, not when the module loads. */
  dynamic: boolean;
  /** `import type`: gone once compiled. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every import of a file: relative ones resolved to a path under src/, packages by name. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
    const spec = m[3] ?? m[4]!;
    const target = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : `package:${spec}`;
    out.push({ from: relative(SRC, file), target, names: m[2] ?? '', dynamic: m[4] !== undefined, typeOnly: m[1] !== undefined || /^\{\s*type\s/.test(m[2] ?? '') && !/,\s*(?!type\s)\w/.test(m[2] ?? '') });
  }
  return out;
}

const top = (path: string): string => path.split('/')[0]!;
const IMPORTS = sourceFiles(SRC).flatMap(importsOf);

describe('the layers of src/', () => {
  it('finds the imports it checks', () => {
    expect(IMPORTS.length).toBeGreaterThan(500);
    expect(IMPORTS.some((i) => i.from.startsWith('pipeline/') && i.target.startsWith('ledger/'))).toBe(true);
  });

  it('every folder imports only the folders below it', () => {
    const wrong = IMPORTS.filter((i) => !i.target.startsWith('package:') && top(i.target) !== top(i.from) && !(ALLOWED[top(i.from)] ?? []).includes(top(i.target)));
    expect(wrong.map((i) => `${i.from} imports ${i.target}`)).toEqual([]);
    expect(Object.keys(ALLOWED).sort()).toEqual(readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort());
  });

  it('tools/ reaches the CLI only through its entry point, as bin/remit does', () => {
    const cli = IMPORTS.filter((i) => top(i.from) === 'tools' && top(i.target) === 'cli');
    expect(cli.map((i) => i.target)).toEqual(['cli/main.ts']);
  });

  it('fetch/, parsers/, matching/ and gl/ never reach the ledger, the pipeline or the CLI; the ledger never reaches the CLI', () => {
    const up = IMPORTS.filter(
      (i) =>
        (['fetch', 'mail', 'parsers', 'matching', 'gl'].includes(top(i.from)) && ['ledger', 'cli', 'pipeline'].includes(top(i.target))) ||
        (top(i.from) === 'ledger' && ['cli', 'pipeline'].includes(top(i.target))),
    );
    expect(up.map((i) => `${i.from} imports ${i.target}`)).toEqual([]);
  });

  it('only the pipeline and its callers open a ledger', () => {
    const opening = IMPORTS.filter((i) => /\bopenLedger\b|\bSqliteLedger\b/.test(i.names) && !i.from.startsWith('ledger/'));
    expect(opening.length).toBeGreaterThan(0);
    expect(opening.filter((i) => !['pipeline', 'cli', 'tools'].includes(top(i.from))).map((i) => i.from)).toEqual([]);
    // Inside the ledger, only its own index and its SQLite backend name the backend.
    const backend = IMPORTS.filter((i) => i.target.startsWith('ledger/sqlite/') && !i.from.startsWith('ledger/'));
    expect(backend.map((i) => `${i.from} imports ${i.target}`)).toEqual([]);
  });

  it('only the ledger speaks to SQLite (and the bench floors, which measure SQLite itself)', () => {
    const sql = IMPORTS.filter((i) => i.target === 'package:better-sqlite3' && !i.from.startsWith('ledger/sqlite/') && !i.from.startsWith('tools/bench/floors/'));
    expect(sql.map((i) => i.from)).toEqual([]);
  });

  it('every command starts without the browser, the keychain, or the PDF and workbook readers: they load when used', () => {
    const statics = new Map<string, Import[]>();
    for (const i of IMPORTS) if (!i.dynamic && !i.typeOnly) statics.set(i.from, [...(statics.get(i.from) ?? []), i]);
    const loaded = new Set<string>();
    const visit = (file: string): void => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const i of statics.get(file) ?? []) if (!i.target.startsWith('package:')) visit(i.target);
    };
    visit('cli/main.ts');
    const packages = new Set([...loaded].flatMap((file) => (statics.get(file) ?? []).filter((i) => i.target.startsWith('package:')).map((i) => i.target)));
    expect(loaded.has('cli/program.ts')).toBe(true);
    for (const heavy of ['package:playwright-core', 'package:@napi-rs/keyring', 'package:pdfjs-dist/legacy/build/pdf.mjs', 'package:@e965/xlsx', 'package:imapflow']) {
      expect(packages.has(heavy), heavy).toBe(false);
    }
  });

  it('only fetch/ and portals/ drive the browser, besides the callers that launch it', () => {
    const browser = IMPORTS.filter((i) => i.target === 'package:playwright-core' && !['fetch', 'pipeline', 'cli'].includes(top(i.from)));
    expect(browser.map((i) => i.from)).toEqual([]);
  });
});
