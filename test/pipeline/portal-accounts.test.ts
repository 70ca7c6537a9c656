/** Portal accounts as use cases: settings to remit.yaml, secrets to the store only, both removed together. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { addPortal, listPortals, removePortal } from '../../src/pipeline/portal-accounts.js';
import { openSecretStore, type SecretStore } from '../../src/secrets/index.js';
import { testWorkspace, type TestWorkspace } from '../support/pipeline.js';

const YAML = 'companies:\n  MAIN:\n    name: Main\nsecrets:\n  store: vault\n  passphrase_env: REMIT_TEST_VAULT\n';
const ENV = { REMIT_TEST_VAULT: 'a passphrase only this test uses' };

let ws: TestWorkspace;
afterEach(async () => ws.close());

describe('portal accounts', () => {
  it('add stores the secrets and writes the account; list sees both; remove deletes both', async () => {
    ws = await testWorkspace(YAML);
    let store: SecretStore | undefined;
    const secrets = async (): Promise<SecretStore> => (store ??= await openSecretStore(ws.ctx.config.secrets, { workspace: ws.root, env: ENV, platform: process.platform }));
    const account = { id: 'acme-1', company: 'MAIN', payer: 'ACME', recipe: 'northwind', url: 'https://portal.example', username: 'ar', options: { vendor: '42' } };
    expect(await addPortal(ws.ctx, secrets, account, { password: 'pw-Only-Here-1', totp: 'JBSWY3DPEHPK3PXP' })).toBe('vault');
    const text = readFileSync(ws.ctx.paths.config, 'utf8');
    expect(text).not.toContain('pw-Only-Here-1');
    const config = parseConfigText(text, ws.ctx.paths.config);
    expect(config.portals).toEqual([account]);
    const listed = await listPortals({ ...ws.ctx, config }, secrets);
    expect(listed).toEqual([{ account, passwordStored: true, totpStored: true, lastSuccess: null, failuresSince: 0 }]);
    await expect(addPortal({ ...ws.ctx, config }, secrets, account, { password: 'x' })).rejects.toThrow(/already in remit.yaml/);
    expect(await removePortal({ ...ws.ctx, config }, secrets, 'acme-1')).toBe(2);
    expect(parseConfigText(readFileSync(ws.ctx.paths.config, 'utf8'), ws.ctx.paths.config).portals).toEqual([]);
    expect(await (await secrets()).get('acme-1', 'password')).toBeUndefined();
  });
});
