/**
 * macOS: a per-user launchd agent, `~/Library/LaunchAgents/com.remit.<name>.plist`, loaded
 * into the user's GUI domain (`launchctl bootstrap gui/<uid>`), where the login keychain
 * that holds the portal passwords is open.
 *
 * Quirks worth knowing:
 * - An agent runs only while its user is logged in (a locked screen is fine).
 * - StartCalendarInterval catches up after sleep (missed starts run once on wake) but not
 *   after the machine was off; the next night's run fetches the missed days.
 * - launchd starts one instance of a job at a time, so runs never overlap.
 */
import { posix } from 'node:path';
import { pad2, isEveryDay, jsDay, WEEKDAYS, type ScheduleSpec, type ScheduleTarget } from './types.js';
import { element } from './xml.js';

export function launchdLabel(name: string): string {
  return `com.remit.${name}`;
}

export function launchAgentPath(userHome: string, name: string): string {
  return posix.join(userHome, 'Library', 'LaunchAgents', `${launchdLabel(name)}.plist`);
}

function calendarEntry(spec: ScheduleSpec, weekday: number | undefined, indent: string): string[] {
  return [
    `${indent}<dict>`,
    ...(weekday === undefined ? [] : [`${indent}  <key>Weekday</key>`, `${indent}  <integer>${weekday}</integer>`]),
    `${indent}  <key>Hour</key>`,
    `${indent}  <integer>${spec.at.hour}</integer>`,
    `${indent}  <key>Minute</key>`,
    `${indent}  <integer>${spec.at.minute}</integer>`,
    `${indent}</dict>`,
  ];
}

export function launchdPlist(spec: ScheduleSpec, target: ScheduleTarget): string {
  const logs = posix.join(target.workspace, 'logs');
  const args = [target.node, target.remit, '--home', target.workspace, 'run'];
  // One dict per weekday (launchd counts Sunday 0); every day is one dict with no Weekday.
  const calendar = isEveryDay(spec.days)
    ? calendarEntry(spec, undefined, '    ')
    : WEEKDAYS.filter((day) => spec.days.includes(day)).flatMap((day) => calendarEntry(spec, jsDay(day), '    '));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    `<!-- Written by remit schedule install (${pad2(spec.at.hour)}:${pad2(spec.at.minute)} local time). The portal passwords are in the`,
    '     login keychain of the user who ran "remit portal add": this agent runs as that user. -->',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  ${element('string', launchdLabel(target.name))}`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...args.map((arg) => `    ${element('string', arg)}`),
    '  </array>',
    '  <key>WorkingDirectory</key>',
    `  ${element('string', target.workspace)}`,
    '  <key>StartCalendarInterval</key>',
    '  <array>',
    ...calendar,
    '  </array>',
    '  <key>StandardOutPath</key>',
    `  ${element('string', posix.join(logs, 'launchd.out.log'))}`,
    '  <key>StandardErrorPath</key>',
    `  ${element('string', posix.join(logs, 'launchd.err.log'))}`,
    '  <key>RunAtLoad</key>',
    '  <false/>',
    '  <key>ProcessType</key>',
    '  <string>Background</string>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

export function launchctlBootstrapArgs(uid: number, plist: string): string[] {
  return ['bootstrap', `gui/${uid}`, plist];
}

export function launchctlBootoutArgs(uid: number, name: string): string[] {
  return ['bootout', `gui/${uid}/${launchdLabel(name)}`];
}

export function launchctlPrintArgs(uid: number, name: string): string[] {
  return ['print', `gui/${uid}/${launchdLabel(name)}`];
}
