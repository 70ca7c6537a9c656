/**
 * `remit schedule install | show | remove`: the nightly `remit run` in the OS scheduler
 * (Task Scheduler on Windows, a systemd user timer or a crontab line on Linux, a launchd
 * agent on macOS), one task per workspace.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { scheduleDefinition, type ScheduleDefinition } from '../../schedule/definition.js';
import { installedRemitBin, systemHost, type SchedulerHost } from '../../schedule/host.js';
import { chooseBackend, inspectTask, installDefinition, removeTask, type HostPlaces, type InstalledState } from '../../schedule/manage.js';
import { nextRun } from '../../schedule/next-run.js';
import { backendsFor, checkTaskName, defaultTaskName, describeSpec, parseBackend, parseLogon, scheduleSpec } from '../../schedule/options.js';
import { formatScheduleRecord, parseScheduleRecord, scheduleRecordPath, type ScheduleRecord } from '../../schedule/record.js';
import { pad2, type Backend, type ScheduleSpec, type ScheduleTarget } from '../../schedule/types.js';
import { taskPath } from '../../schedule/windows.js';
import { timerName } from '../../schedule/systemd.js';
import { launchdLabel } from '../../schedule/launchd.js';
import { workspacePaths } from '../../workspace/resolve.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { workspaceRoot } from '../workspace.js';

export interface InstallOptions {
  at?: string;
  days?: string;
  name?: string;
  /** Windows: interactive (default) or password. */
  logon?: string;
  /** Which scheduler: mostly for Linux, to pick cron over systemd. */
  scheduler?: string;
  json?: boolean;
}

export type ShowOptions = InstallOptions;

export interface RemoveOptions {
  name?: string;
}

/** What the schedule commands reach the OS through; tests pass a recording fake. */
export interface ScheduleDeps {
  host: SchedulerHost;
  /** Absolute path of the node executable the task starts. */
  node: string;
  /** Absolute path of bin/remit. */
  remit: string;
  /** The user id (launchctl gui/<uid>); undefined on Windows. */
  uid: number | undefined;
}

export function systemScheduleDeps(): ScheduleDeps {
  return { host: systemHost(), node: process.execPath, remit: installedRemitBin(), uid: process.getuid?.() };
}

const BACKEND_NAME: Record<Backend, string> = {
  'task-scheduler': 'Windows Task Scheduler',
  systemd: 'systemd user timer',
  cron: 'crontab',
  launchd: 'launchd agent',
};

/** The account the task runs as: DOMAIN\user on Windows, as Task Scheduler names it. */
function scheduleUser(ctx: Context): string {
  if (ctx.platform === 'win32') {
    const user = ctx.env['USERNAME'] ?? ctx.user;
    const domain = ctx.env['USERDOMAIN'];
    return domain && !user.includes('\\') ? `${domain}\\${user}` : user;
  }
  return ctx.user;
}

function placesFor(ctx: Context, workspace: string, deps: ScheduleDeps): HostPlaces {
  return { env: ctx.env, userHome: ctx.userHome, workspace, uid: deps.uid, user: scheduleUser(ctx) };
}

/**
 * The record of what install registered, if it was made on this kind of OS: a workspace on
 * a network share may carry the record of another machine's scheduler, which is not ours
 * to show or remove.
 */
async function installedRecord(workspace: string, ctx: Context, host: SchedulerHost): Promise<ScheduleRecord | undefined> {
  const bytes = await host.readFile(scheduleRecordPath(workspace));
  const record = bytes ? parseScheduleRecord(bytes.toString('utf8')) : undefined;
  return record && backendsFor(ctx.platform).includes(record.backend) ? record : undefined;
}

/** How the scheduler itself names the task, for messages. */
function taskLabel(backend: Backend, name: string): string {
  switch (backend) {
    case 'task-scheduler':
      return taskPath(name);
    case 'systemd':
      return timerName(name);
    case 'cron':
      return `# remit:${name}`;
    case 'launchd':
      return launchdLabel(name);
  }
}

