/**
 * One fetch run over many portal accounts: one browser, one context per account, a few
 * accounts at a time, retries with backoff for transient failures only (never for a
 * wrong password: that locks accounts). Each new file is imported as it arrives; the
 * run and every portal's outcome are recorded in the ledger.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Config, PortalAccount } from '../config/schema.js';
import { RemitError, errorMessage } from '../core/errors.js';
import type { Ledger } from '../ledger/index.js';
import type { PortalRunRecord } from '../ledger/fetches.js';
import { importFiles, type FileOutcome } from '../importing/import-files.js';
import type { SecretStore } from '../secrets/index.js';
import { fetchPortal, newPortalContext } from './engine.js';
import { PortalError } from './errors.js';
import { loadPortalRecipe } from './registry.js';
import type { PortalFetchResult, RowInfo, StorageState } from './types.js';

export interface AccountsRunInput {
  accounts: PortalAccount[];
  config: Config;
  ledger: Ledger;
  secrets: SecretStore;
  browser: Browser;
  workspaceRoot: string;
  runId: string;
  since: string;
  until: string;
  dryRun: boolean;
  log: (message: string) => void;
  /** A since per account (the nightly run catches each portal up from its last good day). */
  sinceFor?: (account: PortalAccount) => string;
  /** Milliseconds before retry n (1-based); tests make it short. */
  backoffMs?: (attempt: number) => number;
}

export interface AccountOutcome {
  account: PortalAccount;
  record: PortalRunRecord;
  files: FileOutcome[];
  dryRunRows: RowInfo[];
}

export async function fetchAccounts(input: AccountsRunInput): Promise<AccountOutcome[]> {
  const fetchRunId = input.dryRun ? undefined : input.ledger.fetches.startRun(input.runId, input.since, input.until, false);
  const batches = new Map<string, number>();
  const batchFor = (company: string): number => {
    let id = batches.get(company);
    if (id === undefined) {
      id = input.ledger.documents.startBatch(company, 'fetch', `fetch run ${input.runId}`);
      batches.set(company, id);
    }
    return id;
  };
  const outcomes: AccountOutcome[] = [];
  const queue = [...input.accounts];
  const worker = async (): Promise<void> => {
    for (let account = queue.shift(); account; account = queue.shift()) {
      const outcome = await fetchOne(account, input, batchFor);
      outcomes.push(outcome);
      if (fetchRunId !== undefined) input.ledger.fetches.recordPortal(fetchRunId, outcome.record);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.config.fetch.concurrency, input.accounts.length)) }, worker));
  for (const id of batches.values()) {
    input.ledger.documents.finishBatch(id);
    input.ledger.documents.dropIfEmpty(id);
  }
  if (fetchRunId !== undefined) input.ledger.fetches.finishRun(fetchRunId);
  rmSync(join(input.workspaceRoot, '.downloads', input.runId), { recursive: true, force: true });
  // Keep the order of remit.yaml in the summary, whatever finished first.
  return input.accounts.map((account) => outcomes.find((o) => o.account.id === account.id)!);
}

