/**
 * What a portal run takes and gives back, shared by the recipe engine and TypeScript
 * adapters. The caller owns the browser context, the download directory and the secrets;
 * the engine owns one page in that context for the length of the run.
 */
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import type { Clock } from '../core/clock.js';
import type { PortalError, PortalErrorKind } from './errors.js';
import type { Recipe } from './recipe/recipe.js';

/** Cookies and local storage of a logged-in session. A secret: keep it in the keychain. */
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface PortalAccount {
  id: string;
  url: string;
  username: string;
  /** Account-specific values a recipe uses as `{{ options.name }}`. */
  options?: Record<string, string | number | boolean>;
}

export interface PortalCredentials {
  password: string;
  /** Base32 seed (spaces allowed) or otpauth:// address. */
  totpSecret?: string;
}

export interface FetchPortalInput {
  /** A context the caller created (see newPortalContext); not traced by the caller. */
  context: BrowserContext;
  /** A declarative recipe or a TypeScript adapter (see loadPortalRecipe). */
  recipe: PortalRecipe;
  account: PortalAccount;
  credentials: PortalCredentials;
  /** ISO dates, inclusive. Rows dated outside are never downloaded. */
  since: string;
  until: string;
  /** An existing directory the caller owns; files appear there only when complete. */
  downloadDir: string;
  /** Rows downloaded by an earlier run (by row id), to skip. */
  isKnown?: (rowId: string) => boolean;
  /** Limit for each page load, wait and download (default 30 s). */
  timeoutMs?: number;
  /** List what would be downloaded, download nothing. */
  dryRun?: boolean;
  log?: (message: string) => void;
  /** A session saved by an earlier run, to skip the login (and its MFA) while it lasts. */
  storageState?: StorageState;
  /** Where to put a screenshot and trace if the run fails; no trace is recorded without it. */
  failureDir?: string;
  /**
   * A hard cap on logging in again when the portal ends the session mid-run (default: none;
   * re-login goes on while sessions make progress, bounded by the caller's deadline).
   */
  maxRelogins?: number;
  /** How many sessions in a row may end before reading anything new (default 1). */
  idleRelogins?: number;
  /** For one-time codes; tests fix the time. */
  clock?: Clock;
}

/** What a row says about itself. */
export interface RowFields {
  paymentRef?: string;
  /** ISO date. */
  date?: string;
  /** Integer minor units (cents). */
  amountMinor?: number;
}

export interface RowInfo {
  rowId: string;
  fields: RowFields;
}

export interface DownloadedFile extends RowInfo {
  /** Final path inside downloadDir. */
  path: string;
  /** The portal's name for the file, cleaned; never used as a path. */
  suggestedName: string;
  sha256: string;
  size: number;
}

export interface PortalFetchResult {
  /** Rows dated within since..until (each counted once, across pages and re-logins). */
  rows: number;
  files: DownloadedFile[];
  /** Rows within the range that isKnown said were downloaded before. */
  skipped: number;
  /** Rows the portal listed outside since..until, ignored. */
  outOfRange: number;
  /** With dryRun: the rows that would have been downloaded. */
  dryRunRows?: RowInfo[];
  pages: number;
  relogins: number;
  /** True when the saved session was still good and no login was needed. */
  sessionReused: boolean;
  /** The saved session passed in was not logged in and was dropped: forget it. */
  sessionDropped?: boolean;
  /**
   * The session after the run, to pass back as storageState next time; only when the run
   * reached login.success (a half-finished login is not a session). A secret: kept in the
   * keychain by the caller; not enumerable, so it never shows up when a result is logged.
   */
  storageState?: StorageState;
  /** Things an operator should know that did not stop the run (e.g. page limit reached). */
  warnings: string[];
}

/** The portal run as PortalError.partial carries it after a failure. */
export type PartialResult = PortalFetchResult;

/** A row offered to the engine by an adapter. */
export interface OfferedRow {
  id: string;
  paymentRef?: string;
  /** ISO date; required: rows are filtered by it. */
  date: string;
  amountMinor?: number;
}

export type RowDecision = 'download' | 'known' | 'out-of-range' | 'dry-run' | 'seen';

/** Condition spelled as in YAML, e.g. `{ visible: '#otp' }` or `{ text: 'Invalid password' }`. */
export type ConditionSpec = Record<string, unknown>;

/**
 * What a TypeScript adapter gets: the run's inputs, the page, and the engine's tools, so
 * that range filtering, skipping known rows, safe file writing and secret handling stay
 * the engine's job.
 */
export interface PortalContext {
  page: Page;
  context: BrowserContext;
  account: PortalAccount;
  since: string;
  until: string;
  timeoutMs: number;
  dryRun: boolean;
  log: (message: string) => void;
  /** The current one-time code from the stored seed (PortalError 'mfa' when there is none). */
  totp(): Promise<string>;
  /** Type the password or a one-time code into a field, unlogged and untraced. */
  fillSecret(field: Locator, which: 'password' | 'totp'): Promise<void>;
  /** Run recipe steps written as in YAML (`[{ click: '#go' }, { wait: { visible: 'table' } }]`). */
  steps(steps: unknown[]): Promise<void>;
  /** Wait until one of the named conditions holds; its name, or undefined after the timeout. */
  waitForFirst(conditions: Record<string, ConditionSpec>, timeoutMs?: number): Promise<string | undefined>;
  /** Register a row; only 'download' means go ahead and download it. */
  offer(row: OfferedRow): RowDecision;
  /** Save a finished browser download for an offered row. */
  saveDownload(row: OfferedRow, download: Download): Promise<DownloadedFile | undefined>;
  /** Save bytes (read in the page or fetched) for an offered row. */
  saveFile(row: OfferedRow, bytes: Buffer, portalFileName?: string): Promise<DownloadedFile | undefined>;
  /** Stop the run with a classified error (the portal's own words as portalMessage). */
  fail(kind: PortalErrorKind, message: string, portalMessage?: string): never;
  /** Note that the session was found valid without logging in. */
  sessionReused(): void;
}

/** A portal that needs code: `export default { name, fetch(ctx) }` in portals/<name>.ts. */
export interface PortalAdapter {
  kind?: 'adapter';
  name: string;
  title?: string;
  fetch(ctx: PortalContext): Promise<void>;
}

export type PortalRecipe = Recipe | PortalAdapter;

export function isAdapter(recipe: PortalRecipe): recipe is PortalAdapter {
  return typeof (recipe as PortalAdapter).fetch === 'function';
}

export type { PortalError };
