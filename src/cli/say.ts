/** Operator messages on stderr, coloured only on a terminal that wants colour. */
import { Chalk } from 'chalk';
import type { Context } from './context.js';

export interface Say {
  info(text: string): void;
  ok(text: string): void;
  warn(text: string): void;
  fail(text: string): void;
}

export function sayFor(ctx: Context): Say {
  const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
  const line = (text: string): void => ctx.stderr.write(`${text}\n`);
  return {
    info: (text) => {
      if (!ctx.quiet) line(text);
    },
    ok: (text) => {
      if (!ctx.quiet) line(chalk.green(text));
    },
    warn: (text) => line(chalk.yellow(text)),
    fail: (text) => line(chalk.red(text)),
  };
}
