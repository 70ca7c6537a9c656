import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { install, remove, show, type ScheduleDeps } from '../../src/cli/commands/schedule.js';
import { ExitCode, RemitError, UsageError } from '../../src/core/errors.js';
import { defaultTaskName } from '../../src/schedule/options.js';
import { readScheduleRecord, scheduleRecordPath } from '../../src/schedule/record.js';
import { FakeHost, fakeWorkspace, tempDir, testContext, type Responder } from './support.js';
import { at, decodeUtf16Task, parseXml, textAt } from './xml-check.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(platform: NodeJS.Platform, respond?: Responder, crontab?: string) {
  const root = tempDir();
  dirs.push(root);
  const workspace = fakeWorkspace(root);
  const userHome = join(root, 'home');
  const host = new FakeHost(respond, crontab);
  const deps: ScheduleDeps = { host, node: '/opt/node v20/bin/node', remit: '/opt/remit app/bin/remit', uid: platform === 'win32' ? undefined : 501 };
  const env = platform === 'win32' ? { USERDOMAIN: 'ACME', USERNAME: 'ann' } : {};
  const make = (overrides: Parameters<typeof testContext>[0] = {}) => testContext({ platform, home: workspace, userHome, env, user: 'ann', ...overrides });
  return { root, workspace, userHome, host, deps, make, name: defaultTaskName(workspace, platform) };
}

async function rejection(promise: Promise<unknown>): Promise<RemitError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(RemitError);
    return err as RemitError;
  }
  throw new Error('expected the command to fail');
}

// Friday 12:00 local: the next weekday start is Monday.
const NOW = '2025-01-03T12:00:00';

