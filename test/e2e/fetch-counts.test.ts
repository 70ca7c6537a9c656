/**
 * One count of what a portal run did, whatever the retries: the log line, the fetch table,
 * the run's summary.json and the notification agree. Northwind fails its second result page
 * once, after the first page's five files were saved, so the account needs a second attempt.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../../fixtures/portals/index.mjs';
import { remit, remitAsync, removeDir } from '../support/cli.js';
import { VAULT, vaultWorkspaceWithNorthwind } from '../support/vault-workspace.js';
import { startReceiver, type TestReceiver } from '../notify/helpers.js';

interface RunningPortal {
  url: string;
  close(): Promise<void>;
  options: Record<string, unknown>;
  state: { loginAttempts: number; downloads: string[] };
}

const PASSWORD = 'Count-pa55word-1';

describe('counting a run with a retry', () => {
  let portal: RunningPortal;
  let hook: TestReceiver;
  let home: string;

  beforeAll(async () => {
    portal = (await startPortal('northwind', { password: PASSWORD, failPageOnce: 2 })) as RunningPortal;
    hook = await startReceiver();
    home = vaultWorkspaceWithNorthwind(portal.url, PASSWORD, `notify:\n  webhook: { url: "${hook.url}", format: generic }\n  send: always\n`);
  }, 60_000);

  afterAll(async () => {
    await portal?.close();
    await hook?.close();
    if (home) removeDir(home);
  });

  it('12 files over two attempts are 12 new files everywhere, none "already downloaded"', async () => {
    const result = await remitAsync(['run', '--since', '2025-03-01', '--until', '2025-03-31'], { home, env: VAULT });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/trying again .*attempt 2 of/);
    expect(portal.state.downloads).toHaveLength(12);
    expect(result.stderr).toMatch(/nw: 12 new file\(s\), 0 already downloaded/);
    expect(result.stderr).not.toMatch(/nw: \d+ new file\(s\), [1-9]\d* already downloaded/);
    expect(result.stdout).toMatch(/nw\s+ok\s+12\s/);
    const runs = readdirSync(join(home, 'runs')).filter((name) => existsSync(join(home, 'runs', name, 'summary.json'))).sort();
    const summary = JSON.parse(readFileSync(join(home, 'runs', runs.at(-1)!, 'summary.json'), 'utf8')) as { portals: Array<Record<string, unknown>> };
    expect(summary.portals[0]).toMatchObject({ id: 'nw', status: 'ok', files: 12, alreadyDownloaded: 0, attempts: 2 });
    expect(hook.posts).toHaveLength(1);
    expect(hook.posts[0]!.body).toMatch(/"fetched":1/);
  });
});
