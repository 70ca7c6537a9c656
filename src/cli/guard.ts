/**
 * Around every command: the workspace lock for commands that write, and the run log when
 * no terminal is attached (Task Scheduler, cron). Both need a workspace that exists; a
 * command run before `remit init` gets neither and says so itself.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { loadConfig } from '../config/load.js';
import { ExitCode, RemitError, errorMessage } from '../core/errors.js';
import { errorCode, osError } from '../core/os-errors.js';
import { printable } from '../core/printable.js';
import { acquireLock, currentHolder, describeHolder, processAlive } from '../workspace/lock.js';
import { sweepTempFiles } from '../workspace/leftovers.js';
import { openRunLog, type RunLog } from '../workspace/log-file.js';
import { workspacePaths } from '../workspace/resolve.js';
import type { Context } from './context.js';
import type { CommandMeta } from './program.js';
import { workspaceRoot } from './workspace.js';

export async function guardRun(meta: CommandMeta, ctx: Context, run: () => Promise<number>): Promise<number> {
  const paths = workspacePaths(workspaceRoot(ctx));
  const exists = existsSync(paths.config);
  const unattended = !ctx.stdinIsTTY || !ctx.stderr.isTTY;
  let log: RunLog | undefined;
  if (exists && unattended && meta.name !== 'demo') {
    const stderr = ctx.stderr;
    log = openRunLog(paths.logs, () => ctx.clock.now(), retentionDays(paths.config), (reason) => {
      const worded = osError(reason, paths.logs, 'write the run log');
      stderr.write(`remit: warning: ${errorMessage(worded)} (going on without it)\n`);
    });
    const logged = log;
    // Every operator message also goes to the log; data on stdout does not.
    ctx.stderr = {
      isTTY: stderr.isTTY,
      write: (text) => {
        stderr.write(text);
        logged.write(/^(remit: |failed )/.test(text) ? 'error' : 'info', text);
      },
    };
    log.write('info', `remit ${meta.name} started (pid ${process.pid}, user ${ctx.user})`);
  }
  let release: (() => void) | undefined;
  try {
    if (exists && meta.writes) {
      release = acquireLock(paths.root, meta.name, {
        pid: process.pid, host: hostname(), now: () => ctx.clock.now(), alive: processAlive,
        warn: (message) => ctx.stderr.write(`remit: warning: ${printable(message)}\n`),
      });
      // Holding the lock, no other remit writes here: what a stopped one left half-written goes.
      const swept = sweepTempFiles([paths.root, paths.inbox, paths.exports], processAlive);
      if (swept.length > 0) log?.write('info', `removed ${swept.length} temporary file(s) a stopped remit left: ${swept.join(', ')}`);
    }
    const code = await run();
    log?.write('info', `remit ${meta.name} finished: exit ${code}`);
    return code;
  } catch (caught) {
    const err = forOperator(caught, meta.name, paths.root, paths.ledger);
    const code = err instanceof RemitError ? err.exitCode : 1;
    log?.write('error', `remit ${meta.name} stopped: ${errorMessage(err)} (exit ${code})`);
    throw err;
  } finally {
    release?.();
  }
}

/**
 * An OS or SQLite error that escaped the command, worded for the operator (the path, what to
 * do, exit 2; a busy ledger is exit 3 naming the lock's holder). Anything else stays a bug.
 */
function forOperator(err: unknown, command: string, root: string, ledger: string): unknown {
  const code = errorCode(err);
  if (err instanceof RemitError || !code) return err;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    const holder = safeHolder(root);
    return new RemitError('locked', `the ledger ${ledger} is busy: ${holder ? `in use by ${describeHolder(holder)}` : 'another remit is writing it'}`, {
      exitCode: ExitCode.locked, hint: 'wait for it to finish, then run the command again',
    });
  }
  return osError(err, code.startsWith('SQLITE_') ? ledger : undefined, `complete remit ${command}`);
}

function safeHolder(root: string) {
  try {
    return currentHolder(root);
  } catch {
    return undefined;
  }
}

function retentionDays(configFile: string): number {
  try {
    return loadConfig(configFile).logs.retentionDays;
  } catch {
    return 90; // the command itself will report the settings problem
  }
}
