/**
 * A real workspace for driving the pipeline's use cases directly: remit.yaml as given, a
 * real SQLite ledger opened through the ledger module, the folders remit init makes.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../src/config/load.js';
import type { Clock } from '../../src/core/clock.js';
import { openLedger } from '../../src/ledger/index.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { workspacePaths } from '../../src/workspace/resolve.js';

export const TEST_CLOCK: Clock = { now: () => new Date('2026-11-02T06:00:00Z') };

export interface TestWorkspace {
  ctx: PipelineContext;
  root: string;
  /** What the use cases said to a person. */
  logged: string[];
  /** The ledger file, read-only, for asserting on what was stored. */
  inspect(): Database.Database;
  close(): Promise<void>;
}

export async function testWorkspace(yaml = 'companies:\n  MAIN:\n    name: Main\n', options: { clock?: Clock; root?: string } = {}): Promise<TestWorkspace> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'remit-pipeline-'));
  const paths = workspacePaths(root);
  for (const dir of [paths.inbox, paths.logs, paths.runs, paths.exports]) mkdirSync(dir, { recursive: true });
  writeFileSync(paths.config, yaml);
  const clock = options.clock ?? TEST_CLOCK;
  const ledger = await openLedger(paths.ledger, clock, { create: true });
  const logged: string[] = [];
  const readers: Database.Database[] = [];
  return {
    ctx: { ledger, config: parseConfigText(yaml, paths.config), clock, paths, user: 'tester', log: (message) => logged.push(message) },
    root,
    logged,
    inspect: () => {
      const db = new Database(paths.ledger, { readonly: true });
      readers.push(db);
      return db;
    },
    close: async () => {
      for (const db of readers) db.close();
      await ledger.close();
      if (!options.root) rmSync(root, { recursive: true, force: true });
    },
  };
}

export const DEMO_YAML = 'companies:\n  DEMO:\n    name: Contoso Snacks Ltd\n';

/** The demo's files (fixtures/demo): open invoices, then every remittance with its payer. */
export function demoFiles(): { invoices: string; byPayer: Map<string, string[]> } {
  const demo = join(fileURLToPath(new URL('../../fixtures/demo/', import.meta.url)));
  const manifest = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; payer: string }> };
  const byPayer = new Map<string, string[]>();
  for (const f of manifest.files) byPayer.set(f.payer, [...(byPayer.get(f.payer) ?? []), join(demo, f.file)]);
  return { invoices: join(demo, 'open_invoices.csv'), byPayer };
}