/** Local wall-clock time with the weekday: `Mon 2025-01-06 05:30`. */
export function formatLocal(date: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getDay()]!;
  return `${day} ${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

interface Planned {
  workspace: string;
  record: ScheduleRecord | undefined;
  definition: ScheduleDefinition;
}

async function plan(options: ShowOptions, ctx: Context, deps: ScheduleDeps, useRecord: boolean): Promise<Planned> {
  const workspace = workspaceRoot(ctx);
  const found = await installedRecord(workspace, ctx, deps.host);
  const record = found && (options.name === undefined || options.name === found.name) ? found : undefined;
  const fromRecord = useRecord && record !== undefined && options.at === undefined && options.days === undefined;
  const spec: ScheduleSpec = fromRecord ? { at: record.at, days: record.days } : scheduleSpec(options);
  const logon = options.logon === undefined && fromRecord ? record.logon : parseLogon(options.logon);
  if (logon === 'password' && ctx.platform !== 'win32') throw new UsageError('--logon password is for Windows Task Scheduler only');
  const name = options.name !== undefined ? checkTaskName(options.name) : (record?.name ?? defaultTaskName(workspace, ctx.platform));
  const requested = parseBackend(options.scheduler, ctx.platform);
  // A reinstall keeps the scheduler the task is already in unless told otherwise.
  const backend = requested ?? record?.backend ?? (await chooseBackend(ctx.platform, deps.host));
  const target: ScheduleTarget = { name, workspace, node: deps.node, remit: deps.remit, user: scheduleUser(ctx), logon };
  const definition = scheduleDefinition(backend, spec, target, { env: ctx.env, userHome: ctx.userHome, now: ctx.clock.now() });
  return { workspace, record: found, definition };
}

/** `remit schedule install`: register (or replace) this workspace's nightly run. */
export async function install(options: InstallOptions, ctx: Context, deps: ScheduleDeps = systemScheduleDeps()): Promise<number> {
  const say = sayFor(ctx);
  const root = workspaceRoot(ctx);
  if (!existsSync(workspacePaths(root).config)) {
    throw new UsageError(`no workspace at ${root} (no remit.yaml)`, 'run remit init first, or pass --home with the workspace to schedule');
  }
  const { workspace, record, definition } = await plan(options, ctx, deps, false);
  if (definition.target.logon === 'password' && !ctx.stdinIsTTY) {
    throw new UsageError('--logon password needs a terminal: schtasks asks for your Windows password itself', 'run remit schedule install --logon password in a console window');
  }
  const places = placesFor(ctx, workspace, deps);
  const { name } = definition.target;
  // A task under another name or scheduler would otherwise keep running beside the new one.
  if (record && (record.name !== name || record.backend !== definition.backend)) {
    for (const gone of await removeTask(record.name, record.backend, deps.host, places)) say.info(`removed the earlier ${gone}`);
  }
  const outcome = await installDefinition(definition, deps.host, places);
  const installed: ScheduleRecord = {
    version: 1,
    name,
    backend: definition.backend,
    at: definition.at,
    days: [...definition.days],
    workspace,
    node: definition.target.node,
    remit: definition.target.remit,
    user: definition.target.user,
    logon: definition.target.logon,
    installedAt: ctx.clock.now().toISOString(),
    files: definition.files.map((file) => file.path),
  };
  await deps.host.writeFile(scheduleRecordPath(workspace), formatScheduleRecord(installed));
  const next = nextRun(definition, ctx.clock.now());
  say.ok(`scheduled remit run ${describeSpec(definition)} (${BACKEND_NAME[definition.backend]} ${taskLabel(definition.backend, name)}) for ${workspace}`);
  if (next) say.info(`next run: ${formatLocal(next)} local time`);
  if (definition.backend === 'task-scheduler') {
    say.info(
      definition.target.logon === 'password'
        ? `runs as ${definition.target.user} whether logged on or not; it reads the portal passwords from ${definition.target.user}'s Credential Manager`
        : `runs only while ${definition.target.user} is logged on (a locked screen is fine); for "run whether user is logged on or not" install with --logon password`,
    );
  }
  for (const warning of outcome.warnings) say.warn(warning);
  if (options.json) ctx.stdout.write(`${JSON.stringify({ ...installed, nextRun: next?.toISOString() ?? null }, null, 2)}\n`);
  return 0;
}

