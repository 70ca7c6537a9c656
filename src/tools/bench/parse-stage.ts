/**
 * One bench stage in its own process, so peak memory is the stage's own:
 *   node dist/src/tools/bench/parse-stage.js <file> [papaparse]
 * Prints one JSON line: milliseconds, payments, lines, peak RSS in MB.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { parseRemittanceFile } from '../../parsers/index.js';
import { DEFAULT_LIMITS } from '../../parsers/types.js';

const [file, mode] = process.argv.slice(2);
if (!file) throw new Error('usage: parse-stage <file> [papaparse]');
const bytes = readFileSync(file);
const started = performance.now();
let payments = 0;
let lines = 0;
if (mode === 'papaparse') {
  // The floor: the plain parse of the same text with no meaning attached.
  const rows = Papa.parse<string[]>(bytes.toString('utf8'), { skipEmptyLines: true }).data;
  lines = rows.length - 1;
} else {
  const result = await parseRemittanceFile(bytes, {
    fileName: file, payer: 'BENCH', currency: 'USD', dateOrder: 'mdy', decimalComma: false, columns: {}, reasonCodes: {}, lenient: true, limits: DEFAULT_LIMITS,
  });
  payments = result.remittances.length;
  lines = result.remittances.reduce((sum, r) => sum + r.lines.length, 0);
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, payments, lines, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
