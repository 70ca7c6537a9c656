import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../src/core/errors.js';
import { parseDays } from '../../src/schedule/options.js';
import type { ScheduleSpec } from '../../src/schedule/types.js';
import {
  TASK_NAMESPACE,
  decodeTaskXml,
  quoteWindowsArg,
  schtasksCreateArgs,
  schtasksDeleteArgs,
  schtasksQueryArgs,
  taskArguments,
  taskXml,
  taskXmlBytes,
} from '../../src/schedule/windows.js';
import { WINDOWS_TARGET } from './support.js';
import { at, decodeUtf16Task, parseXml, textAt } from './xml-check.js';

const WEEKDAYS_0530: ScheduleSpec = { at: { hour: 5, minute: 30 }, days: parseDays('MON-FRI') };
// Friday noon: the next start is Monday 05:30.
const NOW = new Date(2025, 0, 3, 12, 0, 0);

function task(spec = WEEKDAYS_0530, target = WINDOWS_TARGET) {
  const bytes = taskXmlBytes(taskXml(spec, target, { now: NOW }));
  const text = decodeUtf16Task(bytes);
  return { bytes, text, doc: parseXml(text) };
}

/**
 * How the Microsoft C runtime (node.exe included) splits a command line, to check the
 * Arguments element round-trips to exactly the argv remit expects.
 */
function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const ch = line[i]!;
      if (ch === '\\') {
        let n = 0;
        while (line[i] === '\\') {
          n++;
          i++;
        }
        if (line[i] === '"') {
          arg += '\\'.repeat(Math.floor(n / 2));
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
        continue;
      }
      if (ch === '"') {
        quoted = !quoted;
        continue;
      }
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      arg += ch;
    }
    args.push(arg);
  }
  return args;
}

