/**
 * `remit run`: the nightly pipeline from remit.yaml (fetch, import, match, optionally export,
 * notify), each step reported as it ends.
 */
import { nightlyRun } from '../../pipeline/nightly-run.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { fetchServices, withWorkspace } from '../workspace.js';
import { sayExported } from './export-gl.js';
import { sayFetched } from './fetch.js';
import { sayMailFetched } from './mail.js';
import { sayMatched } from './match.js';
import { sayOutcomes } from './bank.js';
import { sayReconciled } from './reconcile.js';

export interface RunOptions {
  since?: string;
  until?: string;
  company?: string;
  exportGl?: boolean;
}

export async function run(options: RunOptions, ctx: Context): Promise<number> {
  const say = sayFor(ctx);
  const outcome = await withWorkspace(ctx, async (pipeline) => {
    // From the process's own start (node, modules, settings, ledger open): paid once a night,
    // as every file of the night is imported in this process.
    say.info(`remit run: ready in ${(performance.now() / 1000).toFixed(2)} s`);
    const services = fetchServices(ctx, pipeline);
    try {
      return await nightlyRun(pipeline, services, options, (step) => {
        if (step.kind === 'backup') {
          if (step.outcome) say.info(`backup: ${step.outcome.file}${step.outcome.removed.length ? ` (${step.outcome.removed.length} older removed)` : ''}`);
          else say.fail(`backup before the run failed, the run goes on: ${step.error}`);
        } else if (step.kind === 'fetch') sayFetched(step.outcome, {}, ctx, say);
        else if (step.kind === 'mail') sayMailFetched(step.outcome, {}, ctx, say);
        else if (step.kind === 'bank') {
          if (step.outcome.message) say.fail(step.outcome.message);
          sayOutcomes(step.outcome.files, ctx);
          if (step.outcome.reconciled) sayReconciled(step.outcome.reconciled, say);
        } else if (step.kind === 'match') sayMatched(step.outcome, say);
        else if (step.kind === 'export') sayExported(step.outcome, say);
        else for (const result of step.results) (result.ok ? say.info : say.warn)(`notify ${result.channel}: ${result.message}`);
      });
    } finally {
      await services.close();
    }
  });
  const added = outcome.added;
  say.info(
    `run ${outcome.runId}: ${added['documents'] ?? 0} new file(s), ${added['payments'] ?? 0} payment(s), ${added['applied'] ?? 0} line(s) applied; ` +
      `${outcome.exceptions} line(s) need a person${outcome.caughtUpDays > 1 ? `; caught up ${outcome.caughtUpDays} day(s)` : ''}`,
  );
  say.info(`the morning report: ${outcome.morningFile}`);
  return outcome.exitCode;
}
