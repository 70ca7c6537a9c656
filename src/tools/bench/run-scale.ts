/**
 * One scale of the bench: write the data set, then every stage in turn, each as the real
 * `remit` in its own process and then its floor in its own process. A stage that fails is
 * recorded with its error and the next one runs.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScaleSet } from '../samplegen/scale/set.js';
import { runChild, tailOf, type ChildRun } from './child.js';
import { engineStage } from './engine-stage.js';
import { NIGHTLY, nightlyStage } from './nightly-stage.js';
import type { StageResult } from './result.js';
import { IMPORT_STAGES } from './stages/imports.js';
import { LEDGER_STAGES } from './stages/ledger.js';
import type { ScaleRun, Stage } from './stages/types.js';

const MEASURE_CLI = fileURLToPath(new URL('./measure-cli.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));
const WRITE_SET = fileURLToPath(new URL('../samplegen/scale/write-cli.js', import.meta.url));
const STAGE_TIMEOUT_MS = 15 * 60_000;

export const STAGES: readonly Stage[] = [...IMPORT_STAGES, ...LEDGER_STAGES];

export interface ScaleOutcome {
  results: StageResult[];
  setup: Record<string, number>;
}

const say = (text: string): void => void process.stderr.write(`${text}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export async function runScale(scale: string, lines: number, work: string, only?: ReadonlySet<string>): Promise<ScaleOutcome> {
  const dir = join(work, scale);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const setup: Record<string, number> = {};
  say(`[${scale}] writing the data set (${lines.toLocaleString('en-US')} lines)`);
  const written = await runChild(WRITE_SET, [join(dir, 'data'), String(lines)], { files: join(dir, 'logs', 'write-set'), timeoutMs: STAGE_TIMEOUT_MS });
  const stages = STAGES.filter((stage) => !only || only.has(stage.name));
  if (written.code !== 0) {
    const error = `the data set was not written: ${tailOf(written.stderrFile)}`;
    return { setup, results: stages.map((stage) => ({ stage: stage.name, scale, unit: stage.unit, size: 0, check: 'failed', error })) };
  }
  setup['data set'] = written.ms;
  const run: ScaleRun = { scale, lines, dir, set: JSON.parse(readFileSync(join(dir, 'data', 'set.json'), 'utf8')) as ScaleSet, setup };
  const results: StageResult[] = [];
  for (const stage of stages) results.push(await runStage(stage, run));
  if (!only || only.has('match (engine only)')) {
    say(`[${scale}] match (engine only)`);
    results.push(await engineStage(scale, lines));
  }
  // Last: the night is run on the history ledger that report exceptions and status read.
  if (!only || only.has(NIGHTLY)) results.push(...(await nightlyStage(run)));
  return { results, setup };
}

async function runStage(stage: Stage, run: ScaleRun): Promise<StageResult> {
  const result: StageResult = { stage: stage.name, scale: run.scale, unit: stage.unit, size: 0, check: '' };
  const files = join(run.dir, 'logs', stage.name.replace(/\W+/g, '-'));
  try {
    await stage.prepare?.(run);
    result.size = stage.size(run);
    say(`[${run.scale}] ${stage.name}: remit`);
    const project = await runChild(MEASURE_CLI, stage.project(run, files), { files: `${files}.project`, timeoutMs: STAGE_TIMEOUT_MS });
    Object.assign(result, { projectMs: project.ms, projectRssMb: rss(project) });
    if (project.code !== 0) result.error = `remit exited ${project.code}: ${tailOf(project.stderrFile)}`;
    say(`[${run.scale}] ${stage.name}: floor`);
    const floor = await runChild(FLOOR, stage.floor(run, `${files}.scratch`), { files: `${files}.floor`, timeoutMs: STAGE_TIMEOUT_MS });
    if (floor.code === 0) {
      Object.assign(result, { floorMs: floor.ms, floorRssMb: rss(floor), floorPhases: floor.report['phases'], floorCounts: floor.report['counts'] });
    } else {
      result.error = [result.error, `floor exited ${floor.code}: ${tailOf(floor.stderrFile)}`].filter(Boolean).join('\n');
    }
    result.check = result.error && project.code !== 0 ? 'failed' : stage.check(run, project, floor.code === 0 ? floor : undefined);
    say(`[${run.scale}] ${stage.name}: ${seconds(project.ms)}, floor ${floor.code === 0 ? seconds(floor.ms) : 'failed'}; ${result.check}`);
  } catch (err) {
    result.error = (err as Error).message;
    result.check = 'failed';
    say(`[${run.scale}] ${stage.name}: failed: ${result.error}`);
  }
  return result;
}

function rss(run: ChildRun): number | undefined {
  const value = run.report['maxRssMb'];
  return typeof value === 'number' ? value : undefined;
}
