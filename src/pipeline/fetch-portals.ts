/**
 * `remit fetch` (and the fetch step of `remit run`): log in to each portal account, download
 * new remittances, import them. One browser, one context per account, a few accounts at a
 * time; fetch/ drives the browser and hands the files here, where they are imported as
 * they arrive (one batch per company), and the run and every portal's outcome are recorded.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { PortalAccount } from '../config/schema.js';
import { isoDay, resolveDayWord } from '../core/dates.js';
import { RemitError, UsageError, errorMessage } from '../core/errors.js';
import { PortalError } from '../fetch/errors.js';
import { loadPortalRecipe } from '../fetch/recipe/registry.js';
import { fetchWithRetries } from '../fetch/session/account-attempts.js';
import type { PortalFetchResult, RowInfo, StorageState } from '../fetch/types.js';
import type { PortalHold, PortalRunRecord } from '../ledger/index.js';
import type { SecretStore } from '../secrets/index.js';
import { companyOf, type PipelineContext } from './context.js';
import { importDocuments, type FileOutcome } from './importing/import-documents.js';
import { holdReason } from './portal-holds.js';

/** The browser and the keychain, opened only when a portal is fetched; the caller closes them. */
export interface FetchServices {
  browser(): Promise<Browser>;
  secrets(): Promise<SecretStore>;
  /** Milliseconds before retry n (1-based); tests make it short. */
  backoffMs?: (attempt: number) => number;
}

export interface FetchRequest {
  since?: string;
  until?: string;
  portal?: string[];
  company?: string;
  dryRun?: boolean;
  /** A since per account (the nightly run catches each portal up from its own last good day). */
  sinceFor?: (account: PortalAccount, today: string) => string;
}

export interface AccountOutcome {
  account: PortalAccount;
  since: string;
  /**
   * The one count of what the account's run did, all attempts together: the table, the log
   * line, the notification and summary.json all read it.
   */
  record: PortalRunRecord;
  /** Rows in range downloaded by an earlier run (not by an earlier attempt of this one). */
  alreadyDownloaded: number;
  /** Set when the account was not tried because an earlier run held it (see holdReason). */
  held?: PortalHold;
  files: FileOutcome[];
  dryRunRows: RowInfo[];
}

export interface FetchOutcome {
  /** undefined when there was no account to fetch. */
  runId?: string;
  since: string;
  until: string;
  accounts: AccountOutcome[];
  failed: boolean;
}

export async function fetchPortals(ctx: PipelineContext, services: FetchServices, request: FetchRequest): Promise<FetchOutcome> {
  const today = isoDay(ctx.clock.now());
  const since = resolveDayWord(request.since ?? 'yesterday', today);
  const until = resolveDayWord(request.until ?? 'today', today);
  if (!since.ok) throw new UsageError(`--since: ${since.reason}`);
  if (!until.ok) throw new UsageError(`--until: ${until.reason}`);
  if (since.iso > until.iso) throw new UsageError(`--since ${since.iso} is after --until ${until.iso}`);
  const { config } = ctx;
  const company = request.company ? companyOf(config, request.company) : undefined;
  for (const id of request.portal ?? []) {
    if (!config.portals.some((p) => p.id === id)) throw new UsageError(`no portal account "${id}" in remit.yaml`, 'see remit portal list');
  }
  const accounts = config.portals.filter((p) => (!request.portal?.length || request.portal.includes(p.id)) && (!company || p.company === company));
  const sinceOf = (account: PortalAccount): string => (request.sinceFor ? request.sinceFor(account, today) : since.iso);
  const earliest = accounts.map(sinceOf).sort()[0] ?? since.iso;
  if (accounts.length === 0) return { since: earliest, until: until.iso, accounts: [], failed: false };

  const secrets = await services.secrets();
  const browser = await services.browser();
  const runId = `${ctx.clock.now().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(2).toString('hex')}`;
  ctx.log(`fetch ${runId}: ${accounts.length} portal account(s), ${earliest} to ${until.iso}${request.dryRun ? ' (dry run: nothing downloaded)' : ''}`);
  const holds = new Map((await ctx.ledger.fetches.holds()).map((hold) => [hold.accountId, hold]));
  const run: Run = { ctx, secrets, browser, runId, until: until.iso, dryRun: Boolean(request.dryRun), backoffMs: services.backoffMs, batches: new Map(), holds };
  const fetchRunId = run.dryRun ? undefined : await ctx.ledger.fetches.startRun(runId, earliest, until.iso, false);
  const outcomes: AccountOutcome[] = [];
  const queue = [...accounts];
  const worker = async (): Promise<void> => {
    for (let account = queue.shift(); account; account = queue.shift()) {
      const outcome = await fetchOne(run, account, sinceOf(account));
      outcomes.push(outcome);
      if (fetchRunId !== undefined) await ctx.ledger.fetches.recordPortal(fetchRunId, outcome.record);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(config.fetch.concurrency, accounts.length)) }, worker));
  for (const id of run.batches.values()) await ctx.ledger.documents.closeBatch(await id);
  if (fetchRunId !== undefined) await ctx.ledger.fetches.finishRun(fetchRunId);
  rmSync(join(ctx.paths.root, '.downloads', runId), { recursive: true, force: true });
  // Keep the order of remit.yaml, whatever finished first.
  const ordered = accounts.map((account) => outcomes.find((o) => o.account.id === account.id)!);
  return { runId, since: earliest, until: until.iso, accounts: ordered, failed: ordered.some((o) => o.record.status === 'failed') };
}

