/** The vocabulary shared by the schedule generators: days, a time of day, who runs what. */

/** Days in the order operators read a week: Monday first. */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** When the nightly run starts: local wall-clock time on some days of the week. */
export interface ScheduleSpec {
  at: TimeOfDay;
  /** Unique, Monday first; all seven means every day. */
  days: readonly Weekday[];
}

/** Which OS scheduler holds the task. */
export type Backend = 'task-scheduler' | 'systemd' | 'cron' | 'launchd';

/**
 * Task Scheduler logon: `interactive` runs only while the user is logged on (a locked screen
 * is fine); `password` is "run whether user is logged on or not" with the user's stored
 * Windows password. S4U ("do not store password") is not offered: a task without the
 * password cannot open the user's Credential Manager, where the portal passwords are.
 */
export type LogonType = 'interactive' | 'password';

/** What the scheduled task runs, and as whom. Paths are absolute. */
export interface ScheduleTarget {
  /** Task name: letters, digits, dot, dash, underscore. */
  name: string;
  workspace: string;
  /** The node executable (process.execPath). */
  node: string;
  /** The remit entry script (bin/remit). */
  remit: string;
  /** The account the task runs as (DOMAIN\user on Windows). */
  user: string;
  logon: LogonType;
}

/** Index of a weekday as JavaScript's Date.getDay() counts: Sunday 0 ... Saturday 6. */
export function jsDay(day: Weekday): number {
  return (WEEKDAYS.indexOf(day) + 1) % 7;
}

export function weekdayOf(date: Date): Weekday {
  return WEEKDAYS[(date.getDay() + 6) % 7]!;
}

export function isEveryDay(days: readonly Weekday[]): boolean {
  return WEEKDAYS.every((day) => days.includes(day));
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

export function formatTime(at: TimeOfDay): string {
  return `${pad2(at.hour)}:${pad2(at.minute)}`;
}

/**
 * Consecutive runs of days (Monday first), for the schedulers that accept ranges:
 * MON,TUE,WED,FRI gives [[MON,WED],[FRI,FRI]].
 */
export function dayRuns(days: readonly Weekday[]): Array<[Weekday, Weekday]> {
  const runs: Array<[Weekday, Weekday]> = [];
  let start: number | undefined;
  for (let i = 0; i <= WEEKDAYS.length; i++) {
    const on = i < WEEKDAYS.length && days.includes(WEEKDAYS[i]!);
    if (on && start === undefined) start = i;
    if (!on && start !== undefined) {
      runs.push([WEEKDAYS[start]!, WEEKDAYS[i - 1]!]);
      start = undefined;
    }
  }
  return runs;
}
