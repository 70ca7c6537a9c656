import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { cronDays, cronLine, findCronLine, shQuote, withCronLine } from '../../src/schedule/cron.js';
import { parseDays } from '../../src/schedule/options.js';
import type { ScheduleSpec } from '../../src/schedule/types.js';
import { POSIX_TARGET } from './support.js';

const WEEKDAYS_0530: ScheduleSpec = { at: { hour: 5, minute: 30 }, days: parseDays('MON-FRI') };
const PLAIN = { ...POSIX_TARGET, workspace: '/srv/remit/acme', node: '/usr/bin/node', remit: '/opt/remit/bin/remit', name: 'acme-1a2b3c4d' };

/** What cron hands to /bin/sh: `\%` becomes `%` (an unescaped % would end the command). */
function cronCommand(line: string): string {
  const fields = line.split(' ');
  return fields.slice(5).join(' ').replace(/\\%/g, '%');
}

describe('crontab line', () => {
  it('is the documented line for a plain workspace', () => {
    expect(cronLine(WEEKDAYS_0530, PLAIN)).toBe(
      '30 5 * * 1-5 cd /srv/remit/acme && /usr/bin/node /opt/remit/bin/remit --home /srv/remit/acme run >> /srv/remit/acme/logs/cron.log 2>&1 # remit:acme-1a2b3c4d',
    );
  });

  it('writes the day-of-week field with Sunday 0', () => {
    expect(cronDays(parseDays('MON-FRI'))).toBe('1-5');
    expect(cronDays(parseDays('MON,WED,FRI'))).toBe('1,3,5');
    expect(cronDays(parseDays('SAT-SUN'))).toBe('0,6');
    expect(cronDays(parseDays('DAILY'))).toBe('*');
    expect(cronDays(parseDays('FRI-MON'))).toBe('0,1,5,6');
    expect(cronDays(parseDays('SUN-WED'))).toBe('0-3');
    expect(cronLine({ at: { hour: 22, minute: 5 }, days: parseDays('DAILY') }, PLAIN)).toMatch(/^5 22 \* \* \* /);
  });

  it('quotes paths with spaces, quotes and percent signs so the shell gets them back intact', () => {
    const line = cronLine(WEEKDAYS_0530, POSIX_TARGET);
    expect(line).toContain(`'/opt/node v20/bin/node'`);
    expect(line).toContain('100\\%');
    expect(line.endsWith(' # remit:client-books-1a2b3c4d')).toBe(true);
    // Let a real /bin/sh parse the command (with the program names swapped for printf) and check the words.
    const command = cronCommand(line).replace(/ # remit:.*$/, '');
    const probe = command
      .replace(/^cd .*? && /, '')
      .replace(`'/opt/node v20/bin/node'`, `printf '%s\\n'`)
      .replace(/ >> .*$/, '');
    const words = execFileSync('/bin/sh', ['-c', probe], { encoding: 'utf8' }).split('\n').slice(0, -1);
    expect(words).toEqual([POSIX_TARGET.remit, '--home', POSIX_TARGET.workspace, 'run']);
    expect(command).toContain(`cd ${shQuote(POSIX_TARGET.workspace)} && `);
    expect(command).toContain(`>> ${shQuote(`${POSIX_TARGET.workspace}/logs/cron.log`)} 2>&1`);
  });

  it('single-quotes with the usual close-escape-open for an apostrophe', () => {
    expect(shQuote('/plain/path')).toBe('/plain/path');
    expect(shQuote("/a b/it's")).toBe(`'/a b/it'\\''s'`);
    expect(() => shQuote('/two\nlines')).toThrow(UsageError);
  });

  it('replaces only its own tagged line, keeps the others, appends when absent, removes cleanly', () => {
    const mine = cronLine(WEEKDAYS_0530, PLAIN);
    const other = '0 * * * * /usr/local/bin/backup # remit:other-99999999';
    const theirs = `MAILTO=ops@example.com\n# nightly backup\n15 1 * * * /usr/local/bin/backup\n${other}\n`;
    const added = withCronLine(theirs, PLAIN.name, mine);
    expect(added).toBe(`${theirs}${mine}\n`);
    const old = '0 4 * * 1-5 cd /old && node remit run # remit:acme-1a2b3c4d';
    const replaced = withCronLine(`MAILTO=x\n${old}\n15 1 * * * backup\n${old}\n`, PLAIN.name, mine);
    expect(replaced).toBe(`MAILTO=x\n${mine}\n15 1 * * * backup\n`);
    expect(withCronLine(added, PLAIN.name, mine)).toBe(added);
    expect(findCronLine(added, PLAIN.name)).toBe(mine);
    expect(findCronLine(added, 'acme')).toBeUndefined();
    expect(withCronLine(added, PLAIN.name, undefined)).toBe(theirs);
    expect(withCronLine('', PLAIN.name, mine)).toBe(`${mine}\n`);
    expect(withCronLine(`${mine}\n`, PLAIN.name, undefined)).toBe('');
    expect(withCronLine('0 1 * * * x', PLAIN.name, mine)).toBe(`0 1 * * * x\n${mine}\n`);
  });
});
