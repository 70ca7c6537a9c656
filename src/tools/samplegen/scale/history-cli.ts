/**
 * Fill a workspace's ledger with a year of history (history/seed.ts) and print what it
 * took as JSON:
 *   node dist/src/tools/samplegen/scale/history-cli.js <ledger.db> <lines> [--drop-indexes]
 */
import { fillHistory } from './history/seed.js';

const [file, lines] = process.argv.slice(2);
if (!file || !lines || !/^\d+$/.test(lines)) {
  process.stderr.write('usage: history-cli <ledger.db> <lines> [--drop-indexes]\n');
  process.exit(2);
}
const result = await fillHistory(file, Number(lines), { dropIndexes: process.argv.includes('--drop-indexes') });
process.stdout.write(`${JSON.stringify(result)}\n`);