describe('schedule install on Windows', () => {
  it('writes the UTF-16 task XML into the workspace and registers it with schtasks', async () => {
    const s = setup('win32');
    const { ctx, err } = s.make({ now: NOW });
    expect(await install({}, ctx, s.deps)).toBe(0);
    const file = join(s.workspace, 'schedule', 'task.xml');
    expect(s.host.commandLines()).toEqual([`schtasks /Create /TN \\remit\\${s.name} /XML ${file} /F`]);
    expect(s.host.calls[0]!.options.interactive).toBeUndefined();
    const doc = parseXml(decodeUtf16Task(readFileSync(file)));
    expect(doc.declaration?.['encoding']).toBe('UTF-16');
    const root = doc.root;
    expect(textAt(root, 'RegistrationInfo/URI')).toBe(`\\remit\\${s.name}`);
    expect(textAt(root, 'Principals/Principal/UserId')).toBe('ACME\\ann');
    expect(textAt(root, 'Principals/Principal/LogonType')).toBe('InteractiveToken');
    expect(textAt(root, 'Triggers/CalendarTrigger/StartBoundary')).toBe('2025-01-06T05:30:00');
    expect(textAt(root, 'Actions/Exec/Command')).toBe('/opt/node v20/bin/node');
    expect(textAt(root, 'Actions/Exec/Arguments')).toBe(`"/opt/remit app/bin/remit" --home "${s.workspace}" run`);
    expect(textAt(root, 'Actions/Exec/WorkingDirectory')).toBe(s.workspace);
    expect(at(root, 'Settings').children.length).toBeGreaterThan(5);
    expect(err()).toContain(`\\remit\\${s.name}`);
    expect(err()).toContain('next run: Mon 2025-01-06 05:30');
    expect(err()).toContain('--logon password');
    const record = readScheduleRecord(s.workspace);
    expect(record).toMatchObject({ name: s.name, backend: 'task-scheduler', at: { hour: 5, minute: 30 }, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], user: 'ACME\\ann', logon: 'interactive', files: [file] });
  });

  it('takes --at, --days and --name', async () => {
    const s = setup('win32');
    const { ctx } = s.make({ now: NOW });
    expect(await install({ at: '22:15', days: 'MON,WED,FRI', name: 'acme-nightly' }, ctx, s.deps)).toBe(0);
    expect(s.host.calls[0]!.args.slice(0, 3)).toEqual(['/Create', '/TN', '\\remit\\acme-nightly']);
    const root = parseXml(decodeUtf16Task(readFileSync(join(s.workspace, 'schedule', 'task.xml')))).root;
    expect(textAt(root, 'Triggers/CalendarTrigger/StartBoundary')).toBe('2025-01-03T22:15:00');
    expect(at(root, 'Triggers/CalendarTrigger/ScheduleByWeek/DaysOfWeek').children.map((d) => d.name)).toEqual(['Monday', 'Wednesday', 'Friday']);
  });

  it('with --logon password lets schtasks ask for the password on the terminal, and refuses without one', async () => {
    const s = setup('win32');
    const refused = await rejection(install({ logon: 'password' }, s.make().ctx, s.deps));
    expect(refused).toBeInstanceOf(UsageError);
    expect(refused.exitCode).toBe(ExitCode.usage);
    expect(s.host.calls).toEqual([]);
    const { ctx, err } = s.make({ stdinIsTTY: true });
    expect(await install({ logon: 'password' }, ctx, s.deps)).toBe(0);
    expect(s.host.calls[0]!.args).toEqual(['/Create', '/TN', `\\remit\\${s.name}`, '/XML', join(s.workspace, 'schedule', 'task.xml'), '/F', '/RU', 'ACME\\ann']);
    expect(s.host.calls[0]!.options.interactive).toBe(true);
    expect(err()).toContain("whether logged on or not");
    expect(err()).toContain('Credential Manager');
  });

  it('reports what schtasks said when it refuses, with exit 1', async () => {
    const s = setup('win32', () => ({ code: 1, stderr: 'ERROR: Access is denied.\r\n' }));
    const failure = await rejection(install({}, s.make().ctx, s.deps));
    expect(failure.exitCode).toBe(ExitCode.failures);
    expect(failure.message).toContain('Access is denied');
    expect(failure.hint).toContain('task.xml');
    expect(existsSync(scheduleRecordPath(s.workspace))).toBe(false);
  });

  it('removes the task, its XML and the record', async () => {
    const s = setup('win32');
    await install({}, s.make().ctx, s.deps);
    s.host.calls.length = 0;
    const { ctx, err } = s.make();
    expect(await remove({}, ctx, s.deps)).toBe(0);
    expect(s.host.commandLines()).toEqual([`schtasks /Query /TN \\remit\\${s.name} /XML`, `schtasks /Delete /TN \\remit\\${s.name} /F`]);
    expect(existsSync(join(s.workspace, 'schedule', 'task.xml'))).toBe(false);
    expect(existsSync(scheduleRecordPath(s.workspace))).toBe(false);
    expect(err()).toContain(`removed Task Scheduler task \\remit\\${s.name}`);
  });

  it('remove with nothing installed says so and succeeds', async () => {
    const s = setup('win32', (call) => (call.args[0] === '/Query' ? { code: 1, stderr: 'ERROR: The system cannot find the file specified.' } : undefined));
    const { ctx, err } = s.make();
    expect(await remove({}, ctx, s.deps)).toBe(0);
    expect(s.host.commandLines()).toEqual([`schtasks /Query /TN \\remit\\${s.name} /XML`]);
    expect(err()).toContain('no remit task');
  });
});

