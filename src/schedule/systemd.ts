/**
 * Linux, first choice: a systemd user timer and the oneshot service it starts, in
 * `$XDG_CONFIG_HOME/systemd/user` (else `~/.config/systemd/user`), enabled with
 * `systemctl --user`.
 *
 * Quirks worth knowing:
 * - A user's timers run only while that user has a session, unless lingering is on
 *   (`loginctl enable-linger <user>`); install checks and says so.
 * - `Persistent=true` is the catch-up: a start missed while the machine was off runs at the
 *   next boot. A oneshot service already running is not started again, so runs never overlap.
 * - In unit files `%` starts a specifier and `$` an environment variable, in quotes too; both
 *   are doubled. Arguments with spaces are double-quoted with C-style backslash escapes.
 */
import { isAbsolute, posix } from 'node:path';
import { describeDays } from './options.js';
import { checkPrintable } from './printable.js';
import { dayRuns, isEveryDay, pad2, type ScheduleSpec, type ScheduleTarget, type Weekday } from './types.js';

const SYSTEMD_DAY: Record<Weekday, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

/** `remit-<name>`: the stem of both unit files. */
export function unitStem(name: string): string {
  return `remit-${name}`;
}

export function serviceName(name: string): string {
  return `${unitStem(name)}.service`;
}

export function timerName(name: string): string {
  return `${unitStem(name)}.timer`;
}

/** Where systemd looks for a user's own units. */
export function userUnitDir(env: NodeJS.ProcessEnv, userHome: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  return posix.join(xdg && isAbsolute(xdg) ? xdg : posix.join(userHome, '.config'), 'systemd', 'user');
}

/** `Mon..Fri *-*-* 05:30:00`, `Mon,Wed,Fri *-*-* 05:30:00`, or `*-*-* 05:30:00` for every day. */
export function onCalendar(spec: ScheduleSpec): string {
  const time = `*-*-* ${pad2(spec.at.hour)}:${pad2(spec.at.minute)}:00`;
  if (isEveryDay(spec.days)) return time;
  const days = dayRuns(spec.days).map(([from, to]) => (from === to ? SYSTEMD_DAY[from] : `${SYSTEMD_DAY[from]}..${SYSTEMD_DAY[to]}`));
  return `${days.join(',')} ${time}`;
}

/** Doubles `%` and `$`, which systemd expands everywhere in a command line. */
function unexpanded(text: string): string {
  return checkPrintable(text).replace(/%/g, '%%').replace(/\$/g, '$$$$');
}

/** One ExecStart= word: bare when it can be, else double-quoted with `\\` and `\"` escaped. */
export function quoteSystemdArg(arg: string): string {
  const safe = unexpanded(arg);
  if (safe !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(safe)) return safe;
  return `"${safe.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The ExecStart= command line. */
export function execStart(target: ScheduleTarget): string {
  return [target.node, target.remit, '--home', target.workspace, 'run'].map(quoteSystemdArg).join(' ');
}

export function serviceUnit(target: ScheduleTarget): string {
  return [
    `# Written by remit schedule install for the workspace ${checkPrintable(target.workspace)}.`,
    '# Change it with remit schedule install, remove it with remit schedule remove.',
    '#',
    '# The portal passwords are in the Secret Service keyring of the user who ran',
    '# "remit portal add"; this user unit runs as that user. With nobody logged in the keyring',
    '# may be locked: then use the vault (secrets: in remit.yaml) and give its passphrase',
    '# variable with "systemctl --user edit" (Environment=) rather than in this file.',
    '[Unit]',
    `Description=remit nightly run for ${unexpanded(target.workspace)}`,
    '',
    '[Service]',
    'Type=oneshot',
    `WorkingDirectory=${unexpanded(target.workspace)}`,
    `ExecStart=${execStart(target)}`,
    '# A hung run ends before the next night.',
    'TimeoutStartSec=4h',
    '',
  ].join('\n');
}

export function timerUnit(spec: ScheduleSpec, target: ScheduleTarget): string {
  return [
    `# Written by remit schedule install: ${describeDays(spec.days)} at ${pad2(spec.at.hour)}:${pad2(spec.at.minute)}, local time.`,
    '[Unit]',
    `Description=remit nightly run for ${unexpanded(target.workspace)} (${describeDays(spec.days)} ${pad2(spec.at.hour)}:${pad2(spec.at.minute)})`,
    '',
    '[Timer]',
    `OnCalendar=${onCalendar(spec)}`,
    '# Catch up: a start missed while the machine was off runs when it is next up.',
    'Persistent=true',
    'AccuracySec=1min',
    `Unit=${serviceName(target.name)}`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
}
