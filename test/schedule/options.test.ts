import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../src/core/errors.js';
import { checkTaskName, defaultTaskName, describeDays, parseAt, parseBackend, parseDays, parseLogon, scheduleSpec } from '../../src/schedule/options.js';

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(ExitCode.usage);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('--at', () => {
  it('reads HH:MM on a 24-hour clock', () => {
    expect(parseAt('05:30')).toEqual({ hour: 5, minute: 30 });
    expect(parseAt('5:30')).toEqual({ hour: 5, minute: 30 });
    expect(parseAt('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseAt('23:59')).toEqual({ hour: 23, minute: 59 });
  });

  it.each(['24:00', '05:60', '5', '05:3', '5.30', '5:30pm', '', '-1:00', 'ab:cd', '05:30:00'])('refuses %j with exit 2', (text) => {
    const err = usage(() => parseAt(text));
    expect(err.message).toContain('--at');
    expect(err.message).toContain('HH:MM');
    expect(err.hint).toContain('05:30');
  });
});

describe('--days', () => {
  it('reads ranges, lists, names and DAILY, Monday first', () => {
    expect(parseDays('MON-FRI')).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI']);
    expect(parseDays('mon,wed,fri')).toEqual(['MON', 'WED', 'FRI']);
    expect(parseDays('SAT-SUN')).toEqual(['SAT', 'SUN']);
    expect(parseDays('DAILY')).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']);
    expect(parseDays('Monday, Thursday')).toEqual(['MON', 'THU']);
    expect(parseDays('weekdays')).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI']);
    expect(parseDays('WEEKENDS')).toEqual(['SAT', 'SUN']);
    expect(parseDays('TUE')).toEqual(['TUE']);
  });

  it('wraps a range over the weekend and merges overlaps', () => {
    expect(parseDays('FRI-MON')).toEqual(['MON', 'FRI', 'SAT', 'SUN']);
    expect(parseDays('MON-WED,TUE-THU')).toEqual(['MON', 'TUE', 'WED', 'THU']);
  });

  it.each(['', 'MON,,FRI', 'FUNDAY', 'MON-', 'MON-WED-FRI', 'MON-XYZ', '1-5'])('refuses %j with exit 2', (text) => {
    const err = usage(() => parseDays(text));
    expect(err.message).toMatch(/--days/);
    expect(err.hint).toContain('MON-FRI');
  });

  it('writes days back as an operator would', () => {
    expect(describeDays(parseDays('MON-FRI'))).toBe('MON-FRI');
    expect(describeDays(parseDays('MON,WED,FRI'))).toBe('MON,WED,FRI');
    expect(describeDays(parseDays('daily'))).toBe('DAILY');
    expect(describeDays(parseDays('MON-WED,FRI'))).toBe('MON-WED,FRI');
  });

  it('defaults to 05:30 MON-FRI', () => {
    expect(scheduleSpec({})).toEqual({ at: { hour: 5, minute: 30 }, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] });
  });
});

describe('task name', () => {
  it('is a stable slug of the workspace path: same path, same name; another path, another name', () => {
    const a = defaultTaskName('/srv/bpo/Acme Foods/remit', 'linux');
    expect(a).toMatch(/^remit-[0-9a-f]{8}$/);
    expect(defaultTaskName('/srv/bpo/Acme Foods/remit', 'linux')).toBe(a);
    expect(defaultTaskName('/srv/bpo/Acme Foods/remit/', 'linux')).toBe(a);
    expect(defaultTaskName('/srv/bpo/Beta Tools/remit', 'linux')).not.toBe(a);
    expect(defaultTaskName('/srv/bpo/Café & Co', 'linux')).toMatch(/^cafe-co-[0-9a-f]{8}$/);
  });

  it('ignores case and slash direction on Windows, where paths do', () => {
    const a = defaultTaskName('C:\\Clients\\Acme', 'win32');
    expect(defaultTaskName('c:/clients/ACME', 'win32')).toBe(a);
    expect(defaultTaskName('C:\\Clients\\Beta', 'win32')).not.toBe(a);
    expect(a).toMatch(/^acme-[0-9a-f]{8}$/);
  });

  it('checks --name', () => {
    expect(checkTaskName('acme.nightly_1')).toBe('acme.nightly_1');
    for (const bad of ['', '-x', 'a b', 'a/b', 'a\\b', 'x'.repeat(65), 'name.', 'naïve']) usage(() => checkTaskName(bad));
  });

  it('checks --logon and --scheduler', () => {
    expect(parseLogon(undefined)).toBe('interactive');
    expect(parseLogon('password')).toBe('password');
    usage(() => parseLogon('s4u'));
    expect(parseBackend('cron', 'linux')).toBe('cron');
    expect(parseBackend(undefined, 'linux')).toBeUndefined();
    usage(() => parseBackend('launchd', 'linux'));
    usage(() => parseBackend('cron', 'win32'));
  });
});