describe('schedule install on Linux', () => {
  const systemd: Responder = (call) => {
    if (call.command === 'loginctl') return { stdout: 'Linger=no\n' };
    return undefined;
  };

  it('prefers a systemd user timer: unit files, daemon-reload, enable --now, and a lingering warning', async () => {
    const s = setup('linux', systemd);
    const { ctx, err } = s.make({ now: NOW });
    expect(await install({}, ctx, s.deps)).toBe(0);
    const dir = join(s.userHome, '.config', 'systemd', 'user');
    expect(s.host.commandLines()).toEqual([
      'systemctl --user show-environment',
      'systemctl --user daemon-reload',
      `systemctl --user enable --now remit-${s.name}.timer`,
      'loginctl show-user ann --property=Linger',
    ]);
    const service = readFileSync(join(dir, `remit-${s.name}.service`), 'utf8');
    expect(service).toContain(`ExecStart="/opt/node v20/bin/node" "/opt/remit app/bin/remit" --home "${s.workspace}" run`);
    expect(service).toContain(`WorkingDirectory=${s.workspace}\n`);
    const timer = readFileSync(join(dir, `remit-${s.name}.timer`), 'utf8');
    expect(timer).toContain('OnCalendar=Mon..Fri *-*-* 05:30:00\n');
    expect(timer).toContain('Persistent=true\n');
    expect(err()).toContain('loginctl enable-linger ann');
    expect(readScheduleRecord(s.workspace)?.backend).toBe('systemd');
  });

  it('puts the units under XDG_CONFIG_HOME when set', async () => {
    const s = setup('linux', systemd);
    const config = join(s.root, 'xdg');
    await install({}, s.make({ env: { XDG_CONFIG_HOME: config } }).ctx, s.deps);
    expect(existsSync(join(config, 'systemd', 'user', `remit-${s.name}.timer`))).toBe(true);
  });

  it('falls back to a tagged crontab line without systemd, replacing it on reinstall and removing it cleanly', async () => {
    const noSystemd: Responder = (call) => (call.command === 'systemctl' ? { code: 1, stderr: 'Failed to connect to bus: No medium found' } : undefined);
    const s = setup('linux', noSystemd, 'MAILTO=ops@example.com\n15 1 * * * /usr/local/bin/backup\n');
    const { ctx, err } = s.make({ now: NOW });
    expect(await install({}, ctx, s.deps)).toBe(0);
    expect(s.host.commandLines()).toEqual(['systemctl --user show-environment', 'crontab -l', 'crontab -']);
    const tag = `# remit:${s.name}`;
    const line = `30 5 * * 1-5 cd '${s.workspace}' && '/opt/node v20/bin/node' '/opt/remit app/bin/remit' --home '${s.workspace}' run >> '${s.workspace}/logs/cron.log' 2>&1 ${tag}`;
    expect(s.host.crontab).toBe(`MAILTO=ops@example.com\n15 1 * * * /usr/local/bin/backup\n${line}\n`);
    expect(err()).toContain('crontab');

    // The record remembers cron: no systemd probe the second time.
    s.host.calls.length = 0;
    await install({ at: '06:45', days: 'DAILY' }, s.make().ctx, s.deps);
    expect(s.host.commandLines()).toEqual(['crontab -l', 'crontab -']);
    const lines = s.host.crontab!.split('\n').filter((l) => l.endsWith(tag));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^45 6 \* \* \* /);

    s.host.calls.length = 0;
    expect(await remove({}, s.make().ctx, s.deps)).toBe(0);
    expect(s.host.crontab).toBe('MAILTO=ops@example.com\n15 1 * * * /usr/local/bin/backup\n');
    expect(s.host.commandLines()).toContain('crontab -');
    expect(existsSync(scheduleRecordPath(s.workspace))).toBe(false);
  });

  it('moving from systemd to cron takes the systemd timer away', async () => {
    const s = setup('linux', systemd);
    await install({}, s.make().ctx, s.deps);
    const dir = join(s.userHome, '.config', 'systemd', 'user');
    s.host.calls.length = 0;
    const { ctx, err } = s.make();
    await install({ scheduler: 'cron' }, ctx, s.deps);
    expect(s.host.commandLines().slice(0, 2)).toEqual([`systemctl --user disable --now remit-${s.name}.timer`, 'systemctl --user daemon-reload']);
    expect(existsSync(join(dir, `remit-${s.name}.timer`))).toBe(false);
    expect(existsSync(join(dir, `remit-${s.name}.service`))).toBe(false);
    expect(s.host.crontab).toContain(`# remit:${s.name}`);
    expect(err()).toContain('removed the earlier');
  });

  it('remove takes off the systemd units even without a record', async () => {
    const s = setup('linux', systemd);
    await install({}, s.make().ctx, s.deps);
    rmSync(scheduleRecordPath(s.workspace));
    s.host.calls.length = 0;
    expect(await remove({}, s.make().ctx, s.deps)).toBe(0);
    expect(s.host.commandLines()).toEqual([`systemctl --user disable --now remit-${s.name}.timer`, 'systemctl --user daemon-reload', 'crontab -l']);
    expect(existsSync(join(s.userHome, '.config', 'systemd', 'user', `remit-${s.name}.service`))).toBe(false);
  });

  it('leaves alone the record of another OS (a workspace on a shared drive)', async () => {
    const s = setup('linux', systemd);
    await install({}, s.make({ platform: 'win32' }).ctx, s.deps);
    s.host.calls.length = 0;
    const { ctx, out } = s.make();
    await show({}, ctx, s.deps);
    expect(out()).toContain('(systemd user timer)');
    expect(s.host.commandLines().some((line) => line.startsWith('schtasks'))).toBe(false);
    await install({}, s.make().ctx, s.deps);
    expect(s.host.commandLines().some((line) => line.startsWith('schtasks'))).toBe(false);
    expect(readScheduleRecord(s.workspace)?.backend).toBe('systemd');
  });

  it('gives two workspaces two tasks', async () => {
    const s = setup('linux', systemd);
    const other = fakeWorkspace(s.root, 'Other Client');
    await install({}, s.make().ctx, s.deps);
    await install({}, s.make({ home: other }).ctx, s.deps);
    const names = [readScheduleRecord(s.workspace)!.name, readScheduleRecord(other)!.name];
    expect(new Set(names).size).toBe(2);
  });
});

