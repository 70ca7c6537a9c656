/**
 * Registering, finding and removing a definition with the OS scheduler, through a
 * SchedulerHost. Every step a scheduler might refuse is checked and reported in the
 * operator's words with what the tool said.
 */
import { join } from 'node:path';
import { ExitCode, RemitError, oneLine } from '../core/errors.js';
import { findCronLine, withCronLine } from './cron.js';
import type { ScheduleDefinition } from './definition.js';
import type { CommandResult, SchedulerHost } from './host.js';
import { launchAgentPath, launchctlBootoutArgs, launchctlBootstrapArgs, launchctlPrintArgs } from './launchd.js';
import { backendsFor } from './options.js';
import { scheduleDir } from './record.js';
import { serviceName, timerName, userUnitDir } from './systemd.js';
import type { Backend } from './types.js';
import { schtasksCreateArgs, schtasksDeleteArgs, schtasksQueryArgs, taskPath } from './windows.js';

/** The OS scheduler refused or could not be reached: exit 1, with what it said. */
export class SchedulerError extends RemitError {
  constructor(message: string, hint?: string) {
    super('schedule', oneLine(message), { exitCode: ExitCode.failures, ...(hint ? { hint } : {}) });
    this.name = 'SchedulerError';
  }
}

function said(result: CommandResult): string {
  return oneLine(result.stderr.trim() || result.stdout.trim() || `exit code ${result.code}`, 200);
}

function failed(what: string, result: CommandResult, hint?: string): SchedulerError {
  return new SchedulerError(`${what} failed: ${said(result)}`, result.code === 127 ? 'the scheduler tool is not installed or not on PATH' : hint);
}

/** Where the scheduler keeps things, for the backends that read files outside the workspace. */
export interface HostPlaces {
  env: NodeJS.ProcessEnv;
  userHome: string;
  workspace: string;
  /** macOS: the user's id, for launchctl's gui/<uid> domain. */
  uid: number | undefined;
  user: string;
}

/**
 * The scheduler for this platform. On Linux the systemd user instance when it answers
 * (containers, WSL and minimal servers often have none), else cron.
 */
export async function chooseBackend(platform: NodeJS.Platform, host: SchedulerHost): Promise<Backend> {
  const choices = backendsFor(platform);
  if (choices.includes('systemd')) {
    const probe = await host.run('systemctl', ['--user', 'show-environment']);
    if (probe.code === 0) return 'systemd';
  }
  return choices[choices.length - 1]!;
}

async function readCrontab(host: SchedulerHost): Promise<string | undefined> {
  const result = await host.run('crontab', ['-l']);
  if (result.code === 0) return result.stdout;
  if (result.code === 127) return undefined;
  if (/no crontab/i.test(result.stderr)) return '';
  throw failed('crontab -l', result);
}

function uidOf(places: HostPlaces): number {
  if (places.uid === undefined) throw new SchedulerError('cannot tell the user id for launchctl');
  return places.uid;
}

export interface InstallOutcome {
  /** Things the operator should do or know (lingering off, ...). */
  warnings: string[];
}

/** Write the definition and register it; replaces an earlier task of the same name. */
export async function installDefinition(def: ScheduleDefinition, host: SchedulerHost, places: HostPlaces): Promise<InstallOutcome> {
  const warnings: string[] = [];
  for (const file of def.files) await host.writeFile(file.path, file.bytes);
  const name = def.target.name;
  switch (def.backend) {
    case 'task-scheduler': {
      const file = def.files[0]!.path;
      const interactive = def.target.logon === 'password';
      const result = await host.run('schtasks', schtasksCreateArgs(def.target, file), interactive ? { interactive } : {});
      if (result.code !== 0) {
        throw failed(`schtasks /Create ${taskPath(name)}`, result, `the task definition is in ${file}; Task Scheduler can also import it (Action > Import Task)`);
      }
      break;
    }
    case 'systemd': {
      const reload = await host.run('systemctl', ['--user', 'daemon-reload']);
      if (reload.code !== 0) throw failed('systemctl --user daemon-reload', reload);
      const enable = await host.run('systemctl', ['--user', 'enable', '--now', timerName(name)]);
      if (enable.code !== 0) throw failed(`systemctl --user enable --now ${timerName(name)}`, enable);
      const linger = await host.run('loginctl', ['show-user', places.user, '--property=Linger']);
      if (linger.code !== 0 || /Linger=no/.test(linger.stdout)) {
        warnings.push(`systemd runs ${places.user}'s timers only while ${places.user} is logged in: run "loginctl enable-linger ${places.user}" so the nightly run starts with nobody logged in`);
      }
      break;
    }
    case 'cron': {
      await host.makeDir(join(def.target.workspace, 'logs'));
      const current = await readCrontab(host);
      if (current === undefined) throw new SchedulerError('crontab is not installed', 'install cron (Debian/Ubuntu: apt install cron) or use a systemd user timer');
      const next = withCronLine(current, name, def.cronLine);
      if (next !== current) {
        const write = await host.run('crontab', ['-'], { input: next });
        if (write.code !== 0) throw failed('crontab -', write);
      }
      break;
    }
    case 'launchd': {
      await host.makeDir(join(def.target.workspace, 'logs'));
      const uid = uidOf(places);
      const plist = def.files[0]!.path;
      // An agent already loaded keeps its old definition until it is booted out.
      await host.run('launchctl', launchctlBootoutArgs(uid, name));
      const boot = await host.run('launchctl', launchctlBootstrapArgs(uid, plist));
      if (boot.code !== 0) {
        // Older macOS, or a session launchctl cannot address by uid: the legacy verb.
        const load = await host.run('launchctl', ['load', '-w', plist]);
        if (load.code !== 0) throw failed(`launchctl bootstrap gui/${uid} ${plist}`, boot);
      }
      break;
    }
  }
  return { warnings };
}

