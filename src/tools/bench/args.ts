/** The bench's options: `--scale 10k|100k|1m`, `--only <stage,...>` (or `--stage <stage>`), `--fetch`, `--keep`. */
import { SCALES } from './result.js';

export interface BenchOptions {
  /** Every scale up to and including the chosen one. */
  scales: ReadonlyArray<[string, number]>;
  only?: ReadonlySet<string>;
  fetch: boolean;
  keep: boolean;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const scale = (value('scale') ?? '1m').toLowerCase();
  const last = SCALES.findIndex(([name]) => name === scale);
  if (last < 0) throw new Error(`--scale ${scale}: choose ${SCALES.map(([name]) => name).join(', ')}`);
  const only = value('only') ?? value('stage');
  return {
    scales: SCALES.slice(0, last + 1),
    ...(only ? { only: new Set(only.split(',').map((name) => name.trim())) } : {}),
    // Fetch is not part of issue 7's figures; --skip-fetch is still accepted (and is the default).
    fetch: argv.includes('--fetch') && !argv.includes('--skip-fetch'),
    keep: argv.includes('--keep'),
  };
}
