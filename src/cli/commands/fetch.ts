/** `remit fetch`: log in to every portal, download new remittances, import them. */
import { randomBytes } from 'node:crypto';
import { isoDay, resolveDayWord } from '../../core/dates.js';
import { UsageError } from '../../core/errors.js';
import { fetchAccounts, type AccountOutcome } from '../../fetch/accounts.js';
import type { PortalAccount } from '../../config/schema.js';
import { launchBrowser } from '../../fetch/browser.js';
import { openSecretStore } from '../../secrets/index.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { render } from '../table.js';
import { companyFor, openWorkspace } from '../workspace.js';

export interface FetchOptions {
  since?: string;
  until?: string;
  portal?: string[];
  company?: string;
  dryRun?: boolean;
  headed?: boolean;
  json?: boolean;
}

export async function run(options: FetchOptions, ctx: Context): Promise<number> {
  return (await runFetch(options, ctx)).code;
}

export interface FetchRun {
  code: number;
  runId?: string;
  outcomes: AccountOutcome[];
}

/**
 * The fetch itself, for `remit fetch` and for `remit run`, which passes `sinceFor` so each
 * portal catches up from its own last good day.
 */
export async function runFetch(options: FetchOptions, ctx: Context, sinceFor?: (account: PortalAccount, today: string) => string): Promise<FetchRun> {
  const today = isoDay(ctx.clock.now());
  const since = resolveDayWord(options.since ?? 'yesterday', today);
  const until = resolveDayWord(options.until ?? 'today', today);
  if (!since.ok) throw new UsageError(`--since: ${since.reason}`);
  if (!until.ok) throw new UsageError(`--until: ${until.reason}`);
  if (since.iso > until.iso) throw new UsageError(`--since ${since.iso} is after --until ${until.iso}`);

  const { paths, config, ledger } = openWorkspace(ctx);
  const say = sayFor(ctx);
  try {
    const company = options.company ? companyFor(config, options.company) : undefined;
    for (const id of options.portal ?? []) {
      if (!config.portals.some((p) => p.id === id)) throw new UsageError(`no portal account "${id}" in remit.yaml`, 'see remit portal list');
    }
    const accounts = config.portals.filter((p) => (!options.portal?.length || options.portal.includes(p.id)) && (!company || p.company === company));
    if (accounts.length === 0) {
      say.info('no portal accounts to fetch: add one with remit portal add');
      return { code: 0, outcomes: [] };
    }
    const secrets = await openSecretStore(config.secrets, { workspace: paths.root, env: ctx.env, platform: ctx.platform });
    const browser = await launchBrowser({
      ...(config.browser.executablePath ? { executablePath: config.browser.executablePath } : {}),
      ...(config.browser.channel ? { channel: config.browser.channel } : {}),
      headed: Boolean(options.headed),
      env: { REMIT_BROWSER: ctx.env['REMIT_BROWSER'] },
    });
    const earliest = sinceFor ? accounts.map((a) => sinceFor(a, today)).sort()[0]! : since.iso;
    const runId = `${ctx.clock.now().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(2).toString('hex')}`;
    say.info(`fetch ${runId}: ${accounts.length} portal account(s), ${earliest} to ${until.iso}${options.dryRun ? ' (dry run: nothing downloaded)' : ''}`);
    let outcomes: AccountOutcome[];
    try {
      outcomes = await fetchAccounts({
        accounts, config, ledger, secrets, browser, workspaceRoot: paths.root, runId, since: earliest, until: until.iso,
        ...(sinceFor ? { sinceFor: (account: PortalAccount) => sinceFor(account, today) } : {}),
        dryRun: Boolean(options.dryRun), log: (message) => say.info(`  ${message}`),
        ...(ctx.env['REMIT_RETRY_BACKOFF_MS'] ? { backoffMs: () => Number(ctx.env['REMIT_RETRY_BACKOFF_MS']) } : {}),
      });
    } finally {
      await browser.close().catch(() => undefined);
    }
    if (options.dryRun) {
      const rows = outcomes.flatMap((o) => o.dryRunRows.map((row) => ({ portal: o.account.id, row: row.rowId, payment_ref: row.fields.paymentRef ?? '', date: row.fields.date ?? '' })));
      ctx.stdout.write(render(rows, ['portal', 'row', 'payment_ref', 'date'], options.json ? 'json' : 'table', new Set(), ctx.stdout.isTTY));
    } else {
      const rows = outcomes.map((o) => ({
        portal: o.account.id, status: o.record.status, files: o.record.files, payments: o.record.payments, errors: o.record.fileErrors + (o.record.status === 'failed' && o.record.errorKind !== 'file' ? 1 : 0),
        message: o.record.status === 'failed' ? (o.record.message ?? '') : '', evidence: o.record.artifacts ?? '',
      }));
      ctx.stdout.write(render(rows, ['portal', 'status', 'files', 'payments', 'errors', 'message', 'evidence'], options.json ? 'json' : 'table', new Set(), ctx.stdout.isTTY));
    }
    const failures = outcomes.filter((o) => o.record.status === 'failed');
    if (failures.length) say.warn(`${failures.length} of ${outcomes.length} portal(s) need attention: ${failures.map((f) => f.account.id).join(', ')}`);
    else say.ok(`fetch ${runId} done`);
    return { code: failures.length ? 1 : 0, runId, outcomes };
  } finally {
    ledger.close();
  }
}
