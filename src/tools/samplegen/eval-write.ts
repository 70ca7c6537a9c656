/**
 * Write the matcher's evaluation set and its answer key:
 *   node dist/src/tools/samplegen/eval-write.js fixtures/eval [--seed 6]
 * One JSON file, eval-set.json: the settings, per payer its invoices and remittance lines,
 * and the key (what each line should come to). One record per line of text, so a change
 * to the generator shows as a readable diff.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEvalSet, evalSetJson } from './eval-set.js';

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--')) ?? 'fixtures/eval';
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 6;
const set = buildEvalSet(seed);
mkdirSync(dir, { recursive: true });
const file = join(dir, 'eval-set.json');
writeFileSync(`${file}.tmp`, evalSetJson(set));
renameSync(`${file}.tmp`, file);
const lines = set.payers.reduce((sum, payer) => sum + payer.lines.length, 0);
const invoices = set.payers.reduce((sum, payer) => sum + payer.invoices.length, 0);
process.stderr.write(`wrote ${file}: ${set.payers.length} payers, ${invoices} invoices, ${lines} lines (seed ${seed})\n`);