describe('Windows Task Scheduler task XML', () => {
  it('is UTF-16LE with a BOM and a declaration that says UTF-16', () => {
    const { bytes, doc, text } = task();
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]); // BOM, then "<" in UTF-16LE
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-16"?>')).toBe(true);
    expect(doc.declaration).toEqual({ version: '1.0', encoding: 'UTF-16' });
    expect(decodeTaskXml(bytes)).toBe(text);
  });

  it('has one Task root in the task namespace, schema 1.2, and every required part', () => {
    const { root } = task().doc;
    expect(root.name).toBe('Task');
    expect(root.attributes).toEqual({ version: '1.2', xmlns: TASK_NAMESPACE });
    expect(root.children.map((child) => child.name)).toEqual(['RegistrationInfo', 'Triggers', 'Principals', 'Settings', 'Actions']);
  });

  it('registers under \\remit\\<name> with a description naming the workspace', () => {
    const { root } = task().doc;
    expect(textAt(root, 'RegistrationInfo/URI')).toBe('\\remit\\client-books-1a2b3c4d');
    expect(textAt(root, 'RegistrationInfo/Author')).toBe('ACME\\ann');
    expect(textAt(root, 'RegistrationInfo/Description')).toContain('C:\\Users\\Ann Lee\\AR & Cash <Books>');
    expect(textAt(root, 'RegistrationInfo/Date')).toBe('2025-01-03T12:00:00');
  });

  it('starts Monday to Friday at 05:30 with a weekly calendar trigger whose first start is still to come', () => {
    const { root } = task().doc;
    const trigger = at(root, 'Triggers/CalendarTrigger');
    expect(textAt(trigger, 'StartBoundary')).toBe('2025-01-06T05:30:00');
    expect(textAt(trigger, 'Enabled')).toBe('true');
    expect(at(trigger, 'ScheduleByWeek/DaysOfWeek').children.map((day) => day.name)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
    expect(textAt(trigger, 'ScheduleByWeek/WeeksInterval')).toBe('1');
  });

  it('uses ScheduleByDay for DAILY and only the chosen days otherwise', () => {
    const daily = at(task({ at: { hour: 22, minute: 5 }, days: parseDays('DAILY') }).doc.root, 'Triggers/CalendarTrigger');
    expect(textAt(daily, 'ScheduleByDay/DaysInterval')).toBe('1');
    expect(daily.children.some((child) => child.name === 'ScheduleByWeek')).toBe(false);
    // Friday noon, 22:05 every day: tonight.
    expect(textAt(daily, 'StartBoundary')).toBe('2025-01-03T22:05:00');
    const mwf = at(task({ at: { hour: 5, minute: 30 }, days: parseDays('MON,WED,FRI') }).doc.root, 'Triggers/CalendarTrigger');
    expect(at(mwf, 'ScheduleByWeek/DaysOfWeek').children.map((day) => day.name)).toEqual(['Monday', 'Wednesday', 'Friday']);
    const weekend = at(task({ at: { hour: 7, minute: 0 }, days: parseDays('SAT-SUN') }).doc.root, 'Triggers/CalendarTrigger');
    expect(at(weekend, 'ScheduleByWeek/DaysOfWeek').children.map((day) => day.name)).toEqual(['Saturday', 'Sunday']);
    expect(textAt(weekend, 'StartBoundary')).toBe('2025-01-04T07:00:00');
  });

  it('runs as the current user with an interactive token by default, or the stored password when asked', () => {
    const { root, comments } = task().doc;
    expect(at(root, 'Principals/Principal').attributes).toEqual({ id: 'Author' });
    expect(textAt(root, 'Principals/Principal/UserId')).toBe('ACME\\ann');
    expect(textAt(root, 'Principals/Principal/LogonType')).toBe('InteractiveToken');
    expect(textAt(root, 'Principals/Principal/RunLevel')).toBe('LeastPrivilege');
    const note = comments.join('\n');
    expect(note).toContain('Run whether user is logged on or not');
    expect(note).toContain('Credential Manager');
    expect(note).toContain('remit portal add');
    const password = task(WEEKDAYS_0530, { ...WINDOWS_TARGET, logon: 'password' }).doc.root;
    expect(textAt(password, 'Principals/Principal/LogonType')).toBe('Password');
  });

  it('has the settings an unattended night needs', () => {
    const settings = at(task().doc.root, 'Settings');
    const value = (name: string) => textAt(settings, name);
    expect(value('MultipleInstancesPolicy')).toBe('IgnoreNew');
    expect(value('ExecutionTimeLimit')).toBe('PT4H');
    expect(value('WakeToRun')).toBe('true');
    expect(value('StartWhenAvailable')).toBe('true');
    expect(value('DisallowStartIfOnBatteries')).toBe('false');
    expect(value('StopIfGoingOnBatteries')).toBe('false');
    expect(value('Enabled')).toBe('true');
    expect(value('RestartOnFailure/Interval')).toBe('PT30M');
    expect(value('RestartOnFailure/Count')).toBe('2');
  });

  it('starts node by absolute path with the quoted remit script, --home and the workspace as working folder', () => {
    const { root } = task().doc;
    const exec = at(root, 'Actions/Exec');
    expect(at(root, 'Actions').attributes).toEqual({ Context: 'Author' });
    expect(exec.children.map((child) => child.name)).toEqual(['Command', 'Arguments', 'WorkingDirectory']);
    expect(textAt(exec, 'Command')).toBe('C:\\Program Files\\nodejs\\node.exe');
    expect(textAt(exec, 'Command')).toMatch(/^[A-Z]:\\/);
    const args = textAt(exec, 'Arguments');
    expect(args).toBe('"C:\\Users\\Ann Lee\\AppData\\Roaming\\npm\\node_modules\\remit\\bin\\remit" --home "C:\\Users\\Ann Lee\\AR & Cash <Books>" run');
    expect(splitWindowsCommandLine(args)).toEqual([WINDOWS_TARGET.remit, '--home', WINDOWS_TARGET.workspace, 'run']);
    expect(textAt(exec, 'WorkingDirectory')).toBe(WINDOWS_TARGET.workspace);
    expect(textAt(exec, 'WorkingDirectory')).not.toMatch(/system32/i);
  });

  it('escapes & and < in the raw text', () => {
    const { text } = task();
    expect(text).toContain('AR &amp; Cash &lt;Books&gt;');
    expect(text).not.toContain('AR & Cash');
    expect(text).not.toContain('<Books>');
  });

  it('refuses paths Task Scheduler would expand or XML cannot hold', () => {
    for (const workspace of ['C:\\%USERNAME%\\remit', 'C:\\re\u0001mit']) {
      try {
        taskXml(WEEKDAYS_0530, { ...WINDOWS_TARGET, workspace }, { now: NOW });
        throw new Error('expected a refusal');
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        expect((err as UsageError).exitCode).toBe(ExitCode.usage);
      }
    }
    // A lone percent sign is just a character.
    expect(() => taskXml(WEEKDAYS_0530, { ...WINDOWS_TARGET, workspace: 'C:\\100% books' }, { now: NOW })).not.toThrow();
  });

  it('quotes arguments the way node.exe splits them, trailing backslashes included', () => {
    expect(quoteWindowsArg('C:\\')).toBe('"C:\\\\"');
    expect(quoteWindowsArg('C:\\Program Files\\x')).toBe('"C:\\Program Files\\x"');
    expect(quoteWindowsArg('C:\\dir\\')).toBe('"C:\\dir\\\\"');
    for (const path of ['C:\\', 'D:\\AR\\', '\\\\server\\share\\AR Books', 'C:\\a "quoted" name\\', 'plain']) {
      expect(splitWindowsCommandLine(`${quoteWindowsArg(path)} next`)).toEqual([path, 'next']);
    }
    const target = { ...WINDOWS_TARGET, workspace: 'D:\\' };
    expect(splitWindowsCommandLine(taskArguments(target))).toEqual([target.remit, '--home', 'D:\\', 'run']);
  });

  it('gives schtasks the task path, the XML file and /F; /RU only for the password logon', () => {
    expect(schtasksCreateArgs(WINDOWS_TARGET, 'C:\\ws\\schedule\\task.xml')).toEqual(['/Create', '/TN', '\\remit\\client-books-1a2b3c4d', '/XML', 'C:\\ws\\schedule\\task.xml', '/F']);
    expect(schtasksCreateArgs({ ...WINDOWS_TARGET, logon: 'password' }, 'x.xml')).toEqual(['/Create', '/TN', '\\remit\\client-books-1a2b3c4d', '/XML', 'x.xml', '/F', '/RU', 'ACME\\ann']);
    expect(schtasksQueryArgs('n')).toEqual(['/Query', '/TN', '\\remit\\n', '/XML']);
    expect(schtasksDeleteArgs('n')).toEqual(['/Delete', '/TN', '\\remit\\n', '/F']);
  });

  it('the checker itself rejects broken XML', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => parseXml('<a></a><b></b>')).toThrow(/second root/);
    expect(() => parseXml('<a>AR & Cash</a>')).toThrow(/bare &/);
    expect(() => parseXml('<a><!-- x -- y --></a>')).toThrow(/--/);
    expect(() => parseXml('<a x="1" x="2"></a>')).toThrow(/twice/);
    expect(() => parseXml('<a>')).toThrow(/never closed/);
    expect(() => decodeUtf16Task(Buffer.from('<a/>', 'utf8'))).toThrow(/byte-order mark/);
  });
});
