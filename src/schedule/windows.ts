/**
 * Windows Task Scheduler: the task definition (schema 1.2, Windows 7 and later) and the
 * schtasks.exe arguments that register, query and delete it.
 *
 * The XML goes to schtasks as UTF-16LE with a byte-order mark and a matching
 * `encoding="UTF-16"` declaration, which is what Task Scheduler itself exports and what
 * `schtasks /Create /XML` reads without guessing.
 *
 * Quirks worth knowing:
 * - Task Scheduler starts programs in System32 unless told otherwise, so WorkingDirectory is
 *   the workspace and `--home` is passed explicitly.
 * - It expands %VARIABLES% in the command, arguments and working directory; there is no
 *   escape, so a workspace path with %NAME% in it is refused.
 * - RestartOnFailure covers a task that could not be started; a run that exits non-zero is
 *   not restarted: the next night's run catches up instead.
 */
import { UsageError } from '../core/errors.js';
import { nextRun } from './next-run.js';
import { WEEKDAYS, isEveryDay, pad2, type ScheduleSpec, type ScheduleTarget, type Weekday } from './types.js';
import { element } from './xml.js';

export const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';
export const TASK_FOLDER = '\\remit';
/** Long enough for a year of catch-up on a slow portal, short enough that a hung run ends before the next night. */
export const EXECUTION_TIME_LIMIT = 'PT4H';

const DAY_ELEMENT: Record<Weekday, string> = {
  MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday',
};

/** `\remit\<name>`: every remit task lives in one Task Scheduler folder. */
export function taskPath(name: string): string {
  return `${TASK_FOLDER}\\${name}`;
}

/**
 * One argument as the Microsoft C runtime (and so node.exe) splits a command line: quoted,
 * with backslashes doubled only where they precede a quote, including the closing one
 * (`C:\` becomes `"C:\\"`, not `"C:\"` which would swallow the quote).
 */
export function quoteWindowsArg(arg: string): string {
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    if (ch === '"') {
      out += `${'\\'.repeat(backslashes * 2 + 1)}"`;
    } else {
      out += `${'\\'.repeat(backslashes)}${ch}`;
    }
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/** The Exec arguments: `"<bin\remit>" --home "<workspace>" run`. */
export function taskArguments(target: ScheduleTarget): string {
  return `${quoteWindowsArg(target.remit)} --home ${quoteWindowsArg(target.workspace)} run`;
}

function checkNoVariables(target: ScheduleTarget): void {
  for (const [what, path] of [['node', target.node], ['remit', target.remit], ['workspace', target.workspace]] as const) {
    if (/%[^%\\/]+%/.test(path)) {
      throw new UsageError(`the ${what} path ${path} contains %...%, which Task Scheduler would replace with an environment variable`, 'use a folder whose name has no percent signs');
    }
  }
}

function localDateTime(date: Date, hour: number, minute: number): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}T${pad2(hour)}:${pad2(minute)}:00`;
}

export interface TaskXmlOptions {
  /** When the task is written: RegistrationInfo/Date and the first start day. */
  now: Date;
}

/** The task definition as text (the caller encodes it with taskXmlBytes). */
export function taskXml(spec: ScheduleSpec, target: ScheduleTarget, options: TaskXmlOptions): string {
  checkNoVariables(target);
  // The first start is the next one to come, never one already past today: with
  // StartWhenAvailable a boundary in the past could start a run the moment the task is made.
  const first = nextRun(spec, options.now) ?? options.now;
  const schedule = isEveryDay(spec.days)
    ? ['      <ScheduleByDay>', '        <DaysInterval>1</DaysInterval>', '      </ScheduleByDay>']
    : [
        '      <ScheduleByWeek>',
        '        <DaysOfWeek>',
        ...WEEKDAYS.filter((day) => spec.days.includes(day)).map((day) => `          <${DAY_ELEMENT[day]} />`),
        '        </DaysOfWeek>',
        '        <WeeksInterval>1</WeeksInterval>',
        '      </ScheduleByWeek>',
      ];
  const logonType = target.logon === 'password' ? 'Password' : 'InteractiveToken';
  const lines = [
    '<?xml version="1.0" encoding="UTF-16"?>',
    `<Task version="1.2" xmlns="${TASK_NAMESPACE}">`,
    '  <RegistrationInfo>',
    `    ${element('Date', localDateTime(options.now, options.now.getHours(), options.now.getMinutes()))}`,
    `    ${element('Author', target.user)}`,
    `    ${element('Description', `remit nightly run (fetch, import, match) for the workspace ${target.workspace}. Written by remit schedule install; change it with remit schedule install or remove it with remit schedule remove.`)}`,
    `    ${element('URI', taskPath(target.name))}`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <CalendarTrigger>',
    `      ${element('StartBoundary', localDateTime(first, spec.at.hour, spec.at.minute))}`,
    '      <Enabled>true</Enabled>',
    ...schedule,
    '    </CalendarTrigger>',
    '  </Triggers>',
    '  <!--',
    '    Who runs the task. The portal passwords are in the Windows Credential Manager of the',
    '    user who ran "remit portal add", and only that user can read them: the task must run',
    '    as that same user.',
    '    InteractiveToken: runs only while that user is logged on (a locked screen is fine).',
    '    Password: "Run whether user is logged on or not"; Task Scheduler keeps the Windows',
    '    password (the "logon password" option of remit schedule install). Do not choose',
    '    "Do not store password" (S4U): such a task cannot open the Credential Manager.',
    '  -->',
    '  <Principals>',
    '    <Principal id="Author">',
    `      ${element('UserId', target.user)}`,
    `      ${element('LogonType', logonType)}`,
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <!-- A run still going when the next one is due keeps going; the new one is not started. -->',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <!-- Catch up: a start missed while the machine was off or asleep runs as soon as it can. -->',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <RunOnlyIfIdle>false</RunOnlyIfIdle>',
    '    <WakeToRun>true</WakeToRun>',
    `    <ExecutionTimeLimit>${EXECUTION_TIME_LIMIT}</ExecutionTimeLimit>`,
    '    <Priority>7</Priority>',
    '    <RestartOnFailure>',
    '      <Interval>PT30M</Interval>',
    '      <Count>2</Count>',
    '    </RestartOnFailure>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      ${element('Command', target.node)}`,
    `      ${element('Arguments', taskArguments(target))}`,
    `      ${element('WorkingDirectory', target.workspace)}`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** UTF-16LE with a byte-order mark, as the declaration says. */
export function taskXmlBytes(xml: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
}

/** Back from taskXmlBytes or from `schtasks /Query /XML` output (which may come without a BOM). */
export function decodeTaskXml(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  return buffer.toString('utf8');
}

/**
 * `schtasks /Create`. /F replaces an earlier task of the same name. With the Password logon
 * schtasks is given /RU but no /RP, so it asks for the Windows password itself on the
 * terminal: remit never sees or stores it.
 */
export function schtasksCreateArgs(target: ScheduleTarget, xmlFile: string): string[] {
  const args = ['/Create', '/TN', taskPath(target.name), '/XML', xmlFile, '/F'];
  if (target.logon === 'password') args.push('/RU', target.user);
  return args;
}

export function schtasksQueryArgs(name: string): string[] {
  return ['/Query', '/TN', taskPath(name), '/XML'];
}

export function schtasksDeleteArgs(name: string): string[] {
  return ['/Delete', '/TN', taskPath(name), '/F'];
}