interface Run {
  ctx: PipelineContext;
  secrets: SecretStore;
  browser: Browser;
  runId: string;
  until: string;
  dryRun: boolean;
  backoffMs: ((attempt: number) => number) | undefined;
  /** One import batch per company, started when its first file arrives. */
  batches: Map<string, Promise<number>>;
  /** Accounts whose credentials a portal refused on an earlier run: not tried. */
  holds: Map<string, PortalHold>;
}

async function fetchOne(run: Run, account: PortalAccount, since: string): Promise<AccountOutcome> {
  const { ctx } = run;
  const log = (message: string): void => ctx.log(`  ${account.id}: ${message}`);
  const base = { accountId: account.id, company: account.company, payer: account.payer, rowsSeen: 0, files: 0, payments: 0, fileErrors: 0, attempts: 0 };
  const held = run.holds.get(account.id);
  if (held) {
    const message = holdReason(held);
    log(message);
    return { account, since, files: [], dryRunRows: [], alreadyDownloaded: 0, held, record: { ...base, status: 'failed', errorKind: 'held', message } };
  }
  const alreadyBefore = new Set<string>();
  const failed = async (err: unknown, attempts: number, files: FileOutcome[] = []): Promise<AccountOutcome> => {
    const portal = err instanceof PortalError ? err : undefined;
    const artifacts = portal?.artifacts ? [portal.artifacts.screenshot, portal.artifacts.trace].filter(Boolean).join(' ') : undefined;
    log(`failed: ${errorMessage(err)}`);
    let hold: PortalHold | undefined;
    if (portal?.refusesCredentials) {
      // Sending the same credentials again, tonight or any later night, can only lock the account.
      const entry = { accountId: account.id, errorKind: portal.kind, message: portal.portalMessage ?? portal.message, runId: run.runId };
      await ctx.ledger.fetches.holdAccount(entry);
      log(`held: later runs skip this account until a new secret is stored (remit portal password ${account.id}) or the hold is cleared (remit portal resume ${account.id})`);
      hold = { ...entry, heldAt: ctx.clock.now().toISOString() };
    }
    return {
      account, since, files, dryRunRows: [], alreadyDownloaded: alreadyBefore.size, ...(hold ? { held: hold } : {}),
      record: { ...base, attempts, status: 'failed', errorKind: portal?.kind ?? (err instanceof RemitError ? err.code : 'error'), message: errorMessage(err), artifacts, ...fileCounts(files) },
    };
  };

  let credentials: { password: string; totpSecret?: string };
  let recipe;
  try {
    // The workspace's own portals/ folder comes first, so an operator can add or override a recipe.
    recipe = await loadPortalRecipe(account.recipe, { dirs: [ctx.paths.portals] });
    const password = await run.secrets.get(account.id, 'password');
    if (!password) throw new RemitError('no-password', `no password stored for portal account ${account.id}`, { hint: `run: remit portal password ${account.id} --password-stdin` });
    const totpSecret = await run.secrets.get(account.id, 'totp');
    credentials = { password, ...(totpSecret ? { totpSecret } : {}) };
  } catch (err) {
    return failed(err, 0);
  }
  let storageState: StorageState | undefined;
  try {
    const session = await run.secrets.get(account.id, 'session');
    storageState = session ? (JSON.parse(session) as StorageState) : undefined;
  } catch (err) {
    // A saved session only spares an MFA prompt: when it cannot be read, log in afresh.
    log(`saved session not usable (${errorMessage(err)}); logging in again`);
    await run.secrets.delete(account.id, 'session').catch(() => false);
  }

  const known = await ctx.ledger.fetches.knownRows(account.id);
  const knownAtStart = new Set(known);
  const downloadDir = join(ctx.paths.root, '.downloads', run.runId, account.id);
  mkdirSync(downloadDir, { recursive: true });
  const files: FileOutcome[] = [];
  const outcome = await fetchWithRetries({
    browser: run.browser, recipe, credentials, ...(storageState ? { storageState } : {}),
    account: { id: account.id, url: account.url, username: account.username, options: account.options },
    since, until: run.until, downloadDir, failureDir: join(ctx.paths.runs, run.runId, account.id),
    isKnown: (rowId) => {
      if (knownAtStart.has(rowId)) alreadyBefore.add(rowId);
      return known.has(rowId);
    },
    stepTimeoutMs: ctx.config.fetch.stepTimeoutSeconds * 1000, deadlineSeconds: ctx.config.fetch.timeoutSeconds, retries: ctx.config.fetch.retries,
    ...(run.backoffMs ? { backoffMs: run.backoffMs } : {}),
    dryRun: run.dryRun, log,
    afterAttempt: async (result) => {
      if (!run.dryRun) files.push(...(await importDownloads(run, account, result, known)));
      // Even a dry run keeps its session: tomorrow's run is spared the MFA prompt.
      if (result.storageState) await run.secrets.set(account.id, 'session', JSON.stringify(result.storageState));
      else if (result.sessionDropped) await run.secrets.delete(account.id, 'session');
    },
  });
  if (!outcome.ok) return failed(outcome.error, outcome.attempts, files);
  const { result } = outcome;
  const counts = fileCounts(files);
  log(`${run.dryRun ? `${result.dryRunRows?.length ?? 0} file(s) would be downloaded` : `${counts.files} new file(s)`}, ${alreadyBefore.size} already downloaded${counts.fileErrors ? `, ${counts.fileErrors} could not be read` : ''}`);
  return {
    account, since, files, dryRunRows: result.dryRunRows ?? [], alreadyDownloaded: alreadyBefore.size,
    record: {
      ...base, attempts: outcome.attempts, status: counts.fileErrors > 0 ? 'failed' : 'ok', rowsSeen: result.rows, ...counts,
      ...(counts.fileErrors > 0 ? { errorKind: 'file', message: 'some files could not be read' } : {}),
    },
  };
}

