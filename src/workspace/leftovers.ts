/**
 * Temporary files a stopped process left beside what it was writing (an inbox copy, a
 * settings file, a staged journal). Each is named `.<target>.<pid>.<random>.tmp` (older
 * staged files carry no pid): one whose process no longer runs, or, without a pid, one
 * untouched for an hour, is removed. Called by a writer holding the workspace lock, so no
 * other remit is writing those folders.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WITH_PID = /^\..+\.(\d+)\.[0-9a-f]{4,}\.tmp$/;
const WITHOUT_PID = /^\..+\.[0-9a-f]{8}\.tmp$/;
const STALE_MS = 3_600_000;

/** Remove the stale temporary files directly inside `dirs`; returns their paths. */
export function sweepTempFiles(dirs: readonly string[], alive: (pid: number) => boolean, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const withPid = WITH_PID.exec(name);
      const path = join(dir, name);
      let stale: boolean;
      try {
        const stats = statSync(path);
        if (!stats.isFile()) continue;
        stale = withPid ? Number(withPid[1]) !== process.pid && !alive(Number(withPid[1])) : WITHOUT_PID.test(name) && now - stats.mtimeMs > STALE_MS;
      } catch {
        continue;
      }
      if (!stale) continue;
      try {
        rmSync(path, { force: true });
        removed.push(path);
      } catch {
        // Left for the next run (or remit doctor) to report.
      }
    }
  }
  return removed;
}
