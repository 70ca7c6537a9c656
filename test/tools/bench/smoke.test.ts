/**
 * The bench runs at all: its smallest scale, two stages, through the built `remit` as
 * `npm run bench` runs them (it is not part of the tests otherwise, so a broken path in
 * src/tools would go unseen until someone measures).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli.js';

describe('npm run bench', () => {
  it('runs a stage and its floor at 10k and says ok', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'tools', 'bench', 'run-bench.js'), '--scale', '10k', '--only', 'CSV import'], {
      encoding: 'utf8',
      cwd: ROOT,
      timeout: 300_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/CSV import\s+10k\s+10,000 lines\s+[\d.]+ s\s+[\d.]+ s\s+x[\d.]+.*\bok\b/);
  });
});
