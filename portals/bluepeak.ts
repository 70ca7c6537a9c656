/**
 * BluePeak Supplier Hub (TypeScript adapter)
 *
 * Logs into:  BluePeak's supplier hub (the local fixture in fixtures/portals/bluepeak stands
 *             in for it) with an e-mail address and password; no MFA.
 * Downloads:  one XLSX remittance per payment, from the "Download XLSX" button of each row
 *             (a browser download).
 * Quirks:     - after every login a "What's new" page must be acknowledged (tick + Continue),
 *               sometimes twice in a row; written as code because the page can come back.
 *             - dates are DD.MM.YYYY and amounts European (1.234,56 EUR).
 *             - results load by script behind a spinner; no pagination.
 * Account:
 *   portals:
 *     - id: bluepeak-acme
 *       company: ACME
 *       payer: BLUEPEAK
 *       recipe: bluepeak
 *       url: https://suppliers.bluepeak.example
 *       username: ar@acme.example
 *
 * This portal could be a YAML recipe; it is an adapter to keep the adapter path exercised
 * and to show how one uses the engine's tools (steps, waitForFirst, offer, saveDownload).
 */
import { parseAmount } from '../src/core/money.js';
import { formatIsoDate, parseFormattedDate } from '../src/fetch/recipe/date-format.js';
import type { PortalAdapter, PortalContext } from '../src/fetch/types.js';

const DATE_FORMAT = 'DD.MM.YYYY';

async function logIn(ctx: PortalContext): Promise<void> {
  const base = ctx.account.url.replace(/\/+$/, '');
  await ctx.steps([{ goto: `${base}/` }]);
  const first = await ctx.waitForFirst({
    in: { visible: '#sign-out' },
    form: { visible: '#email' },
    news: { visible: '#continue' },
  });
  if (first === 'in') {
    ctx.sessionReused();
    return;
  }
  if (first === 'form') {
    await ctx.steps([{ fill: { selector: '#email', value: '{{ username }}' } }]);
    await ctx.fillSecret(ctx.page.locator('#pass'), 'password');
    await ctx.steps([{ click: '#signin' }]);
  } else if (first === undefined) {
    ctx.fail('layout', 'the portal page has changed: no sign-in form (#email) on the start page');
  }
  for (let visits = 0; visits < 5; visits++) {
    const outcome = await ctx.waitForFirst({
      in: { visible: '#sign-out' },
      news: { visible: '#continue' },
      refused: { visible: '.login-error' },
    });
    if (outcome === 'in') return;
    if (outcome === 'news') {
      ctx.log("acknowledging the What's new page");
      await ctx.steps([{ check: '#ack' }, { click: '#continue' }]);
      continue;
    }
    if (outcome === 'refused') {
      const text = (await ctx.page.locator('.login-error').innerText()).trim();
      if (/locked/i.test(text)) ctx.fail('locked', 'the portal account is locked', text);
      if (/expired/i.test(text)) ctx.fail('password-expired', 'the portal password has expired', text);
      ctx.fail('auth', 'the portal refused the username or password', text);
    }
    ctx.fail('layout', 'the portal page has changed: after signing in, neither the payments page nor a message appeared');
  }
  ctx.fail('layout', "the What's new page keeps coming back");
}

async function search(ctx: PortalContext): Promise<void> {
  await ctx.steps([
    { fill: { selector: '#date-from', value: formatIsoDate(ctx.since, DATE_FORMAT) } },
    { fill: { selector: '#date-to', value: formatIsoDate(ctx.until, DATE_FORMAT) } },
    { click: '#run-search' },
  ]);
  const outcome = await ctx.waitForFirst({
    rows: { visible: '#results tbody tr' },
    empty: { visible: '.empty-state' },
    error: { visible: '.search-error' },
  });
  if (outcome === 'error') {
    ctx.fail('layout', 'the portal did not accept the search', await ctx.page.locator('.search-error').innerText());
  }
  if (outcome === undefined) {
    const busy = await ctx.page.locator('.spinner').isVisible();
    ctx.fail(busy ? 'timeout' : 'layout', busy
      ? `the portal was still loading results after ${(ctx.timeoutMs / 1000).toFixed(1)} s`
      : 'the portal page has changed: no results table (#results) after searching');
  }
}

const bluepeak: PortalAdapter = {
  name: 'bluepeak',
  title: 'BluePeak Supplier Hub',
  async fetch(ctx: PortalContext) {
    await logIn(ctx);
    await search(ctx);
    const rows = ctx.page.locator('#results tbody tr');
    const count = await rows.count();
    ctx.log(`${count} row(s)`);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const button = row.locator('button.dl');
      const id = await button.getAttribute('data-id');
      const dateText = await row.locator('td.value-date').innerText();
      const date = parseFormattedDate(dateText, DATE_FORMAT);
      if (!id || !date.ok) ctx.fail('layout', `the portal page has changed: row ${i + 1} has no id or date`);
      const amount = parseAmount(await row.locator('td.amount').innerText(), { decimalComma: true });
      const offered = {
        id,
        date: date.iso,
        paymentRef: (await row.locator('td.payment').innerText()).trim(),
        ...(amount.ok ? { amountMinor: amount.minor } : {}),
      };
      if (ctx.offer(offered) !== 'download') continue;
      const [download] = await Promise.all([ctx.page.waitForEvent('download'), button.click()]);
      await ctx.saveDownload(offered, download);
    }
  },
};

export default bluepeak;