async function fetchOne(account: PortalAccount, input: AccountsRunInput, batchFor: (company: string) => number): Promise<AccountOutcome> {
  const base = { accountId: account.id, company: account.company, payer: account.payer, rowsSeen: 0, files: 0, payments: 0, fileErrors: 0, attempts: 0 };
  const failed = (err: unknown, attempts: number, files: FileOutcome[] = []): AccountOutcome => {
    const portal = err instanceof PortalError ? err : undefined;
    const artifacts = portal?.artifacts ? [portal.artifacts.screenshot, portal.artifacts.trace].filter(Boolean).join(' ') : undefined;
    input.log(`${account.id}: failed: ${errorMessage(err)}`);
    return {
      account,
      files,
      dryRunRows: [],
      record: { ...base, attempts, status: 'failed', errorKind: portal?.kind ?? (err instanceof RemitError ? err.code : 'error'), message: errorMessage(err), artifacts, ...fileCounts(files) },
    };
  };

  let credentials: { password: string; totpSecret?: string };
  let storageState: StorageState | undefined;
  let recipe;
  try {
    // The workspace's own portals/ folder comes first, so an operator can add or override a recipe.
    recipe = await loadPortalRecipe(account.recipe, { dirs: [join(input.workspaceRoot, 'portals')] });
    const password = await input.secrets.get(account.id, 'password');
    if (!password) throw new RemitError('no-password', `no password stored for portal account ${account.id}`, { hint: `run: remit portal add --id ${account.id} --password-stdin ...` });
    const totpSecret = await input.secrets.get(account.id, 'totp');
    credentials = { password, ...(totpSecret ? { totpSecret } : {}) };
  } catch (err) {
    return failed(err, 0);
  }
  try {
    const session = await input.secrets.get(account.id, 'session');
    storageState = session ? (JSON.parse(session) as StorageState) : undefined;
  } catch (err) {
    // A saved session only spares an MFA prompt: when it cannot be read, log in afresh.
    input.log(`${account.id}: saved session not usable (${errorMessage(err)}); logging in again`);
    await input.secrets.delete(account.id, 'session').catch(() => false);
  }

  const known = input.ledger.fetches.knownRows(account.id);
  const downloadDir = join(input.workspaceRoot, '.downloads', input.runId, account.id);
  mkdirSync(downloadDir, { recursive: true });
  const files: FileOutcome[] = [];
  const maxAttempts = 1 + input.config.fetch.retries;
  for (let attempt = 1; ; attempt += 1) {
    const context = await newPortalContext(input.browser);
    let result: PortalFetchResult | undefined;
    let error: unknown;
    try {
      result = await withDeadline(input.config.fetch.timeoutSeconds, () => context.close(), fetchPortal({
        context, recipe, credentials, storageState,
        account: { id: account.id, url: account.url, username: account.username, options: account.options },
        since: input.sinceFor?.(account) ?? input.since, until: input.until, downloadDir,
        isKnown: (rowId) => known.has(rowId),
        timeoutMs: input.config.fetch.stepTimeoutSeconds * 1000,
        dryRun: input.dryRun,
        log: (message) => input.log(`${account.id}: ${message}`),
        failureDir: join(input.workspaceRoot, 'runs', input.runId, account.id),
      }));
    } catch (err) {
      error = err;
      // Files saved before the failure are real remittances: import them all the same.
      if (err instanceof PortalError && err.partial) result = err.partial;
    } finally {
      await context.close().catch(() => undefined);
    }
    if (result && !input.dryRun) files.push(...(await importDownloads(account, result, input, batchFor, known)));
    // Even a dry run keeps its session: tomorrow's run is spared the MFA prompt.
    if (result?.storageState) await input.secrets.set(account.id, 'session', JSON.stringify(result.storageState));
    if (!error) {
      input.log(`${account.id}: ${result!.files.length} new file(s), ${result!.skipped} already downloaded`);
      return {
        account,
        files,
        dryRunRows: result!.dryRunRows ?? [],
        record: { ...base, attempts: attempt, status: fileCounts(files).fileErrors > 0 ? 'failed' : 'ok', rowsSeen: result!.rows, ...fileCounts(files), ...(fileCounts(files).fileErrors > 0 ? { errorKind: 'file', message: 'some files could not be read' } : {}) },
      };
    }
    const retryable = error instanceof PortalError && error.retryable;
    if (!retryable || attempt >= maxAttempts) return failed(error, attempt, files);
    const wait = (input.backoffMs ?? ((n: number) => 2000 * 2 ** (n - 1)))(attempt);
    input.log(`${account.id}: ${errorMessage(error)}; trying again in ${Math.round(wait / 1000)} s (attempt ${attempt + 1} of ${maxAttempts})`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function importDownloads(
  account: PortalAccount,
  result: PortalFetchResult,
  input: AccountsRunInput,
  batchFor: (company: string) => number,
  known: Set<string>,
): Promise<FileOutcome[]> {
  const fresh = result.files.filter((file) => !known.has(file.rowId));
  if (fresh.length === 0) return [];
  const names = new Map(fresh.map((file) => [file.path, file.suggestedName]));
  const outcomes = await importFiles(
    { files: fresh.map((file) => file.path), company: account.company, payer: account.payer, strict: false, source: `fetch:${account.id}`, batchId: batchFor(account.company), names },
    input.config,
    input.ledger,
    input.workspaceRoot,
  );
  fresh.forEach((file, index) => {
    const outcome = outcomes[index];
    // The original is in the inbox now (even when it failed to parse), so the row is not downloaded again.
    const kept = outcome !== undefined && (outcome.status !== 'failed' || outcome.documentId !== undefined);
    if (kept) {
      input.ledger.fetches.recordDownload(account.id, file.rowId, file.sha256);
      known.add(file.rowId);
    }
    rmSync(file.path, { force: true });
  });
  return outcomes;
}

/**
 * One account's whole run is bounded: past the deadline its browser context is closed,
 * which ends whatever the portal was doing, and the run fails as a (retryable) timeout.
 */
async function withDeadline<T>(seconds: number, abort: () => Promise<void>, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void abort().catch(() => undefined);
      reject(new PortalError('timeout', `the portal run took longer than ${seconds} s (fetch.timeout_seconds) and was stopped`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}

function fileCounts(files: FileOutcome[]): { files: number; payments: number; fileErrors: number } {
  return {
    files: files.filter((f) => f.status !== 'failed').length,
    payments: files.reduce((sum, f) => sum + (f.status === 'imported' ? f.payments : 0), 0),
    fileErrors: files.filter((f) => f.status === 'failed').length,
  };
}
