/**
 * The bench table: per stage and scale, the project's time, the floor's, their ratio, the
 * project's peak memory, and the growth per tenfold from the scale before (1.0 = the cost
 * per row stays the same; above 1.3 is flagged). Growth is taken on times less the start of
 * a `remit` process, which would otherwise hide growth at small sizes; it is left blank
 * when either time is under a tenth of a second of work.
 */
import type { StageResult } from './result.js';

export const GROWTH_FLAG = 1.3;
const MEANINGFUL_MS = 100;

const s = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
const mb = (value: number | undefined): string => (value === undefined ? '-' : `${Math.round(value)} MB`);

/** Growth per tenfold of `current` over `previous` (same stage, the scale before). */
export function growth(previous: StageResult | undefined, current: StageResult, startMs: number): number | undefined {
  if (!previous?.projectMs || !current.projectMs || previous.error || current.error || !previous.size || !current.size) return undefined;
  const start = current.inProcess ? 0 : startMs;
  const before = previous.projectMs - start;
  const now = current.projectMs - start;
  // Below a tenth of a second of work the difference is noise, not growth.
  if (before < MEANINGFUL_MS || now < MEANINGFUL_MS) return undefined;
  return now / before / (current.size / previous.size);
}

export function renderTable(results: readonly StageResult[], stageOrder: readonly string[], scaleOrder: readonly string[], startMs: number): string {
  const head = ['stage', 'scale', 'size', 'remit', 'floor', 'ratio', 'peak RSS', 'floor RSS', 'growth/10x', 'check'];
  const rows: string[][] = [];
  for (const stage of stageOrder) {
    const own = scaleOrder.map((scale) => results.find((r) => r.stage === stage && r.scale === scale)).filter((r): r is StageResult => r !== undefined);
    own.forEach((r, i) => {
      const g = growth(own[i - 1], r, startMs);
      rows.push([
        i === 0 ? stage : '', r.scale, `${r.size.toLocaleString('en-US')} ${r.unit}`, r.error && !r.projectMs ? 'failed' : s(r.projectMs), s(r.floorMs),
        r.projectMs && r.floorMs ? `x${(r.projectMs / r.floorMs).toFixed(1)}` : '-', mb(r.projectRssMb), mb(r.floorRssMb),
        g === undefined ? '' : `${g.toFixed(2)}${g > GROWTH_FLAG ? ' !' : ''}`, r.check,
      ]);
    });
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i >= 2 && i <= 8 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
