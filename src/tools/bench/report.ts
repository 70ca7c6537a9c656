/** What the bench prints under the table and keeps as JSON under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StageResult } from './result.js';
import { GROWTH_FLAG, growth } from './table.js';

const s = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);

/** Floor phases worth reading beside the table: parse vs insert, and the pure hash join. */
export function floorNotes(results: readonly StageResult[]): string[] {
  const notes: string[] = [];
  for (const r of results) {
    if (!r.floorPhases) continue;
    const phases = Object.entries(r.floorPhases).map(([name, ms]) => `${name} ${s(ms)}`).join(', ');
    notes.push(`  ${r.stage} ${r.scale}: ${phases}`);
  }
  return notes;
}

/** Stages whose growth per tenfold into the largest scale is above the flag. */
export function flagged(results: readonly StageResult[], scales: readonly string[], startMs: number): string[] {
  const [before, last] = scales.slice(-2);
  if (!before || !last) return [];
  const out: string[] = [];
  for (const r of results.filter((x) => x.scale === last)) {
    const g = growth(results.find((x) => x.stage === r.stage && x.scale === before), r, startMs);
    if (g !== undefined && g > GROWTH_FLAG) out.push(`${r.stage} (x${g.toFixed(2)} per tenfold from ${before} to ${last})`);
  }
  return out;
}

export function writeResults(root: string, body: Record<string, unknown>): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}
