/**
 * The real `remit` in a bench child: the same entry point as bin/remit, loaded in this
 * process so that the peak memory reported on exit (exit-report.ts) is the command's own.
 *   REMIT_BENCH_REPORT=out.json node dist/src/tools/bench/measure-cli.js --home DIR import ...
 */
import { fileURLToPath } from 'node:url';
import { reportOnExit } from './exit-report.js';

reportOnExit();
process.argv = [process.argv[0]!, fileURLToPath(new URL('../../../../bin/remit', import.meta.url)), ...process.argv.slice(2)];
await import('../../cli/main.js');
