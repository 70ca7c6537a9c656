/** What a bench stage is: its setup, the `remit` command it times, its floor, and how its output is checked. */
import type { ScaleSet } from '../../samplegen/scale/set.js';
import type { ChildRun } from '../child.js';

/** One scale's run: its data set, its work folder, and the workspaces stages hand on. */
export interface ScaleRun {
  scale: string;
  lines: number;
  dir: string;
  set: ScaleSet;
  /** The workspace of invoices-import, then match, then export-gl. */
  matchHome?: string;
  linesImported?: boolean;
  /** The workspace whose ledger holds a year of history (10 x lines). */
  historyHome?: string;
  /** Untimed work the bench did for the stages (generation, history, imports before match), ms. */
  setup: Record<string, number>;
}

export interface Stage {
  name: string;
  /** What the size counts: lines, pages, invoices, applications. */
  unit: string;
  size(run: ScaleRun): number;
  /** Untimed preparation; may create workspaces in `run`. */
  prepare?(run: ScaleRun): Promise<void>;
  /** Arguments for the real `remit` (measure-cli.js). */
  project(run: ScaleRun, files: string): string[];
  /** Arguments for floor.js (the floor's name first). */
  floor(run: ScaleRun, files: string): string[];
  /** "ok" or what is wrong, from the project's and the floor's outputs. */
  check(run: ScaleRun, project: ChildRun, floor: ChildRun | undefined): string;
}
