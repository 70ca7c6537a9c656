// Why traces are rewritten, and that the rewrite holds: a raw Playwright trace of a login
// contains the password; the scrubbed one does not and is still a trace. Also the browser
// choice and its errors.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startPortal } from '../../../fixtures/portals/index.mjs';
import { browserCandidates, launchBrowser } from '../../../src/fetch/session/browser.js';
import { typeSecret } from '../../../src/fetch/session/page-steps.js';
import { SecretSet, normalizeTotpSecret, totpCode } from '../../../src/fetch/session/secret-set.js';
import { captureFailure, scrubTrace, startTracing } from '../../../src/fetch/evidence/trace.js';
import { readZip, writeZip } from '../../../src/fetch/evidence/zip.js';
import { PASSWORD, TOTP_SEED, findSecret, removeDir, startBrowser, tempDir, unzipText } from '../session/portal-suite.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let browser: Browser;
beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('traces', () => {
  test('a raw trace of a login leaks the password and cookie; the scrubbed one keeps neither', async () => {
    const portal = await startPortal('northwind', { password: PASSWORD, totpSecret: null, notice: false });
    const dir = await tempDir('trace');
    const context = await browser.newContext();
    try {
      await startTracing(context, 'raw');
      const page = await context.newPage();
      await page.goto(`${portal.url}/login`);
      await page.locator('#username').fill('demo');
      await page.locator('#password').fill(PASSWORD); // the unsafe way, on purpose
      await page.locator('#sign-in').click();
      await page.locator('#logout').waitFor();
      await page.goto(`${portal.url}/remittances`);
      const cookie = (await context.cookies()).find((c) => c.name === 'nw_session')!.value;
      const rawPath = join(dir, 'raw.zip');
      await context.tracing.stop({ path: rawPath });
      const raw = await unzipText(rawPath);
      expect(raw.includes(PASSWORD)).toBe(true); // fill parameter, input value snapshot, form post body
      expect(raw.includes(cookie)).toBe(true); // Cookie / Set-Cookie headers

      const secrets = new SecretSet().add(PASSWORD).add(cookie, 8);
      const cleanPath = join(dir, 'clean.zip');
      await writeFile(cleanPath, scrubTrace(await readFile(rawPath), secrets));
      const clean = await unzipText(cleanPath);
      expect(findSecret(clean, [PASSWORD, cookie])).toBeUndefined();
      const names = readZip(await readFile(cleanPath)).map((e) => e.name);
      expect(names).toContain('trace.trace');
      expect(names).toContain('trace.network');
      expect(clean.includes('#sign-in')).toBe(true); // still a useful trace
    } finally {
      await context.close();
      await portal.close();
      await removeDir(dir);
    }
  });

  test('typeSecret leaves no password in action parameters; captureFailure keeps a clean trace and a masked screenshot', async () => {
    const portal = await startPortal('northwind', { password: PASSWORD, totpSecret: null });
    const dir = await tempDir('capture');
    const context = await browser.newContext();
    try {
      await startTracing(context, 'params');
      const page = await context.newPage();
      await page.goto(`${portal.url}/login`);
      await typeSecret(page, page.locator('#password'), PASSWORD, 5000);
      await page.locator('#username').fill('demo');
      const rawPath = join(dir, 'raw.zip');
      await context.tracing.stop({ path: rawPath });
      // Read back only now: Playwright records call results too.
      expect(await page.locator('#password').inputValue()).toBe(PASSWORD);
      const events = readZip(await readFile(rawPath)).find((e) => e.name === 'trace.trace')!.data.toString().split('\n').filter(Boolean);
      const snapshots = events.filter((line) => line.includes('"frame-snapshot"'));
      const others = events.filter((line) => !line.includes('"frame-snapshot"'));
      expect(others.some((line) => line.includes('"demo"'))).toBe(true); // ordinary fills are recorded...
      expect(others.some((line) => line.includes(PASSWORD))).toBe(false); // ...the typed secret is not
      expect(snapshots.some((line) => line.includes(PASSWORD))).toBe(true); // but DOM snapshots hold input values

      await startTracing(context, 'capture');
      await page.locator('#username').fill('demo2');
      const artifacts = await captureFailure(page, dir, { secrets: new SecretSet().add(PASSWORD), name: 'acct/../x', trace: true });
      expect(artifacts.trace).toBe(join(dir, 'acct_.._x-trace.zip'));
      expect(artifacts.screenshot).toBe(join(dir, 'acct_.._x-screenshot.png'));
      const text = await unzipText(artifacts.trace!);
      expect(text.includes('#username')).toBe(true);
      // The password input is in the DOM snapshot, with its value emptied.
      expect(text.includes('"__playwright_value_":"","id":"password"')).toBe(true);
      expect(findSecret(text, [PASSWORD])).toBeUndefined();
      const png = await readFile(artifacts.screenshot!);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await context.close();
      await portal.close();
      await removeDir(dir);
    }
  });

  test('the scrubber fails closed: a secret it cannot remove means no trace', () => {
    const secrets = new SecretSet().add('hunter2-very-secret');
    const zip = writeZip([
      { name: 'trace.trace', data: Buffer.from('{"type":"before","params":{"value":"hunter2-very-secret"}}\n') },
      // A binary entry (PNG magic) is not rewritten, so the check must catch it.
      { name: 'resources/x.png', data: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from('hunter2-very-secret')]) },
    ]);
    expect(() => scrubTrace(zip, secrets)).toThrow(/still present in trace entry resources\/x\.png/);
  });

  test('scrubbing is structural for cookies, headers and password inputs', () => {
    const secrets = new SecretSet().add('s3cr3t-pass');
    const network = JSON.stringify({ type: 'resource-snapshot', snapshot: { request: { headers: [{ name: 'Cookie', value: 'sid=abc' }], cookies: [{ name: 'sid', value: 'abc' }], postData: { text: 'password=s3cr3t-pass' } } } });
    const snapshot = JSON.stringify({ type: 'frame-snapshot', html: ['INPUT', { type: 'password', __playwright_value_: 'short' }] });
    const out = readZip(scrubTrace(writeZip([
      { name: 'trace.network', data: Buffer.from(`${network}\n`) },
      { name: 'trace.trace', data: Buffer.from(`${snapshot}\n`) },
    ]), secrets));
    const text = out.map((e) => e.data.toString()).join('\n');
    expect(text).not.toContain('sid=abc');
    expect(text).not.toContain('"abc"');
    expect(text).not.toContain('short');
    expect(text).not.toContain('s3cr3t-pass');
    expect(text).toContain('[redacted]');
  });

  test('zip round trip', () => {
    const entries = [{ name: 'a.txt', data: Buffer.from('hello') }, { name: 'dir/b.bin', data: Buffer.alloc(70_000, 7) }];
    expect(readZip(writeZip(entries))).toEqual(entries);
  });
});

