import { describe, expect, it } from 'vitest';
import { nextRun } from '../../src/schedule/next-run.js';
import { parseDays } from '../../src/schedule/options.js';
import type { ScheduleSpec } from '../../src/schedule/types.js';

const WEEKDAYS_0530: ScheduleSpec = { at: { hour: 5, minute: 30 }, days: parseDays('MON-FRI') };
// Local wall-clock times: 2025-01-03 is a Friday, 2025-01-06 a Monday.
const local = (day: number, hour: number, minute = 0, month = 0) => new Date(2025, month, day, hour, minute, 0, 0);

describe('nextRun', () => {
  it('skips the weekend for a weekday schedule', () => {
    expect(nextRun(WEEKDAYS_0530, local(3, 6, 0))).toEqual(local(6, 5, 30)); // Friday after the run → Monday
    expect(nextRun(WEEKDAYS_0530, local(4, 12))).toEqual(local(6, 5, 30)); // Saturday
    expect(nextRun(WEEKDAYS_0530, local(5, 23, 59))).toEqual(local(6, 5, 30)); // Sunday night
  });

  it('is today when the time is still to come, and strictly after now', () => {
    expect(nextRun(WEEKDAYS_0530, local(3, 5, 0))).toEqual(local(3, 5, 30));
    expect(nextRun(WEEKDAYS_0530, local(3, 5, 30))).toEqual(local(6, 5, 30));
    expect(nextRun(WEEKDAYS_0530, new Date(local(3, 5, 30).getTime() - 1))).toEqual(local(3, 5, 30));
    expect(nextRun(WEEKDAYS_0530, local(6, 5, 31))).toEqual(local(7, 5, 30));
  });

  it('handles weekend-only, single-day and daily schedules, across a month end', () => {
    expect(nextRun({ at: { hour: 7, minute: 0 }, days: parseDays('SAT-SUN') }, local(6, 8))).toEqual(local(11, 7));
    expect(nextRun({ at: { hour: 7, minute: 0 }, days: parseDays('SUN') }, local(5, 7, 0))).toEqual(local(12, 7));
    expect(nextRun({ at: { hour: 0, minute: 0 }, days: parseDays('DAILY') }, local(31, 23, 0))).toEqual(new Date(2025, 1, 1, 0, 0));
    // Friday 31 January → Monday 3 February.
    expect(nextRun(WEEKDAYS_0530, local(31, 9))).toEqual(new Date(2025, 1, 3, 5, 30));
  });

  it('is undefined for a schedule with no days', () => {
    expect(nextRun({ at: { hour: 5, minute: 30 }, days: [] }, local(3, 0))).toBeUndefined();
  });

  it('accepts an installed record as the definition', () => {
    const record = { version: 1, name: 'x', at: { hour: 5, minute: 30 }, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const };
    expect(nextRun(record, local(4, 0))).toEqual(local(6, 5, 30));
  });
});
