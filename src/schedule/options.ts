/**
 * The operator's words for a schedule (`--at 05:30`, `--days MON-FRI`, `--name`) turned into
 * a ScheduleSpec and a task name, with one clear UsageError per mistake.
 */
import { sha256 } from '../core/hash.js';
import { UsageError } from '../core/errors.js';
import { WEEKDAYS, dayRuns, formatTime, isEveryDay, type Backend, type LogonType, type ScheduleSpec, type TimeOfDay, type Weekday } from './types.js';

export const DEFAULT_AT = '05:30';
export const DEFAULT_DAYS = 'MON-FRI';

/** `HH:MM` on a 24-hour clock. */
export function parseAt(text: string): TimeOfDay {
  const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    throw new UsageError(`--at "${text}": write the start time as HH:MM on a 24-hour clock`, 'for example --at 05:30 or --at 22:15');
  }
  return { hour, minute };
}

const DAY_NAMES: Record<string, Weekday> = {};
for (const [day, full] of [
  ['MON', 'MONDAY'], ['TUE', 'TUESDAY'], ['WED', 'WEDNESDAY'], ['THU', 'THURSDAY'], ['FRI', 'FRIDAY'], ['SAT', 'SATURDAY'], ['SUN', 'SUNDAY'],
] as const) {
  DAY_NAMES[day] = day;
  DAY_NAMES[full] = day;
}
DAY_NAMES['TUES'] = 'TUE';
DAY_NAMES['THUR'] = 'THU';
DAY_NAMES['THURS'] = 'THU';

const DAYS_HINT = 'for example --days MON-FRI, --days MON,WED,FRI, --days SAT-SUN or --days DAILY';

/**
 * Days of the week: names (MON or MONDAY, any case), ranges (MON-FRI; FRI-MON wraps over the
 * weekend), lists (MON,WED,FRI) and DAILY, WEEKDAYS, WEEKENDS. Returned Monday first.
 */
export function parseDays(text: string): Weekday[] {
  const chosen = new Set<Weekday>();
  const parts = text.split(',').map((part) => part.trim().toUpperCase());
  if (parts.every((part) => part === '')) throw new UsageError('--days is empty: name the days the run starts on', DAYS_HINT);
  for (const part of parts) {
    if (part === '') throw new UsageError(`--days "${text}": an empty item between commas`, DAYS_HINT);
    if (part === 'DAILY' || part === 'EVERYDAY' || part === '*') {
      WEEKDAYS.forEach((day) => chosen.add(day));
      continue;
    }
    if (part === 'WEEKDAYS') {
      WEEKDAYS.slice(0, 5).forEach((day) => chosen.add(day));
      continue;
    }
    if (part === 'WEEKENDS' || part === 'WEEKEND') {
      chosen.add('SAT');
      chosen.add('SUN');
      continue;
    }
    const range = part.split('-').map((end) => end.trim());
    if (range.length > 2) throw new UsageError(`--days "${text}": "${part}" is not a day or a range of two days`, DAYS_HINT);
    const ends = range.map((name) => {
      const day = DAY_NAMES[name];
      if (!day) throw new UsageError(`--days "${text}": "${name || part}" is not a day of the week`, DAYS_HINT);
      return WEEKDAYS.indexOf(day);
    });
    const from = ends[0]!;
    const to = ends[ends.length - 1]!;
    for (let i = from; ; i = (i + 1) % 7) {
      chosen.add(WEEKDAYS[i]!);
      if (i === to) break;
    }
  }
  return WEEKDAYS.filter((day) => chosen.has(day));
}

/** The spec from the command's options, defaults filled in. */
export function scheduleSpec(options: { at?: string | undefined; days?: string | undefined }): ScheduleSpec {
  return { at: parseAt(options.at ?? DEFAULT_AT), days: parseDays(options.days ?? DEFAULT_DAYS) };
}

/** The days as an operator would write them back: MON-FRI, MON,WED,FRI, DAILY. */
export function describeDays(days: readonly Weekday[]): string {
  if (isEveryDay(days)) return 'DAILY';
  return dayRuns(days).map(([from, to]) => (from === to ? from : `${from}-${to}`)).join(',');
}

export function describeSpec(spec: ScheduleSpec): string {
  return `${formatTime(spec.at)} ${describeDays(spec.days)}`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A name every scheduler accepts as-is: a Task Scheduler task, a systemd unit, a launchd label, a crontab tag. */
export function checkTaskName(name: string): string {
  if (!NAME.test(name) || name.endsWith('.')) {
    throw new UsageError(`--name "${name}": use up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit`);
  }
  return name;
}

/**
 * A stable name for a workspace's task: its folder name made safe, plus a short hash of the
 * whole path so that two workspaces with the same folder name (a BPO's clients under
 * different parents) get two tasks. Windows paths compare without case.
 */
export function defaultTaskName(workspace: string, platform: NodeJS.Platform): string {
  const normal = platform === 'win32' ? workspace.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase() : workspace.replace(/\/+$/, '');
  const base = normal.split(/[\\/]/).filter(Boolean).pop() ?? '';
  const slug = base.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).toLowerCase() || 'workspace';
  return `${slug}-${sha256(normal).slice(0, 8)}`;
}

export function parseLogon(text: string | undefined): LogonType {
  if (text === undefined || text === 'interactive') return 'interactive';
  if (text === 'password') return 'password';
  throw new UsageError(`--logon "${text}": use interactive (only while you are logged on) or password (whether logged on or not)`);
}

/** The scheduler to use: Task Scheduler on Windows, launchd on macOS, systemd or cron elsewhere. */
export function backendsFor(platform: NodeJS.Platform): Backend[] {
  if (platform === 'win32') return ['task-scheduler'];
  if (platform === 'darwin') return ['launchd'];
  if (platform === 'linux') return ['systemd', 'cron'];
  return ['cron'];
}

export function parseBackend(text: string | undefined, platform: NodeJS.Platform): Backend | undefined {
  if (text === undefined) return undefined;
  const allowed = backendsFor(platform);
  if (!(allowed as string[]).includes(text)) {
    throw new UsageError(`--scheduler "${text}": on ${platform} use ${allowed.join(' or ')}`);
  }
  return text as Backend;
}