describe('schedule install on macOS', () => {
  it('writes the agent plist and bootstraps it into the gui domain', async () => {
    const s = setup('darwin');
    const { ctx } = s.make({ now: NOW });
    expect(await install({}, ctx, s.deps)).toBe(0);
    const plist = join(s.userHome, 'Library', 'LaunchAgents', `com.remit.${s.name}.plist`);
    expect(s.host.commandLines()).toEqual([`launchctl bootout gui/501/com.remit.${s.name}`, `launchctl bootstrap gui/501 ${plist}`]);
    const text = readFileSync(plist, 'utf8');
    expect(text).toContain(`<string>${s.workspace}/logs/launchd.err.log</string>`);
    expect(text).toContain('<key>Weekday</key>');
  });

  it('falls back to launchctl load -w when bootstrap is refused', async () => {
    const s = setup('darwin', (call) => (call.args[0] === 'bootstrap' ? { code: 5, stderr: 'Bootstrap failed: 5: Input/output error' } : undefined));
    expect(await install({}, s.make().ctx, s.deps)).toBe(0);
    const plist = join(s.userHome, 'Library', 'LaunchAgents', `com.remit.${s.name}.plist`);
    expect(s.host.commandLines().at(-1)).toBe(`launchctl load -w ${plist}`);
  });

  it('remove boots the agent out and deletes the plist', async () => {
    const s = setup('darwin');
    await install({}, s.make().ctx, s.deps);
    s.host.calls.length = 0;
    expect(await remove({}, s.make().ctx, s.deps)).toBe(0);
    expect(s.host.commandLines()).toEqual([`launchctl bootout gui/501/com.remit.${s.name}`]);
    expect(existsSync(join(s.userHome, 'Library', 'LaunchAgents', `com.remit.${s.name}.plist`))).toBe(false);
  });
});

