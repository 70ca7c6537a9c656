/**
 * Write the scale data set (set.ts) into a folder and print where everything is as JSON:
 *   node dist/src/tools/samplegen/scale/write-cli.js <dir> <lines> [seed]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeScaleSet } from './set.js';

const [dir, lines, seed] = process.argv.slice(2);
if (!dir || !lines || !/^\d+$/.test(lines)) {
  process.stderr.write('usage: write-cli <dir> <lines> [seed]\n');
  process.exit(2);
}
const set = writeScaleSet(dir, Number(lines), seed ? Number(seed) : undefined);
writeFileSync(join(dir, 'set.json'), `${JSON.stringify(set, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(set)}\n`);