async function importDownloads(run: Run, account: PortalAccount, result: PortalFetchResult, known: Set<string>): Promise<FileOutcome[]> {
  const { ctx } = run;
  const fresh = result.files.filter((file) => !known.has(file.rowId));
  if (fresh.length === 0) return [];
  let batch = run.batches.get(account.company);
  if (!batch) {
    batch = ctx.ledger.documents.startBatch(account.company, 'fetch', `fetch run ${run.runId}`);
    run.batches.set(account.company, batch);
  }
  const outcomes = await importDocuments(ctx, {
    files: fresh.map((file) => file.path), company: account.company, payer: account.payer, strict: false, source: `fetch:${account.id}`,
    batchId: await batch, names: new Map(fresh.map((file) => [file.path, file.suggestedName])),
  });
  for (const [index, file] of fresh.entries()) {
    const outcome = outcomes[index];
    // The original is in the inbox now (even when it failed to parse), so the row is not downloaded again.
    const kept = outcome !== undefined && (outcome.status !== 'failed' || outcome.documentId !== undefined);
    if (kept) {
      await ctx.ledger.fetches.recordDownload(account.id, file.rowId, file.sha256);
      known.add(file.rowId);
    }
    rmSync(file.path, { force: true });
  }
  return outcomes;
}

function fileCounts(files: FileOutcome[]): { files: number; payments: number; fileErrors: number } {
  return {
    files: files.filter((f) => f.status !== 'failed').length,
    payments: files.reduce((sum, f) => sum + (f.status === 'imported' ? f.payments : 0), 0),
    fileErrors: files.filter((f) => f.status === 'failed').length,
  };
}
