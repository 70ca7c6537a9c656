/**
 * What every command receives instead of reaching for globals: where the workspace is,
 * the environment, the clock, and the two output streams.
 */
import type { Clock } from '../core/clock.js';

export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  /** A terminal's width in characters, when it says. */
  readonly columns?: number;
}

export interface Context {
  home: string | undefined;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  userHome: string;
  clock: Clock;
  /** Data: reports, CSV, JSON. */
  stdout: Output;
  /** Messages for the operator. */
  stderr: Output;
  stdinIsTTY: boolean;
  /** All of standard input, for --password-stdin; never called on a terminal. */
  readStdin: () => Promise<string>;
  quiet: boolean;
  color: boolean;
  /** Who is acting, for the audit trail. */
  user: string;
}