describe('secrets', () => {
  test('redaction covers the usual spellings', () => {
    const s = new SecretSet().add('a b&c"d');
    expect(s.redact('x a b&c"d y')).toBe('x [redacted] y');
    expect(s.redact('pw=a+b%26c%22d')).toBe('pw=[redacted]');
    expect(s.redact(JSON.stringify({ v: 'a b&c"d' }))).toBe('{"v":"[redacted]"}');
  });

  test('TOTP seeds as people paste them, 10-byte seeds allowed', async () => {
    expect(normalizeTotpSecret(TOTP_SEED)).toBe('JBSWY3DPEHPK3PXP');
    expect(normalizeTotpSecret('otpauth://totp/X:y?secret=jbswy3dpehpk3pxp&issuer=X')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => normalizeTotpSecret('not base32!')).toThrow(/not base32/);
    // RFC 6238 style check at a fixed time: same seed and time, same code.
    const at = new Date('2025-03-05T12:00:10Z');
    const a = await totpCode(TOTP_SEED, at);
    const b = await totpCode('jbsw-y3dp-ehpk-3pxp', at);
    expect(a.code).toMatch(/^\d{6}$/);
    expect(b.code).toBe(a.code);
    expect(a.secondsLeft).toBe(20);
  });
});

describe('browser choice', () => {
  test('explicit path first, then REMIT_BROWSER, then the defaults', () => {
    expect(browserCandidates({ executablePath: '/opt/x/chrome', env: { REMIT_BROWSER: 'msedge' } })[0]?.executablePath).toBe('/opt/x/chrome');
    expect(browserCandidates({ env: { REMIT_BROWSER: 'msedge' } })).toEqual([{ label: 'channel msedge', channel: 'msedge', explicit: true }]);
    expect(browserCandidates({ env: { REMIT_BROWSER: '/usr/local/bin/chromium' } })[0]?.executablePath).toBe('/usr/local/bin/chromium');
    const defaults = browserCandidates({ systemPaths: ['/usr/bin/chromium'] }).map((c) => c.label);
    expect(defaults.indexOf('channel msedge')).toBeLessThan(defaults.indexOf('channel chrome'));
    expect(defaults.at(-1)).toBe('/usr/bin/chromium');
  });

  test('a configured browser that does not exist is a usage error naming it', async () => {
    const error = await launchBrowser({ executablePath: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'browser-missing', exitCode: 2 });
    expect((error as Error).message).toContain('/nonexistent/chromium');
  });
});
