import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { parseDays } from '../../src/schedule/options.js';
import { execStart, onCalendar, quoteSystemdArg, serviceName, serviceUnit, timerName, timerUnit, userUnitDir } from '../../src/schedule/systemd.js';
import type { ScheduleSpec } from '../../src/schedule/types.js';
import { POSIX_TARGET } from './support.js';

const WEEKDAYS_0530: ScheduleSpec = { at: { hour: 5, minute: 30 }, days: parseDays('MON-FRI') };

/** `[Section]` → key → values, comments dropped, as systemd reads a unit file. */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^[#;]/.test(line)) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = sections[header[1]!] = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 1) throw new Error(`not a unit-file line: ${line}`);
    (current[line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return sections;
}

/** ExecStart= words as systemd splits them: quotes, C escapes, then %% and $$ undone. */
function splitExecStart(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let word = '';
    if (line[i] === '"') {
      for (i++; line[i] !== '"'; i++) {
        if (i >= line.length) throw new Error('unclosed quote');
        if (line[i] === '\\') i++;
        word += line[i];
      }
      i++;
    } else {
      while (i < line.length && line[i] !== ' ') word += line[i++];
    }
    words.push(word.replace(/%%/g, '%').replace(/\$\$/g, '$'));
  }
  return words;
}

describe('systemd user timer', () => {
  it('names the units after the task and lives in the user unit folder', () => {
    expect(serviceName('acme-1a2b3c4d')).toBe('remit-acme-1a2b3c4d.service');
    expect(timerName('acme-1a2b3c4d')).toBe('remit-acme-1a2b3c4d.timer');
    expect(userUnitDir({}, '/home/ann')).toBe('/home/ann/.config/systemd/user');
    expect(userUnitDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/systemd/user');
    expect(userUnitDir({ XDG_CONFIG_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.config/systemd/user');
  });

  it('writes OnCalendar in systemd syntax', () => {
    expect(onCalendar(WEEKDAYS_0530)).toBe('Mon..Fri *-*-* 05:30:00');
    expect(onCalendar({ at: { hour: 22, minute: 5 }, days: parseDays('MON,WED,FRI') })).toBe('Mon,Wed,Fri *-*-* 22:05:00');
    expect(onCalendar({ at: { hour: 0, minute: 0 }, days: parseDays('DAILY') })).toBe('*-*-* 00:00:00');
    expect(onCalendar({ at: { hour: 7, minute: 0 }, days: parseDays('SAT-SUN') })).toBe('Sat..Sun *-*-* 07:00:00');
    expect(onCalendar({ at: { hour: 7, minute: 0 }, days: parseDays('FRI-MON') })).toBe('Mon,Fri..Sun *-*-* 07:00:00');
  });

  it('the service runs remit with absolute paths, --home, the workspace as working folder, once at a time', () => {
    const unit = parseUnit(serviceUnit(POSIX_TARGET));
    expect(unit['Service']!['Type']).toEqual(['oneshot']);
    expect(unit['Service']!['WorkingDirectory']).toEqual(["/home/ann/AR & Cash/Client's <Books> 100%%"]);
    const exec = unit['Service']!['ExecStart']!;
    expect(exec).toHaveLength(1);
    expect(exec[0]).toBe(`"/opt/node v20/bin/node" /opt/remit/bin/remit --home "/home/ann/AR & Cash/Client's <Books> 100%%" run`);
    expect(splitExecStart(exec[0]!)).toEqual([POSIX_TARGET.node, POSIX_TARGET.remit, '--home', POSIX_TARGET.workspace, 'run']);
    expect(unit['Service']!['TimeoutStartSec']).toEqual(['4h']);
    expect(unit['Unit']!['Description']![0]).toContain('remit nightly run');
    expect(serviceUnit(POSIX_TARGET)).toContain('Secret Service');
  });

  it('the timer catches up after a night the machine was off and starts the service', () => {
    const unit = parseUnit(timerUnit(WEEKDAYS_0530, POSIX_TARGET));
    expect(unit['Timer']).toEqual({
      OnCalendar: ['Mon..Fri *-*-* 05:30:00'],
      Persistent: ['true'],
      AccuracySec: ['1min'],
      Unit: ['remit-client-books-1a2b3c4d.service'],
    });
    expect(unit['Install']).toEqual({ WantedBy: ['timers.target'] });
  });

  it('quotes and escapes what systemd would otherwise expand or split', () => {
    expect(quoteSystemdArg('/usr/bin/node')).toBe('/usr/bin/node');
    expect(quoteSystemdArg('/a b')).toBe('"/a b"');
    expect(quoteSystemdArg('/a$HOME')).toBe('"/a$$HOME"');
    expect(quoteSystemdArg('/100%')).toBe('/100%%');
    expect(quoteSystemdArg('/a"b\\c')).toBe('"/a\\"b\\\\c"');
    const odd = { ...POSIX_TARGET, workspace: '/srv/a"b\\c $USER %h' };
    expect(splitExecStart(execStart(odd))).toEqual([odd.node, odd.remit, '--home', odd.workspace, 'run']);
    expect(() => serviceUnit({ ...POSIX_TARGET, workspace: '/srv/two\nlines' })).toThrow(UsageError);
  });
});
