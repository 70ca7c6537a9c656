/**
 * Golden files: a parser's whole result, committed as JSON and deep-compared. Run the tests
 * with `UPDATE_GOLDEN=1` to rewrite them from what the code produces now, then read the diff.
 */
import { writeFileSync } from 'node:fs';

export const updateGolden = process.env.UPDATE_GOLDEN === '1';

/** Write `value` as a golden file: two-space JSON with a final newline. */
export function writeGolden(path: string | URL, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
