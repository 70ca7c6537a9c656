/** One stage at one scale, as the table prints it and the JSON keeps it. */
export interface StageResult {
  stage: string;
  scale: string;
  unit: string;
  size: number;
  projectMs?: number;
  projectRssMb?: number;
  floorMs?: number;
  floorRssMb?: number;
  /** The floor's own phases (parse, insert, hash join...), ms, timed inside its process. */
  floorPhases?: Record<string, number>;
  floorCounts?: Record<string, number>;
  check: string;
  /** Times taken inside the process (no process start in them), as the engine-only figures are. */
  inProcess?: boolean;
  /** Set when the stage failed: what went wrong, in one or a few lines. */
  error?: string;
}

export const SCALES: ReadonlyArray<[string, number]> = [['10k', 10_000], ['100k', 100_000], ['1m', 1_000_000]];
