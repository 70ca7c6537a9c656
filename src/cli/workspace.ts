/**
 * Open the workspace a command works in (settings validated, ledger open) and the services a
 * use case may need (the browser, the keychain), each opened on first use and closed after.
 */
import type { Browser } from 'playwright-core';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { openLedger } from '../ledger/index.js';
import type { PipelineContext } from '../pipeline/context.js';
import type { FetchServices } from '../pipeline/fetch-portals.js';
import type { SecretStore } from '../secrets/index.js';
import { resolveWorkspaceRoot, workspacePaths, type WorkspacePaths } from '../workspace/resolve.js';
import type { Context } from './context.js';
import { sayFor } from './say.js';

export function workspaceRoot(ctx: Context): string {
  return resolveWorkspaceRoot(ctx.home, ctx.env, ctx.platform, ctx.userHome);
}

export function pathsOf(ctx: Context): WorkspacePaths {
  return workspacePaths(workspaceRoot(ctx));
}

/** Run `use` with the workspace's settings and open ledger; the ledger is closed after. */
export async function withWorkspace<T>(ctx: Context, use: (pipeline: PipelineContext) => Promise<T>): Promise<T> {
  const paths = pathsOf(ctx);
  const config = loadConfig(paths.config);
  const ledger = await openLedger(paths.ledger, ctx.clock);
  const say = sayFor(ctx);
  try {
    return await use({ ledger, config, clock: ctx.clock, paths, user: ctx.user, log: (message) => say.info(message) });
  } finally {
    await ledger.close();
  }
}

/** The workspace's keychain (or vault), opened once. */
export function secretsFor(ctx: Context, config: Config, paths: WorkspacePaths): () => Promise<SecretStore> {
  let store: Promise<SecretStore> | undefined;
  // The keychain library is loaded only by the commands that read a secret.
  return () => (store ??= import('../secrets/index.js').then(({ openSecretStore }) => openSecretStore(config.secrets, { workspace: paths.root, env: ctx.env, platform: ctx.platform })));
}

/** Browser and keychain for a fetch, opened when first needed; `close` ends the browser if it started. */
export function fetchServices(ctx: Context, pipeline: PipelineContext, options: { headed?: boolean } = {}): FetchServices & { close(): Promise<void> } {
  const { config } = pipeline;
  let browser: Promise<Browser> | undefined;
  return {
    secrets: secretsFor(ctx, config, pipeline.paths),
    // Playwright is loaded only when a portal is fetched: every other command starts without it.
    browser: () =>
      (browser ??= import('../fetch/session/browser.js').then(({ launchBrowser }) => launchBrowser({
        ...(config.browser.executablePath ? { executablePath: config.browser.executablePath } : {}),
        ...(config.browser.channel ? { channel: config.browser.channel } : {}),
        headed: Boolean(options.headed),
        env: { REMIT_BROWSER: ctx.env['REMIT_BROWSER'] },
      }))),
    ...(ctx.env['REMIT_RETRY_BACKOFF_MS'] ? { backoffMs: () => Number(ctx.env['REMIT_RETRY_BACKOFF_MS']) } : {}),
    close: async () => {
      if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
    },
  };
}
