/** Where an export's files go, and the temporary files a killed export leaves (issue 13 item 9). */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemps, targetPaths } from '../../src/pipeline/journal-files.js';

describe('journal files', () => {
  it('puts one file at --out, a second beside it, and Xero parts named from the stem', () => {
    expect(targetPaths('/x/post.csv', ['.csv'])).toEqual(['/x/post.csv']);
    expect(targetPaths('/x/post.csv', ['.csv', '-journal.csv'])).toEqual(['/x/post.csv', '/x/post-journal.csv']);
    expect(targetPaths('/x/lockbox.txt', ['.txt', '-journal.csv'])).toEqual(['/x/lockbox.txt', '/x/lockbox-journal.csv']);
    expect(targetPaths('/x/xero.csv', ['-1.csv', '-2.csv'])).toEqual(['/x/xero-1.csv', '/x/xero-2.csv']);
    expect(targetPaths('/x/noext', ['.csv', '-journal.csv'])).toEqual(['/x/noext', '/x/noext-journal.csv']);
  });

  it('removes only the .export-*.tmp files of killed exports, and an older remit\'s beside the same --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'remit-temps-'));
    try {
      for (const name of ['.export-J3-1-abcd1234.tmp', '.export-J3-2-0000ffff.tmp', 'journal-3.csv', '.journal-3.csv.abcd1234.tmp', 'notes.tmp']) writeFileSync(join(dir, name), 'x');
      expect(removeStaleTemps([dir, dir, join(dir, 'missing')])).toBe(2);
      expect(readdirSync(dir).sort()).toEqual(['.journal-3.csv.abcd1234.tmp', 'journal-3.csv', 'notes.tmp']);
      // What an older remit left beside the same --out.
      writeFileSync(join(dir, '.other.csv.deadbeef.tmp'), 'x');
      expect(removeStaleTemps([], [join(dir, 'journal-3.csv')])).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(['.other.csv.deadbeef.tmp', 'journal-3.csv', 'notes.tmp']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
