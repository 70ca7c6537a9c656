/**
 * The matcher alone, in memory (match-stage.js: generated lines and invoices, no ledger),
 * against the pure in-memory hash join of exact references. Both times are taken inside
 * their processes and leave data generation out.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StageResult } from './result.js';

const MATCH_STAGE = fileURLToPath(new URL('./match-stage.js', import.meta.url));

interface EngineRun {
  ms: number;
  applied: number;
  lines: number;
  maxRssMb: number;
}

function runEngine(lines: number, mode?: string): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MATCH_STAGE, String(lines), ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`match-stage exited ${code}: ${err.trim().split('\n').slice(-4).join('\n')}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as EngineRun);
    });
  });
}

export async function engineStage(scale: string, lines: number): Promise<StageResult> {
  const result: StageResult = { stage: 'match (engine only)', scale, unit: 'lines', size: lines, check: '', inProcess: true };
  try {
    const project = await runEngine(lines);
    const floor = await runEngine(lines, 'floor');
    Object.assign(result, { size: project.lines, projectMs: project.ms, projectRssMb: project.maxRssMb, floorMs: floor.ms, floorRssMb: floor.maxRssMb });
    result.check = `ok: applied ${project.applied.toLocaleString('en-US')}, hash join found ${floor.applied.toLocaleString('en-US')}`;
  } catch (err) {
    result.error = (err as Error).message;
    result.check = 'failed';
  }
  return result;
}
