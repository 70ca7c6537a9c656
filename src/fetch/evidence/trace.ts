/**
 * Failure evidence: a screenshot and a Playwright trace of a portal run that went wrong,
 * without the credentials in them.
 *
 * A raw Playwright trace is not safe to keep: its DOM snapshots record the value of every
 * input (the password field included), its network log records request bodies (the login
 * form post) and Cookie / Set-Cookie headers, and its action log records `fill` values.
 * remit therefore (1) never passes a secret to a recorded Playwright call (see typeSecret),
 * (2) records no screencast frames, (3) reads the trace for the secrets the portal handed
 * out (every session cookie, CSRF tokens, the codes typed: trace-secrets.ts), (4) rewrites
 * it: password inputs emptied, cookie and authorization headers and cookie lists dropped,
 * every secret spelling blanked in every entry, request and response bodies included, and
 * (5) checks the rewritten archive once more: if any secret is still found anywhere, no
 * trace is kept at all.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { errorMessage } from '../../core/errors.js';
import type { FailureArtifacts } from '../errors.js';
import { REDACTED, SecretSet } from '../session/secret-set.js';
import { MASK_ATTRIBUTE, markSecretElements } from './secret-mask.js';
import { collectTraceSecrets } from './trace-secrets.js';
import { readZip, writeZip, type ZipEntry } from './zip.js';

/** Masked parts of a screenshot are painted this colour (Playwright's default, spelled out). */
export const MASK_COLOR = '#FF00FF';

const SENSITIVE_HEADERS = /^(cookie|set-cookie|authorization|proxy-authorization|x-csrf-token|x-xsrf-token)$/i;

/**
 * Start recording a trace on a context: DOM snapshots (which the rewrite can clean), no
 * screencast frames (pixels cannot be searched for a secret a page shows), no source files.
 */
export async function startTracing(context: BrowserContext, title: string): Promise<void> {
  await context.tracing.start({ screenshots: false, snapshots: true, sources: false, title });
}

/**
 * Rewrite a trace archive without the secrets in it. Throws when a secret would remain, so a
 * caller can only ever keep a checked trace.
 */
export function scrubTrace(zip: Buffer, secrets: SecretSet): Buffer {
  const raw = readZip(zip);
  // Session cookies set and dropped during the run, CSRF tokens, codes typed: found in the trace itself.
  collectTraceSecrets(raw, secrets);
  const entries = raw.map((entry): ZipEntry => ({ name: entry.name, data: scrubEntry(entry, secrets) }));
  for (const entry of entries) {
    const found = secrets.findIn(entry.data.toString('utf8')) ?? secrets.findIn(entry.data.toString('latin1'));
    if (found !== undefined) throw new Error(`a secret is still present in trace entry ${entry.name}`);
  }
  return writeZip(entries);
}

function scrubEntry(entry: ZipEntry, secrets: SecretSet): Buffer {
  if (/\.(trace|network|stacks)$/.test(entry.name)) {
    const lines = entry.data.toString('utf8').split('\n');
    return Buffer.from(lines.map((line) => scrubJsonLine(line, secrets)).join('\n'), 'utf8');
  }
  if (!looksLikeText(entry.data)) return entry.data;
  return Buffer.from(secrets.redact(entry.data.toString('utf8')), 'utf8');
}

function scrubJsonLine(line: string, secrets: SecretSet): string {
  if (line.trim() === '') return line;
  try {
    return JSON.stringify(scrubValue(JSON.parse(line), secrets));
  } catch {
    return secrets.redact(line);
  }
}

