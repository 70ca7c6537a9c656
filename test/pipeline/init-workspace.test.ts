/** `remit init` as a use case: folders, commented settings and a ledger; settings an operator edited are kept. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { initWorkspace } from '../../src/pipeline/init-workspace.js';
import { workspacePaths } from '../../src/workspace/resolve.js';
import { TEST_CLOCK } from '../support/pipeline.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('initWorkspace', () => {
  it('makes every folder, a valid remit.yaml and the ledger; a second init keeps the settings', async () => {
    root = mkdtempSync(join(tmpdir(), 'remit-init-'));
    const paths = workspacePaths(join(root, 'ws'));
    expect(await initWorkspace(paths, { company: 'NWF', name: 'Northwind', currency: 'usd' }, TEST_CLOCK)).toEqual({ wroteConfig: true });
    for (const path of [paths.inbox, paths.logs, paths.runs, paths.exports, paths.portals, paths.ledger]) expect(existsSync(path), path).toBe(true);
    expect(loadConfig(paths.config).companies['NWF']).toMatchObject({ name: 'Northwind', currency: 'USD' });
    writeFileSync(paths.config, `${readFileSync(paths.config, 'utf8')}\n# edited by hand\n`);
    expect(await initWorkspace(paths, { company: 'OTHER', currency: 'EUR' }, TEST_CLOCK)).toEqual({ wroteConfig: false });
    expect(readFileSync(paths.config, 'utf8')).toContain('# edited by hand');
  });

  it('refuses a company code or currency that cannot work', async () => {
    root = mkdtempSync(join(tmpdir(), 'remit-init-'));
    const paths = workspacePaths(root);
    await expect(initWorkspace(paths, { company: 'a b', currency: 'USD' }, TEST_CLOCK)).rejects.toThrow(/--company/);
    await expect(initWorkspace(paths, { company: 'A', currency: 'DOLLARS' }, TEST_CLOCK)).rejects.toThrow(/--currency/);
  });
});
