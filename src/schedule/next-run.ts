/** When a schedule next starts the nightly run, in the machine's local time. */
import { weekdayOf, type ScheduleSpec } from './types.js';

/**
 * The first start strictly after `now`, or undefined when the schedule has no days.
 * Accepts any object with `at` and `days` (a ScheduleSpec, an installed ScheduleRecord).
 * Local wall-clock time, as every OS scheduler keeps it: on a daylight-saving day a start
 * inside the skipped hour moves forward with the clock.
 */
export function nextRun(definition: Pick<ScheduleSpec, 'at' | 'days'>, now: Date): Date | undefined {
  if (definition.days.length === 0) return undefined;
  for (let offset = 0; offset <= 7; offset++) {
    const candidate = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset, definition.at.hour, definition.at.minute, 0, 0);
    if (candidate.getTime() > now.getTime() && definition.days.includes(weekdayOf(candidate))) return candidate;
  }
  return undefined;
}
