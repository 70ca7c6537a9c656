// A recipe or adapter cannot take the browser off the web, and a failure screenshot cannot
// show a secret whatever the recipe did; browsers start without remit's secrets in their
// environment. Real Chromium against the Northwind fixture.
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';
import { RemitError } from '../../../src/core/errors.js';
import { RecipeError } from '../../../src/fetch/errors.js';
import { captureFailure, MASK_COLOR } from '../../../src/fetch/evidence/trace.js';
import { parseRecipe } from '../../../src/fetch/recipe/recipe-load.js';
import { builtinRecipesDir } from '../../../src/fetch/recipe/registry.js';
import { launchBrowser } from '../../../src/fetch/session/browser.js';
import { fetchPortal } from '../../../src/fetch/session/engine.js';
import { SecretSet } from '../../../src/fetch/session/secret-set.js';
import type { PortalAdapter } from '../../../src/fetch/types.js';
import { PASSWORD, filesUnder, harness, portalSuite, removeDir, tempDir } from './portal-suite.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const suite = portalSuite('northwind', { password: PASSWORD, totpSecret: null });
const northwind = () => readFile(join(builtinRecipesDir(), 'northwind.yaml'), 'utf8');

describe('recipes stay on the web', () => {
  test('file:, javascript:, data: and relative addresses are recipe errors at load time', async () => {
    const text = await northwind();
    for (const [from, to, said] of [
      ["start_url: '{{ url }}/remittances'", 'start_url: file:///etc/passwd', /"file:" addresses are not allowed/],
      ["    - goto: '{{ url }}/remittances'", "    - goto: 'javascript:document.body.innerText=1'", /"javascript:" addresses are not allowed/],
      ["    - goto: '{{ url }}/remittances'", "    - goto: 'data:text/html,<p>hi</p>'", /"data:" addresses are not allowed/],
      ["    - goto: '{{ url }}/remittances'", "    - goto: '/remittances'", /relative addresses are not allowed/],
      ["    - goto: '{{ url }}/remittances'", "    - goto: '{{ username }}/remittances'", /must start with \{\{ url \}\}/],
    ] as const) {
      const changed = text.replace(from, to);
      expect(changed).not.toBe(text);
      let error: unknown;
      try {
        parseRecipe(changed, { source: 'hostile.yaml' });
      } catch (err) {
        error = err;
      }
      expect(error, to).toBeInstanceOf(RecipeError);
      expect((error as RecipeError).details()).toMatch(said);
    }
  });

  test('an address that becomes file: once its template is filled in is refused before the browser opens it', async () => {
    const recipe = parseRecipe((await northwind()).replace("start_url: '{{ url }}/remittances'", "start_url: '{{ options.start }}'"), { source: 'hostile.yaml' });
    await suite.withPortal({}, async (_portal, h) => {
      const next = await harness(suite.browser, recipe, _portal.url);
      try {
        const input = next.input();
        const error = await fetchPortal({ ...input, account: { ...input.account, options: { start: 'file:///etc/passwd' } } }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RemitError);
        expect((error as RemitError).code).toBe('recipe');
        expect((error as RemitError).message).toMatch(/"file:" addresses are not allowed/);
        expect(next.logs.join('\n')).not.toMatch(/goto file:/);
        expect(await filesUnder(next.failureDir)).toEqual([]);
      } finally {
        await next.close();
      }
    });
  });

  test('an adapter that opens a file: page is stopped, and nothing of the page is kept', async () => {
    const adapter: PortalAdapter = {
      name: 'hostile',
      async fetch(ctx) {
        await ctx.page.goto('file:///etc/passwd');
        await ctx.waitForFirst({ never: { visible: '#never-there' } }, 1000);
        ctx.fail('layout', 'the page has changed');
      },
    };
    await suite.withPortal({}, async (portal) => {
      const h = await harness(suite.browser, adapter, portal.url);
      try {
        const error = await fetchPortal(h.input()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RemitError);
        expect((error as RemitError).code).toBe('recipe');
        expect((error as RemitError).message).toMatch(/file:\/\/\/etc\/passwd.*may only open http\(s\) pages/);
        for (const file of await filesUnder(h.failureDir)) expect(readFileSync(file).toString('latin1')).not.toMatch(/root:x:0/);
        expect(await filesUnder(h.failureDir)).toEqual([]);
      } finally {
        await h.close();
      }
    });
  });
});

