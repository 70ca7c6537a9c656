/**
 * Linux without a systemd user instance (containers, WSL, BSD): one crontab line, tagged
 * `# remit:<name>` so install replaces it and remove finds it without touching the
 * operator's other lines.
 *
 * Quirks worth knowing:
 * - cron runs the line with /bin/sh and a bare PATH, so node and remit are absolute paths.
 * - In a crontab an unescaped `%` ends the command (the rest becomes standard input): every
 *   `%` is written `\%`, which cron turns back into `%` before the shell sees it.
 * - cron has no catch-up: a night the machine was off is fetched by the next night's run,
 *   which starts from each portal's last successful day.
 */
import { checkPrintable } from './printable.js';
import { jsDay, type ScheduleSpec, type ScheduleTarget } from './types.js';

export function cronTag(name: string): string {
  return `# remit:${name}`;
}

/** Day-of-week field, Sunday 0: `1-5`, `1,3,5`, `0,6`, `*`. */
export function cronDays(days: ScheduleSpec['days']): string {
  if (days.length === 7) return '*';
  const numbers = days.map(jsDay).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    const from = numbers[i]!;
    const to = numbers[j]!;
    parts.push(from === to ? String(from) : to === from + 1 ? `${from},${to}` : `${from}-${to}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** A word for /bin/sh: bare when it is plainly safe, else single-quoted. */
export function shQuote(arg: string): string {
  checkPrintable(arg);
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function cronSafe(command: string): string {
  return command.replace(/%/g, '\\%');
}

/** `30 5 * * 1-5 cd <ws> && <node> <remit> --home <ws> run >> <ws>/logs/cron.log 2>&1 # remit:<name>` */
export function cronLine(spec: ScheduleSpec, target: ScheduleTarget): string {
  const ws = shQuote(target.workspace);
  const log = shQuote(`${target.workspace.replace(/\/+$/, '')}/logs/cron.log`);
  const command = `cd ${ws} && ${[target.node, target.remit].map(shQuote).join(' ')} --home ${ws} run >> ${log} 2>&1`;
  return `${spec.at.minute} ${spec.at.hour} * * ${cronDays(spec.days)} ${cronSafe(command)} ${cronTag(target.name)}`;
}

function isTagged(line: string, name: string): boolean {
  return line.trimEnd().endsWith(` ${cronTag(name)}`) || line.trim() === cronTag(name);
}

/** The line this task has in a crontab, if any. */
export function findCronLine(crontab: string, name: string): string | undefined {
  return crontab.split(/\r?\n/).find((line) => isTagged(line, name));
}

/**
 * The crontab with this task's line replaced (where the first one was, else at the end), or
 * removed when `line` is undefined. Every other line is kept as it was; the result ends
 * with a newline, which cron needs on the last entry.
 */
export function withCronLine(crontab: string, name: string, line: string | undefined): string {
  const lines = crontab === '' ? [] : crontab.replace(/\r?\n$/, '').split(/\r?\n/);
  const out: string[] = [];
  let placed = false;
  for (const existing of lines) {
    if (!isTagged(existing, name)) {
      out.push(existing);
    } else if (line !== undefined && !placed) {
      out.push(line);
      placed = true;
    }
  }
  if (line !== undefined && !placed) out.push(line);
  return out.length ? `${out.join('\n')}\n` : '';
}
