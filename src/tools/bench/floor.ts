/**
 * One floor in its own process, so its time and peak memory are its own:
 *   node dist/src/tools/bench/floor.js <floor> <args...>
 * A floor is the fastest plain way to do a stage's work on this machine (see floors/).
 */
import { reportOnExit } from './exit-report.js';
import type { FloorResult } from './floors/types.js';

const FLOORS: Record<string, string> = {
  'csv-import': './floors/csv-remittances.js',
  'xlsx-import': './floors/xlsx.js',
  '820-import': './floors/x12.js',
  'pdf-import': './floors/pdf.js',
  'invoices-import': './floors/csv-invoices.js',
  match: './floors/match.js',
  'export-gl': './floors/export.js',
  'report exceptions': './floors/exceptions.js',
  status: './floors/status.js',
  nightly: './floors/nightly.js',
};

let result: FloorResult | undefined;
reportOnExit(() => ({ ...(result ?? {}) }));
const [name, ...args] = process.argv.slice(2);
const module = name ? FLOORS[name] : undefined;
if (!module) {
  process.stderr.write(`usage: floor <${Object.keys(FLOORS).join(' | ')}> <args...>\n`);
  process.exit(2);
}
const floor = (await import(module)) as { run(args: string[]): Promise<FloorResult> };
result = await floor.run(args);
