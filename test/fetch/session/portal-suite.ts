// Shared set-up for the fetch tests: one headless browser per test file, a temp directory
// per test, and the checks that no secret ended up in what a run wrote.
import { loadPortalRecipe } from '../../../src/fetch/recipe/registry.js';
import { startPortal } from '../../../fixtures/portals/index.mjs';
import { afterAll, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../../src/fetch/session/browser.js';
import { newPortalContext } from '../../../src/fetch/session/engine.js';
import type { FetchPortalInput, PortalRecipe } from '../../../src/fetch/types.js';

export const PASSWORD = 'Pa$$w0rd&secret-7d1f';
// A 10-byte seed written the way a portal shows it: groups with spaces.
export const TOTP_SEED = 'JBSW Y3DP EHPK 3PXP';

export async function startBrowser(): Promise<Browser> {
  return launchBrowser({ env: { REMIT_BROWSER: process.env.REMIT_BROWSER } });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `remit-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface Harness {
  context: BrowserContext;
  dir: string;
  downloadDir: string;
  failureDir: string;
  logs: string[];
  input(over?: Partial<FetchPortalInput>): FetchPortalInput;
  close(): Promise<void>;
}

/** A fresh context and directories for one test. */
export async function harness(browser: Browser, recipe: PortalRecipe, portalUrl: string, username = 'demo'): Promise<Harness> {
  const context = await newPortalContext(browser);
  const dir = await tempDir('fetch');
  const downloadDir = join(dir, 'downloads');
  const failureDir = join(dir, 'runs');
  await mkdir(downloadDir);
  const logs: string[] = [];
  return {
    context,
    dir,
    downloadDir,
    failureDir,
    logs,
    input: (over = {}) => ({
      context,
      recipe,
      account: { id: 'acct-1', url: portalUrl, username },
      credentials: { password: PASSWORD },
      since: '2025-03-01',
      until: '2025-03-31',
      downloadDir,
      timeoutMs: 5000,
      log: (m) => logs.push(m),
      failureDir,
      ...over,
    }),
    close: async () => {
      await context.close().catch(() => undefined);
      await removeDir(dir);
    },
  };
}

/** Every file under a directory, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/**
 * Unzip a trace with the system unzip and return every entry's text, so a test can search
 * the real archive the way an attacker would.
 */
export async function unzipText(zipPath: string): Promise<string> {
  const out = await tempDir('unzip');
  try {
    execFileSync('unzip', ['-q', '-o', zipPath, '-d', out]);
    const files = await filesUnder(out);
    const texts = await Promise.all(files.map(async (f) => (await readFile(f)).toString('latin1')));
    return texts.join('\n');
  } finally {
    await removeDir(out);
  }
}

/** The spellings of a secret that must not appear anywhere. */
export function spellings(secret: string): string[] {
  const compact = secret.replace(/\s+/g, '');
  return [...new Set([secret, compact, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)])];
}

export function findSecret(haystack: string, secrets: string[]): string | undefined {
  return secrets.flatMap(spellings).find((s) => haystack.includes(s));
}

/** A started fixture portal, as the tests see it. */
export type FixturePortal = Awaited<ReturnType<typeof startPortal>>;

/**
 * One browser and one portal recipe for a test file (started before its tests, closed after),
 * and `withPortal`, which starts the fixture site with the file's defaults for one test.
 */
export function portalSuite(name: 'northwind' | 'bluepeak' | 'cedarmart', defaults: Record<string, unknown>) {
  const suite = {
    browser: undefined as unknown as Browser,
    recipe: undefined as unknown as PortalRecipe,
    async withPortal(options: Record<string, unknown>, body: (portal: FixturePortal, h: Harness) => Promise<void>): Promise<void> {
      const portal = await startPortal(name, { ...defaults, ...options });
      const h = await harness(suite.browser, suite.recipe, portal.url);
      try {
        await body(portal, h);
      } finally {
        await h.close();
        await portal.close();
      }
    },
  };
  beforeAll(async () => {
    suite.browser = await startBrowser();
    suite.recipe = await loadPortalRecipe(name);
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
