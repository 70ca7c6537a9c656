/**
 * What `schedule install` registered, kept in the workspace (`schedule/installed.json`) so
 * that `schedule show`, `schedule remove` and `remit status` know the task without asking
 * the OS scheduler, and so a reinstall with another scheduler removes the old one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEEKDAYS, type Backend, type LogonType, type TimeOfDay, type Weekday } from './types.js';

export interface ScheduleRecord {
  version: 1;
  name: string;
  backend: Backend;
  at: TimeOfDay;
  days: Weekday[];
  workspace: string;
  node: string;
  remit: string;
  user: string;
  logon: LogonType;
  /** ISO timestamp. */
  installedAt: string;
  /** Definition files written for the scheduler (task XML, unit files, plist). */
  files: string[];
}

/** The workspace folder for schedule files: the task XML and the record. */
export function scheduleDir(workspace: string): string {
  return join(workspace, 'schedule');
}

export function scheduleRecordPath(workspace: string): string {
  return join(scheduleDir(workspace), 'installed.json');
}

const BACKENDS: readonly Backend[] = ['task-scheduler', 'systemd', 'cron', 'launchd'];

/** The record from its JSON, or undefined when it is not one (hand-edited, older, damaged). */
export function parseScheduleRecord(text: string): ScheduleRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<Record<keyof ScheduleRecord, unknown>>;
  const at = r.at as Partial<TimeOfDay> | undefined;
  const ok =
    r.version === 1 &&
    typeof r.name === 'string' &&
    BACKENDS.includes(r.backend as Backend) &&
    typeof at === 'object' && at !== null &&
    Number.isInteger(at.hour) && at.hour! >= 0 && at.hour! <= 23 &&
    Number.isInteger(at.minute) && at.minute! >= 0 && at.minute! <= 59 &&
    Array.isArray(r.days) && r.days.every((day) => WEEKDAYS.includes(day as Weekday)) &&
    typeof r.workspace === 'string' &&
    typeof r.node === 'string' &&
    typeof r.remit === 'string' &&
    typeof r.user === 'string' &&
    (r.logon === 'interactive' || r.logon === 'password') &&
    typeof r.installedAt === 'string' &&
    Array.isArray(r.files) && r.files.every((file) => typeof file === 'string');
  return ok ? (value as ScheduleRecord) : undefined;
}

/** The schedule installed for a workspace, if any (for `remit status`: pair with nextRun). */
export function readScheduleRecord(workspace: string): ScheduleRecord | undefined {
  let text: string;
  try {
    text = readFileSync(scheduleRecordPath(workspace), 'utf8');
  } catch {
    return undefined;
  }
  return parseScheduleRecord(text);
}

export function formatScheduleRecord(record: ScheduleRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