describe('schedule show', () => {
  it('prints what install would write and when it would next run, before anything is installed', async () => {
    const s = setup('linux', (call) => (call.args.includes('is-enabled') ? { code: 1, stdout: 'not-found\n' } : undefined));
    const { ctx, out } = s.make({ now: NOW });
    expect(await show({}, ctx, s.deps)).toBe(0);
    const text = out();
    expect(text).toContain(`task        remit-${s.name}.timer (systemd user timer)`);
    expect(text).toContain('installed   no');
    expect(text).toContain('next run    none: not installed (once installed, Mon 2025-01-06 05:30');
    expect(text).toContain('OnCalendar=Mon..Fri *-*-* 05:30:00');
    expect(text).toContain('ExecStart=');
    expect(s.host.calls.every((call) => !call.args.includes('enable'))).toBe(true);
    expect(existsSync(join(s.userHome, '.config'))).toBe(false);
  });

  it('with no record and a scheduler that does not answer, says not installed, as remit status does', async () => {
    const s = setup('linux', () => ({ code: 1, stdout: '', stderr: 'Failed to connect to bus' }));
    const { ctx, out } = s.make({ now: NOW });
    expect(await show({}, ctx, s.deps)).toBe(0);
    expect(out()).toContain('installed   no');
    expect(out()).not.toContain('cannot tell');
    expect(out()).toMatch(/next run {4}none: not installed/);
  });

  it('shows the installed schedule and what the scheduler reports, as JSON too', async () => {
    const s = setup('linux', (call) => {
      if (call.args.includes('is-enabled')) return { stdout: 'enabled\n' };
      if (call.args.includes('--property=NextElapseUSecRealtime')) return { stdout: 'Mon 2025-01-06 05:30:00 UTC\n' };
      return undefined;
    });
    await install({ at: '04:00', days: 'TUE-SAT' }, s.make().ctx, s.deps);
    const { ctx, out } = s.make({ now: NOW });
    expect(await show({ json: true }, ctx, s.deps)).toBe(0);
    const json = JSON.parse(out()) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: s.name,
      scheduler: 'systemd',
      at: '04:00',
      days: ['TUE', 'WED', 'THU', 'FRI', 'SAT'],
      installed: true,
      nextRun: new Date(2025, 0, 4, 4, 0).toISOString(),
      nextRunByScheduler: 'Mon 2025-01-06 05:30:00 UTC',
    });
    expect((json['files'] as Array<{ path: string }>).map((f) => f.path.split('/').pop())).toEqual([`remit-${s.name}.service`, `remit-${s.name}.timer`]);
  });

  it('on Windows prints the generated XML, and the task as Task Scheduler holds it when installed', async () => {
    const s = setup('win32', (call) => (call.args[0] === '/Query' ? { stdout: '<?xml version="1.0" encoding="UTF-16"?>\r\n<Task>held</Task>\r\n' } : undefined));
    const { ctx, out } = s.make({ now: NOW });
    expect(await show({ days: 'DAILY' }, ctx, s.deps)).toBe(0);
    expect(out()).toContain('<ScheduleByDay>');
    expect(out()).toContain('installed   yes');
    expect(out()).toContain('<Task>held</Task>');
    expect(out()).toContain('next run    Sat 2025-01-04 05:30');
  });
});

describe('schedule options errors', () => {
  it.each([
    [{ at: '25:00' }, '--at'],
    [{ at: '5pm' }, '--at'],
    [{ days: 'MON-FUNDAY' }, '--days'],
    [{ days: '' }, '--days'],
    [{ name: 'bad name' }, '--name'],
    [{ logon: 'password' }, 'Windows'],
    [{ scheduler: 'launchd' }, '--scheduler'],
  ])('install %j exits 2 naming %s, touching no scheduler', async (options, word) => {
    const s = setup('linux');
    const failure = await rejection(install(options, s.make().ctx, s.deps));
    expect(failure).toBeInstanceOf(UsageError);
    expect(failure.exitCode).toBe(ExitCode.usage);
    expect(failure.message).toContain(word);
    expect(s.host.calls.filter((call) => call.command !== 'systemctl' || !call.args.includes('show-environment'))).toEqual([]);
  });

  it('install refuses a folder that is not a workspace', async () => {
    const s = setup('linux');
    const failure = await rejection(install({}, s.make({ home: join(s.root, 'nowhere') }).ctx, s.deps));
    expect(failure).toBeInstanceOf(UsageError);
    expect(failure.message).toContain('no workspace');
    expect(s.host.calls).toEqual([]);
  });
});
