/** Operator messages on stderr, coloured only on a terminal that wants colour. */
import { Chalk } from 'chalk';
import { printable } from '../core/printable.js';
import type { Context } from './context.js';

export interface Say {
  info(text: string): void;
  ok(text: string): void;
  warn(text: string): void;
  fail(text: string): void;
}

export function sayFor(ctx: Context): Say {
  const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
  // One message is one line: a name inside it is shown with its control characters escaped.
  // Blank lines a message starts with are layout, and kept.
  // Colour goes on after the escaping, which would otherwise show the colour codes themselves.
  const coloured = (paint: (text: string) => string, text: string): void => {
    const lead = /^\n*/.exec(text)![0];
    ctx.stderr.write(`${lead}${paint(printable(text.slice(lead.length)))}\n`);
  };
  return {
    info: (text) => {
      if (!ctx.quiet) coloured(String, text);
    },
    ok: (text) => {
      if (!ctx.quiet) coloured(chalk.green, text);
    },
    warn: (text) => coloured(chalk.yellow, text),
    fail: (text) => coloured(chalk.red, text),
  };
}