/**
 * Take a task off one scheduler and delete its files. Returns what was found and removed
 * (empty when there was nothing); a scheduler that is not there has nothing to remove.
 */
export async function removeTask(name: string, backend: Backend, host: SchedulerHost, places: HostPlaces): Promise<string[]> {
  const removed: string[] = [];
  switch (backend) {
    case 'task-scheduler': {
      const query = await host.run('schtasks', schtasksQueryArgs(name));
      if (query.code === 0) {
        const del = await host.run('schtasks', schtasksDeleteArgs(name));
        if (del.code !== 0) throw failed(`schtasks /Delete ${taskPath(name)}`, del);
        removed.push(`Task Scheduler task ${taskPath(name)}`);
      }
      const xml = join(scheduleDir(places.workspace), 'task.xml');
      if (await host.removeFile(xml)) removed.push(xml);
      break;
    }
    case 'systemd': {
      const dir = userUnitDir(places.env, places.userHome);
      const files = [join(dir, timerName(name)), join(dir, serviceName(name))];
      const present: string[] = [];
      for (const file of files) if ((await host.readFile(file)) !== undefined) present.push(file);
      if (present.length) {
        await host.run('systemctl', ['--user', 'disable', '--now', timerName(name)]);
        for (const file of present) if (await host.removeFile(file)) removed.push(file);
        await host.run('systemctl', ['--user', 'daemon-reload']);
      }
      break;
    }
    case 'cron': {
      const current = await readCrontab(host);
      if (current && findCronLine(current, name) !== undefined) {
        const write = await host.run('crontab', ['-'], { input: withCronLine(current, name, undefined) });
        if (write.code !== 0) throw failed('crontab -', write);
        removed.push(`crontab line tagged # remit:${name}`);
      }
      break;
    }
    case 'launchd': {
      const plist = launchAgentPath(places.userHome, name);
      const there = (await host.readFile(plist)) !== undefined;
      if (there && places.uid !== undefined) await host.run('launchctl', launchctlBootoutArgs(places.uid, name));
      if (await host.removeFile(plist)) removed.push(plist);
      break;
    }
  }
  return removed;
}

export interface InstalledState {
  /** undefined when the host could not be asked. */
  installed: boolean | undefined;
  /** The definition as the scheduler holds it, where it can say. */
  definition?: string;
  /** The next start as the scheduler reports it, in its own words. */
  nextRun?: string;
}

/** Ask the scheduler whether this task is there. */
export async function inspectTask(name: string, backend: Backend, host: SchedulerHost, places: HostPlaces): Promise<InstalledState> {
  switch (backend) {
    case 'task-scheduler': {
      const query = await host.run('schtasks', schtasksQueryArgs(name));
      if (query.code === 127) return { installed: undefined };
      return query.code === 0 ? { installed: true, definition: query.stdout } : { installed: false };
    }
    case 'systemd': {
      const enabled = await host.run('systemctl', ['--user', 'is-enabled', timerName(name)]);
      if (enabled.code === 127) return { installed: undefined };
      if (enabled.stdout.trim() !== 'enabled') return { installed: false };
      const show = await host.run('systemctl', ['--user', 'show', timerName(name), '--property=NextElapseUSecRealtime', '--value']);
      const next = show.code === 0 ? show.stdout.trim() : '';
      return { installed: true, ...(next && next !== 'n/a' ? { nextRun: next } : {}) };
    }
    case 'cron': {
      const current = await host.run('crontab', ['-l']);
      if (current.code === 127) return { installed: undefined };
      const line = current.code === 0 ? findCronLine(current.stdout, name) : undefined;
      return line === undefined ? { installed: false } : { installed: true, definition: `${line}\n` };
    }
    case 'launchd': {
      if (places.uid === undefined) return { installed: undefined };
      const print = await host.run('launchctl', launchctlPrintArgs(places.uid, name));
      if (print.code === 127) return { installed: undefined };
      return { installed: print.code === 0 };
    }
  }
}
