/**
 * Where the workspace is: `--home`, else REMIT_HOME, else the platform's per-user data
 * folder. Never the current directory: Task Scheduler starts programs in System32.
 */
import { isAbsolute, join, resolve } from 'node:path';

export interface WorkspacePaths {
  root: string;
  config: string;
  ledger: string;
  inbox: string;
  logs: string;
  runs: string;
  exports: string;
  /** The operator's own portal recipes and adapters, found before the built-in ones. */
  portals: string;
}

export function resolveWorkspaceRoot(
  home: string | undefined,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  userHome: string,
): string {
  if (home) return resolve(home);
  if (env['REMIT_HOME']) return resolve(env['REMIT_HOME']);
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'] ?? join(userHome, 'AppData', 'Local');
    return join(local, 'remit');
  }
  if (platform === 'darwin') return join(userHome, 'Library', 'Application Support', 'remit');
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(userHome, '.local', 'share'), 'remit');
}

export function workspacePaths(root: string): WorkspacePaths {
  return {
    root,
    config: join(root, 'remit.yaml'),
    ledger: join(root, 'ledger.db'),
    inbox: join(root, 'inbox'),
    logs: join(root, 'logs'),
    runs: join(root, 'runs'),
    exports: join(root, 'exports'),
    portals: join(root, 'portals'),
  };
}
