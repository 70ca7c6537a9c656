/**
 * The definition a scheduler gets for one workspace: the files to write (with their bytes)
 * and, for cron, the crontab line. Pure: the same inputs give the same definition, so
 * `schedule show` prints exactly what `schedule install` writes.
 */
import { join } from 'node:path';
import { cronLine } from './cron.js';
import { launchAgentPath, launchdPlist } from './launchd.js';
import { scheduleDir } from './record.js';
import { serviceName, serviceUnit, timerName, timerUnit, userUnitDir } from './systemd.js';
import type { Backend, ScheduleSpec, ScheduleTarget } from './types.js';
import { taskXml, taskXmlBytes } from './windows.js';

export interface DefinitionFile {
  path: string;
  /** What goes to disk (UTF-16LE for the Task Scheduler XML). */
  bytes: Buffer;
  /** The same, readable. */
  text: string;
}

export interface ScheduleDefinition extends ScheduleSpec {
  backend: Backend;
  target: ScheduleTarget;
  files: DefinitionFile[];
  /** cron only: the tagged line for the user's crontab. */
  cronLine?: string;
}

export interface DefinitionContext {
  env: NodeJS.ProcessEnv;
  userHome: string;
  now: Date;
}

function utf8(path: string, text: string): DefinitionFile {
  return { path, bytes: Buffer.from(text, 'utf8'), text };
}

export function scheduleDefinition(backend: Backend, spec: ScheduleSpec, target: ScheduleTarget, where: DefinitionContext): ScheduleDefinition {
  const base = { backend, at: spec.at, days: [...spec.days], target };
  switch (backend) {
    case 'task-scheduler': {
      const text = taskXml(spec, target, { now: where.now });
      return { ...base, files: [{ path: join(scheduleDir(target.workspace), 'task.xml'), bytes: taskXmlBytes(text), text }] };
    }
    case 'systemd': {
      const dir = userUnitDir(where.env, where.userHome);
      return {
        ...base,
        files: [utf8(join(dir, serviceName(target.name)), serviceUnit(target)), utf8(join(dir, timerName(target.name)), timerUnit(spec, target))],
      };
    }
    case 'cron':
      return { ...base, files: [], cronLine: cronLine(spec, target) };
    case 'launchd':
      return { ...base, files: [utf8(launchAgentPath(where.userHome, target.name), launchdPlist(spec, target))] };
  }
}
