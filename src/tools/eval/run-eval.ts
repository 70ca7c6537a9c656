/**
 * `npm run eval`: the matcher against the generated evaluation set and its answer key
 * (fixtures/eval/eval-set.json, written by src/samplegen/eval-write.ts). Prints precision
 * and recall of automatic applications, overall, per method and per case. Exits 1 when any
 * automatic application is wrong: precision must be 100%.
 *   npm run eval [-- path/to/eval-set.json] [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalSet } from '../samplegen/eval-set.js';
import { evaluate, type EvalReport, type Tally } from './score.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--')) ?? join(ROOT, 'fixtures/eval/eval-set.json');
const set = JSON.parse(readFileSync(file, 'utf8')) as EvalSet;
const started = performance.now();
const report = evaluate(set);
const ms = performance.now() - started;

if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else process.stdout.write(render(report, file, ms));
process.exitCode = report.wrong.length > 0 ? 1 : 0;

function render(r: EvalReport, source: string, elapsed: number): string {
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
  const row = (t: Tally, lines: boolean) => [t.name, ...(lines ? [String(t.lines)] : []), String(t.automatic), String(t.wrong), pct(t.right, t.automatic), String(t.expected), String(t.found), pct(t.found, t.expected), String(t.topCandidate)];
  const head = (lines: boolean) => ['', ...(lines ? ['lines'] : []), 'auto', 'wrong', 'precision', 'key', 'found', 'recall', 'top cand.'];
  const out: string[] = [];
  out.push(`remit matcher evaluation: ${source}`);
  out.push(`${r.lines} lines, matched in ${Math.round(elapsed)} ms`);
  out.push('');
  out.push('auto: applied without a person; wrong: of those, not what the key says (a trap applied counts);');
  out.push('key: lines the key expects applied; found: of those, applied right;');
  out.push('top cand.: of the rest, left for review with the right invoice(s) as the first candidate');
  out.push('');
  out.push('per method (precision by the method that applied; recall by the method the key expects)');
  out.push(table(head(false), [...r.byMethod.map((t) => row(t, false)), row(r.overall, false)]));
  out.push('');
  out.push('per case');
  out.push(table(head(true), [...r.byCase.map((t) => row(t, true)), row(r.overall, true)]));
  out.push('');
  out.push(`traps kept for a person: ${r.traps.kept} of ${r.traps.total}`);
  out.push(`deduction reason codes as the key says: ${r.reasons.right} of ${r.reasons.total}`);
  out.push(`precision ${pct(r.overall.right, r.overall.automatic)} (${r.overall.wrong} wrong), recall ${pct(r.overall.found, r.overall.expected)}`);
  if (r.wrong.length > 0) {
    out.push('');
    out.push('WRONG automatic applications:');
    for (const w of r.wrong) out.push(`  line ${w.lineId} ${w.payer} ${w.case}: applied ${w.got}; key: ${w.want}`);
  }
  return `${out.join('\n')}\n`;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(0, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(rows.at(-1)!)].join('\n');
}