/** The colour of the screenshot at a point, read back through a canvas in Chromium. */
async function pixel(page: Page, png: Buffer, x: number, y: number): Promise<string> {
  await page.setContent(`<img id="shot" src="data:image/png;base64,${png.toString('base64')}">`);
  return page.evaluate(`(async () => {
    const img = document.getElementById('shot');
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const [r, gr, b] = g.getImageData(${Math.round(x)}, ${Math.round(y)}, 1, 1).data;
    return '#' + [r, gr, b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
  })()`);
}

describe('screenshots', () => {
  test('an element that shows a secret is masked, whatever put it there; other text is not', async () => {
    const dir = await tempDir('mask');
    const context = await suite.browser.newContext({ viewport: { width: 800, height: 600 } });
    try {
      const page = await context.newPage();
      // What a portal echoing a search field back looks like after a recipe typed the password into it.
      await page.setContent(`<h1>Results</h1><p id="echo" style="font-size:40px">Could not read the dates "${PASSWORD.replace(/&/g, '&amp;')}"</p>
        <input id="plain" type="text" style="width:600px;height:60px" value="${PASSWORD.replace(/&/g, '&amp;')}"><p id="other" style="font-size:40px;color:#000">Nothing secret</p>`);
      const boxes = await Promise.all(['#echo', '#plain', '#other'].map(async (s) => (await page.locator(s).boundingBox())!));
      const artifacts = await captureFailure(page, dir, { secrets: new SecretSet().add(PASSWORD), name: 'mask' });
      const png = await readFile(artifacts.screenshot!);
      const viewer = await context.newPage();
      const colours = [];
      for (const box of boxes) colours.push(await pixel(viewer, png, box.x + 5, box.y + box.height / 2));
      expect(colours.slice(0, 2)).toEqual([MASK_COLOR, MASK_COLOR]);
      expect(colours[2]).not.toBe(MASK_COLOR);
    } finally {
      await context.close();
      await removeDir(dir);
    }
  });
});

describe('browser environment', () => {
  test('the vault passphrase and other secrets in remit\'s environment do not reach the browser processes', async () => {
    if (process.platform !== 'linux') return;
    const secret = 'vault-passphrase-must-not-leak-1234';
    process.env['REMIT_VAULT_PASSPHRASE'] = secret;
    process.env['MY_OTHER_VAULT_KEY'] = secret;
    const browser = await launchBrowser({ env: { REMIT_BROWSER: process.env['REMIT_BROWSER'] } });
    try {
      delete process.env['REMIT_VAULT_PASSPHRASE'];
      delete process.env['MY_OTHER_VAULT_KEY'];
      const page = await browser.newPage();
      await page.setContent('<p>hello</p>');
      const children = descendants(process.pid);
      const environs = children.map((pid) => { try { return readFileSync(`/proc/${pid}/environ`).toString('latin1'); } catch { return ''; } }).filter(Boolean);
      expect(environs.length).toBeGreaterThan(0);
      expect(environs.some((e) => e.includes('PATH='))).toBe(true);
      for (const env of environs) expect(env.includes(secret)).toBe(false);
    } finally {
      delete process.env['REMIT_VAULT_PASSPHRASE'];
      delete process.env['MY_OTHER_VAULT_KEY'];
      await browser.close();
    }
  });
});

/** Every process started (directly or not) by `root`, from /proc. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // gone already
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) if (ppid === pid) { out.push(child); walk(child); }
  };
  walk(root);
  return out;
}
