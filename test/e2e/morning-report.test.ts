/**
 * The morning report on the demo's ledger, rendered by real headless Chromium: a screenshot
 * is kept in test/output/ for a person to look at, no element reaches outside the page (on
 * screen or on an A4 sheet), and every figure on it equals what `remit report ... --format
 * json` says of the same ledger.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../src/fetch/session/browser.js';
import { ROOT, remit, removeDir, tempDir } from '../support/cli.js';

let home: string;
let browser: Browser;
let page: Page;
const OUTPUT = join(ROOT, 'test', 'output');

const json = <T>(args: string[]): T => JSON.parse(remit([...args, '--format', 'json'], { home }).stdout) as T;

beforeAll(async () => {
  home = join(tempDir(), 'demo');
  const demo = remit(['demo', '--keep', home]);
  if (demo.code !== 0) throw new Error(demo.stderr);
  const written = remit(['report', 'morning', '--html', join(home, 'morning.html')], { home });
  expect(written.code, written.stderr).toBe(0);
  browser = await launchBrowser({ env: { REMIT_BROWSER: process.env['REMIT_BROWSER'] } });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`file://${join(home, 'morning.html')}`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (home) removeDir(join(home, '..'));
});

async function figure(name: string): Promise<number> {
  const value = await page.locator(`[data-figure="${name}"]`).first().getAttribute('data-value');
  if (value === null) throw new Error(`no figure ${name} on the page`);
  return Number(value);
}

describe('the morning report page', () => {
  it('is drawn, kept as a screenshot, and fits the page on screen and on A4', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'morning.png'), fullPage: true });
    for (const width of [1100, 794]) {
      await page.setViewportSize({ width, height: 900 });
      const outside = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > limit + 0.5).map((e) => e.tagName);
      });
      expect(outside, `elements past the right edge at ${width}px`).toEqual([]);
    }
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('shows the figures the reports give for the same ledger', async () => {
    const exceptions = json<Array<{ line_id: number | null; status: string; amount_minor: number }>>(['report', 'exceptions']);
    const deductions = json<Array<{ reason_code: string; status: string; amount_minor: number; currency: string }>>(['report', 'deductions']);
    const batches = json<Array<{ lines: number; payments: number; total_minor: number }>>(['report', 'batches']);
    const applications = json<Array<{ line_no: number; payment_ref: string; method: string; status: string }>>(['report', 'applications']);
    const documents = json<Array<{ source: string; status: string; remittance_count: number }>>(['report', 'documents']);
    const lines = exceptions.filter((e) => e.line_id !== null);
    expect(await figure('queue.waiting')).toBe(lines.length);
    expect(await figure('queue.review')).toBe(lines.filter((e) => e.status === 'review').length);
    const open = deductions.filter((d) => d.status === 'open');
    expect(await figure('deductions.open')).toBe(open.length);
    expect(await figure('deductions.openMinor')).toBe(open.reduce((s, d) => s + d.amount_minor, 0));
    for (const reason of new Set(open.map((d) => d.reason_code))) {
      const of = open.filter((d) => d.reason_code === reason);
      expect(await figure(`deductions.${reason}.USD.count`), reason).toBe(of.length);
      expect(await figure(`deductions.${reason}.USD.amount`), reason).toBe(of.reduce((s, d) => s + d.amount_minor, 0));
    }
    // Everything arrived today: the day's lines are the batches' lines; the lines applied on
    // their own are all lines but those waiting for a person and those a person applied.
    const total = batches.reduce((s, b) => s + b.lines, 0);
    const manual = new Set(applications.filter((a) => a.method === 'manual').map((a) => `${a.payment_ref}/${a.line_no}`)).size;
    expect(await figure('last30.lines')).toBe(total);
    expect(await figure('today.lines')).toBe(total);
    expect(await figure('last30.autoLines')).toBe(total - lines.length - manual);
    expect(await figure('last30.payments')).toBe(batches.reduce((s, b) => s + b.payments, 0));
    const unapplied = lines.filter((e) => e.amount_minor > 0).reduce((s, e) => s + e.amount_minor, 0);
    expect(await figure('queue.unapplied.USD')).toBe(unapplied);
    // Overnight intake, per source: files and payments as report documents lists them.
    const sources = [...new Set(documents.map((d) => d.source))].sort();
    const intake = json<{ intake: Array<{ source: string; files: number; payments: number }> }>(['report', 'morning']).intake;
    expect(intake.map((i) => i.source).sort()).toEqual(sources);
    for (const [index, row] of intake.entries()) {
      const docs = documents.filter((d) => d.source === row.source);
      expect(await figure(`intake.${index}.files`)).toBe(docs.length);
      expect(await figure(`intake.${index}.payments`)).toBe(docs.reduce((s, d) => s + d.remittance_count, 0));
    }
  });

  it('the terminal summary says the same', () => {
    const text = remit(['report', 'morning'], { home }).stdout;
    const exceptions = json<Array<{ line_id: number | null }>>(['report', 'exceptions']).filter((e) => e.line_id !== null);
    expect(text).toMatch(new RegExp(`need a person\\s+${exceptions.length} line\\(s\\)`));
  });
});
