/**
 * Crash + rerun == an uninterrupted run. `remit import` and `remit match` are killed with
 * SIGKILL at seeded random points (an injected write boundary, REMIT_TEST_CRASH_AT, or a
 * random delay after start), run again, and the ledger compared with one from a run that was
 * never interrupted: the same documents, payments, lines, applications and deductions (ids
 * of batches and times aside), no application twice, no batch left open, no lock or temp
 * file left, every kept original under its own sha256. Not timed: the seed makes the points,
 * the machine's speed where a delay lands.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, DEMO, ROOT, remit, removeDir, tempDir } from '../support/cli.js';

const SEED = 20_261_203;
const TRIALS = 20;
const PARALLEL = 4;
const REMITTANCES = join(DEMO, 'remittances');
const FILES = readdirSync(REMITTANCES).filter((name) => name.startsWith('bigmart_')).sort().map((name) => join(REMITTANCES, name));
const IMPORT = ['import', ...FILES, '--payer', 'BIGMART'];

/** mulberry32: a small seeded PRNG, so every run of the test tries the same points. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function run(home: string, args: string[], kill: { at?: number; afterMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1' };
    delete env['REMIT_HOME'];
    if (kill.at) env['REMIT_TEST_CRASH_AT'] = String(kill.at);
    const child = spawn(process.execPath, [BIN, '--home', home, ...args], { env, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = kill.afterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** The ledger's rows that matter, by table, ids of batches and times left out. */
function snapshot(home: string): Record<string, string[]> {
  const db = new Database(join(home, 'ledger.db'), { readonly: true });
  try {
    const out: Record<string, string[]> = {};
    for (const table of ['documents', 'remittances', 'remittance_lines', 'line_adjustments', 'applications', 'deductions', 'invoices', 'journals', 'learned_rules']) {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name).filter((name) => name !== 'batch_id' && !/_at$/.test(name));
      out[table] = (db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`).all() as object[]).map((row) => JSON.stringify(row)).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

function invariants(home: string): void {
  const db = new Database(join(home, 'ledger.db'), { readonly: true });
  try {
    expect(db.prepare('SELECT COUNT(*) FROM batches WHERE finished_at IS NULL').pluck().get()).toBe(0);
    const twice = db.prepare('SELECT COUNT(*) FROM (SELECT line_id, invoice_id FROM applications GROUP BY line_id, invoice_id HAVING COUNT(*) > 1)').pluck().get();
    expect(twice).toBe(0);
  } finally {
    db.close();
  }
  expect(existsSync(join(home, 'remit.lock'))).toBe(false);
  const names = readdirSync(home, { recursive: true }).map(String);
  expect(names.filter((name) => name.endsWith('.tmp') || name.endsWith('.takeover'))).toEqual([]);
  for (const name of names.filter((n) => n.startsWith('inbox/') && /\/[0-9a-f]{64}/.test(n))) {
    expect(createHash('sha256').update(readFileSync(join(home, name))).digest('hex')).toBe(basename(name).slice(0, 64));
  }
}

/** Trials `PARALLEL` at a time: each copies `template`, kills `args` at its point, reruns, and returns its workspace. */
async function trials(template: string, args: string[], points: number, expectedCode: number, random: () => number): Promise<Array<{ home: string; how: string }>> {
  const plans = Array.from({ length: TRIALS }, (_, i) => {
    // Half at an injected write boundary, half after a random delay (mid-statement, mid-parse).
    const r = random();
    return i % 2 === 0 ? { at: 1 + Math.floor(r * points) } : { afterMs: 250 + Math.floor(r * 1250) };
  });
  const done: Array<{ home: string; how: string }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const home = join(tempDir('remit-crash-'), 'ws');
      cpSync(template, home, { recursive: true });
      const killed = await run(home, args, plan);
      const how = plan.at ? `killed at write boundary ${plan.at}/${points}` : `killed after ${plan.afterMs} ms${killed.signal ? '' : ' (had finished)'}`;
      if (plan.at) expect(killed.signal, `${how}: ${killed.stderr}`).toBe('SIGKILL');
      const again = await run(home, args);
      expect(again.code, `${how}, then the rerun: ${again.stderr}`).toBe(expectedCode);
      expect(again.stderr).not.toMatch(/internal error/);
      done.push({ home, how });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  console.log(`${args[0]}: ${done.map((d) => d.how).sort().join('; ')}`);
  return done;
}

let base: string;
let imported: string;
let matched: string;
const made: string[] = [];

beforeAll(() => {
  base = join(tempDir('remit-crash-'), 'ws');
  made.push(join(base, '..'));
  expect(remit(['init', '--company', 'NWF'], { home: base }).code).toBe(0);
  expect(remit(['invoices', 'import', join(DEMO, 'open_invoices.csv')], { home: base }).code).toBe(0);
  imported = join(tempDir('remit-crash-'), 'ws');
  made.push(join(imported, '..'));
  cpSync(base, imported, { recursive: true });
  expect(remit(IMPORT, { home: imported }).code).toBe(0);
  matched = join(tempDir('remit-crash-'), 'ws');
  made.push(join(matched, '..'));
  cpSync(imported, matched, { recursive: true });
  expect(remit(['match'], { home: matched }).code).toBe(0);
});
afterAll(() => made.forEach(removeDir));

function boundaries(template: string, args: string[]): number {
  const home = join(tempDir('remit-crash-'), 'ws');
  made.push(join(home, '..'));
  cpSync(template, home, { recursive: true });
  const counted = remit(args, { home, env: { REMIT_TEST_CRASH_AT: 'count' } });
  return Number(/remit-test-crash-points: (\d+)/.exec(counted.stderr)?.[1] ?? 0);
}

describe('killed and run again', () => {
  it(`import: ${TRIALS} seeded kills, each rerun gives the ledger of an uninterrupted import`, async () => {
    const points = boundaries(base, IMPORT);
    expect(points).toBeGreaterThan(5);
    const expected = snapshot(imported);
    expect(expected['remittances']!.length).toBeGreaterThan(0);
    const results = await trials(base, IMPORT, points, 0, prng(SEED));
    for (const { home, how } of results) {
      made.push(join(home, '..'));
      expect(snapshot(home), how).toEqual(expected);
      invariants(home);
    }
  });

  it(`match: ${TRIALS} seeded kills, each rerun gives the applications of an uninterrupted match, none twice`, async () => {
    const points = boundaries(imported, ['match']);
    expect(points).toBeGreaterThanOrEqual(3);
    const expected = snapshot(matched);
    expect(expected['applications']!.length).toBeGreaterThan(0);
    const results = await trials(imported, ['match'], points, 0, prng(SEED + 1));
    for (const { home, how } of results) {
      made.push(join(home, '..'));
      expect(snapshot(home), how).toEqual(expected);
      invariants(home);
    }
  });
});