/** `remit schedule show`: the definition that is (or would be) installed, and when it next runs. */
export async function show(options: ShowOptions, ctx: Context, deps: ScheduleDeps = systemScheduleDeps()): Promise<number> {
  const { workspace, record, definition } = await plan(options, ctx, deps, true);
  const { name } = definition.target;
  const state: InstalledState = await inspectTask(name, definition.backend, deps.host, placesFor(ctx, workspace, deps));
  const next = nextRun(definition, ctx.clock.now());
  if (options.json) {
    ctx.stdout.write(
      `${JSON.stringify(
        {
          name,
          scheduler: definition.backend,
          task: taskLabel(definition.backend, name),
          workspace,
          at: `${pad2(definition.at.hour)}:${pad2(definition.at.minute)}`,
          days: definition.days,
          installed: state.installed ?? (record ? null : false),
          recorded: record ? record.installedAt : null,
          nextRun: next?.toISOString() ?? null,
          nextRunByScheduler: state.nextRun ?? null,
          files: definition.files.map((file) => ({ path: file.path, text: file.text })),
          cronLine: definition.cronLine ?? null,
          installedDefinition: state.definition ?? null,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  // No record and no answer from the scheduler: nothing remit installed is there, as `remit status` says too.
  const installed = state.installed ?? (record ? undefined : false);
  const status =
    installed === true ? 'yes' : installed === false ? 'no: this is what remit schedule install would register' : 'cannot tell: the scheduler did not answer';
  const nextText = next ? formatLocal(next) : 'never';
  const lines = [
    `task        ${taskLabel(definition.backend, name)} (${BACKEND_NAME[definition.backend]})`,
    `workspace   ${workspace}`,
    `runs        remit run at ${describeSpec(definition)}, local time, as ${definition.target.user}`,
    `installed   ${status}`,
    installed === false
      ? `next run    none: not installed (once installed, ${nextText})`
      : `next run    ${nextText}${state.nextRun ? ` (the scheduler says: ${state.nextRun})` : ''}`,
  ];
  for (const file of definition.files) lines.push('', `--- ${file.path}`, file.text.replace(/\r\n/g, '\n').trimEnd());
  if (definition.cronLine) lines.push('', '--- crontab line', definition.cronLine);
  if (state.definition && definition.backend === 'task-scheduler' && state.installed) {
    lines.push('', `--- as Task Scheduler holds it (schtasks /Query /TN ${taskPath(name)} /XML)`, state.definition.replace(/\r\n/g, '\n').trimEnd());
  }
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `remit schedule remove`: take this workspace's task off the scheduler and delete its files. */
export async function remove(options: RemoveOptions, ctx: Context, deps: ScheduleDeps = systemScheduleDeps()): Promise<number> {
  const say = sayFor(ctx);
  const workspace = workspaceRoot(ctx);
  const record = await installedRecord(workspace, ctx, deps.host);
  const name = options.name !== undefined ? checkTaskName(options.name) : (record?.name ?? defaultTaskName(workspace, ctx.platform));
  const places = placesFor(ctx, workspace, deps);
  // The recorded scheduler first, then every other one this platform has: a task installed
  // by hand, or before the record was lost, still goes.
  const backends = [...new Set<Backend>([...(record && record.name === name ? [record.backend] : []), ...backendsFor(ctx.platform)])];
  const removed: string[] = [];
  for (const backend of backends) removed.push(...(await removeTask(name, backend, deps.host, places)));
  const hadRecord = record !== undefined && (await deps.host.removeFile(scheduleRecordPath(workspace)));
  if (!removed.length) {
    say.info(`no remit task named ${name} was scheduled for ${workspace}${hadRecord ? ' (forgot the stale record)' : ''}`);
    return 0;
  }
  for (const gone of removed) say.ok(`removed ${gone}`);
  return 0;
}