function scrubValue(value: unknown, secrets: SecretSet): unknown {
  if (typeof value === 'string') return secrets.isExact(value) ? REDACTED : secrets.redact(value);
  if (Array.isArray(value)) {
    // DOM snapshot node: ["INPUT", { type: "password", __playwright_value_: "..." }, ...children]
    if (typeof value[0] === 'string' && /^input$/i.test(value[0]) && isRecord(value[1])) {
      const attrs = value[1];
      const type = typeof attrs.type === 'string' ? attrs.type.toLowerCase() : '';
      if (type === 'password' && '__playwright_value_' in attrs) attrs.__playwright_value_ = '';
    }
    return value.map((item) => scrubValue(item, secrets));
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'cookies' && Array.isArray(inner)) {
        out[key] = [];
      } else if (key === 'headers' && Array.isArray(inner)) {
        out[key] = inner.map((h: unknown) =>
          isRecord(h) && typeof h.name === 'string' && SENSITIVE_HEADERS.test(h.name) ? { ...h, value: REDACTED } : scrubValue(h, secrets));
      } else if (key === 'headers' && isRecord(inner)) {
        out[key] = Object.fromEntries(Object.entries(inner).map(([name, v]) =>
          [name, SENSITIVE_HEADERS.test(name) ? REDACTED : scrubValue(v, secrets)]));
      } else {
        out[key] = scrubValue(inner, secrets);
      }
    }
    return out;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeText(data: Buffer): boolean {
  const sample = data.subarray(0, 4096);
  if (sample.includes(0)) return false;
  // JPEG, PNG, WebP, woff, gzip, zip magic numbers.
  const magic = sample.subarray(0, 4).toString('hex');
  return !/^(ffd8|8950|5249|774f|1f8b|504b)/.test(magic);
}

export interface CaptureOptions {
  /** Everything to keep out of the files. Current cookies are added to it. */
  secrets: SecretSet;
  /** File name stem, e.g. the portal account id. */
  name?: string;
  /** Stop the context's trace (started with startTracing) and keep a scrubbed copy. */
  trace?: boolean;
  /** More fields to black out in the screenshot (password inputs always are). */
  maskSelectors?: string[];
  mask?: Locator[];
  log?: (message: string) => void;
}

/**
 * Save what a failed portal run looked like into `dir`: `<name>-screenshot.png` with password
 * fields masked and, when tracing, `<name>-trace.zip` with secrets removed.
 */
export async function captureFailure(page: Page, dir: string, options: CaptureOptions): Promise<FailureArtifacts> {
  const log = options.log ?? (() => undefined);
  const stem = (options.name ?? 'portal').replace(/[^A-Za-z0-9._-]/g, '_');
  const artifacts: FailureArtifacts = {};
  await mkdir(dir, { recursive: true });
  const context = page.context();

  for (const cookie of await context.cookies().catch(() => [])) options.secrets.add(cookie.value, 8);

  if (options.trace) {
    const raw = join(dir, `.${stem}-${randomUUID()}.trace-raw`);
    try {
      await context.tracing.stop({ path: raw });
      const clean = scrubTrace(await readFile(raw), options.secrets);
      const target = join(dir, `${stem}-trace.zip`);
      const temp = `${target}.${randomUUID()}.part`;
      await writeFile(temp, clean);
      await rename(temp, target);
      artifacts.trace = target;
    } catch (err) {
      log(`trace not kept: ${errorMessage(err)}`);
    } finally {
      await rm(raw, { force: true });
    }
  }

  if (!page.isClosed()) {
    // A page still waiting for a slow portal would hold the screenshot back: show what is there.
    const cdp = await context.newCDPSession(page).catch(() => undefined);
    await cdp?.send('Page.stopLoading').catch(() => undefined);
    await cdp?.detach().catch(() => undefined);
    const target = join(dir, `${stem}-screenshot.png`);
    try {
      // Whatever the recipe did: any element that shows a secret is blacked out too.
      await markSecretElements(page, options.secrets);
      const mask: Locator[] = [page.locator('input[type="password"]'), page.locator(`[${MASK_ATTRIBUTE}]`)];
      for (const selector of options.maskSelectors ?? []) mask.push(page.locator(selector));
      mask.push(...(options.mask ?? []));
      await page.screenshot({ path: target, fullPage: true, mask, maskColor: MASK_COLOR, timeout: 5000, animations: 'disabled' });
      artifacts.screenshot = target;
    } catch (err) {
      log(`screenshot not taken: ${options.secrets.redact(errorMessage(err))}`);
    }
  }
  return artifacts;
}
