/**
 * A night on a ledger with history, driven through the pipeline's own use cases as `remit
 * run` and the bench's nightly stage run it: each payer's file imported, the morning's
 * open-invoice snapshot, match, the journal. The history is the bench's own seed
 * (src/tools/samplegen/scale/history), at a size the tests can afford.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/core/clock.js';
import { exportJournal, type ExportOutcome } from '../../src/pipeline/export-journal.js';
import { importFiles } from '../../src/pipeline/import-files.js';
import { importInvoices } from '../../src/pipeline/import-invoices.js';
import { match, type MatchOutcome } from '../../src/pipeline/match.js';
import { openItems } from '../../src/tools/bench/floors/sqlite.js';
import { fillHistory } from '../../src/tools/samplegen/scale/history/seed.js';
import { writeNight, type NightSet } from '../../src/tools/samplegen/scale/night.js';
import { SCALE_COMPANY, SCALE_PAYERS } from '../../src/tools/samplegen/scale/payers.js';
import { testWorkspace, type TestWorkspace } from './pipeline.js';

/** After the history's last day and the night's payments. */
export const NIGHT_CLOCK: Clock = { now: () => new Date('2027-04-10T05:00:00Z') };

export const NIGHT_YAML = `companies:\n  ${SCALE_COMPANY}:\n    name: Bench Supplies\npayers:\n${SCALE_PAYERS.map((p) => `  ${p.code}:\n    name: ${JSON.stringify(p.name)}\n`).join('')}`;

/** A workspace whose ledger holds `historyLines` lines of history (none for 0). */
export async function nightWorkspace(historyLines: number): Promise<TestWorkspace & { home: string }> {
  const home = mkdtempSync(join(tmpdir(), 'remit-night-'));
  if (historyLines > 0) await fillHistory(join(home, 'ledger.db'), historyLines);
  const ws = await testWorkspace(NIGHT_YAML, { root: home, clock: NIGHT_CLOCK });
  return { ...ws, home };
}

/** The night's files, written for the open set of `historyHome`'s ledger (the snapshot lists it again). */
export function nightFiles(historyHome: string, lines: number): NightSet {
  const dir = join(historyHome, 'night');
  mkdirSync(dir, { recursive: true });
  return writeNight(dir, openItems(historyHome), { lines });
}

export interface NightOutcome {
  imported: number;
  matched: MatchOutcome;
  exported: ExportOutcome;
}

/** The night as `remit run` runs it: every payer's file, the snapshot, match, the journal. */
export async function runNight(ws: TestWorkspace, night: NightSet): Promise<NightOutcome> {
  const { ctx } = ws;
  let imported = 0;
  for (const file of night.payerFiles) {
    const outcome = await importFiles(ctx, { files: [file.path], payer: file.payer });
    for (const f of outcome.files) imported += f.status === 'imported' ? 1 : 0;
  }
  await importInvoices(ctx, { file: night.snapshot.path });
  const matched = await match(ctx);
  const exported = await exportJournal(ctx, { out: join(ws.root, 'exports', 'night.csv') });
  return { imported, matched, exported };
}
