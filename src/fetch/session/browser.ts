/**
 * Finding and starting the browser that drives the portals. remit ships no browser of its
 * own: it uses one already on the machine (Playwright's, Chrome, Edge or the distribution's
 * Chromium), chosen in a fixed order so an unattended run behaves the same every night.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ExitCode, RemitError, errorMessage } from '../../core/errors.js';

export interface LaunchOptions {
  /** From `browser.executable_path` in remit.yaml; wins over everything else. */
  executablePath?: string;
  /** A Playwright channel such as `chrome` or `msedge`, from remit.yaml. */
  channel?: string;
  /** Show the window (for watching a recipe run); headless otherwise. */
  headed?: boolean;
  /** The caller's environment; only REMIT_BROWSER is read (a path or a channel name). */
  env?: { REMIT_BROWSER?: string | undefined };
  /**
   * The environment the browser would inherit (default process.env). Only what a browser
   * needs is passed on (see browserEnvironment): never remit's secrets or vault passphrase.
   */
  inheritEnv?: NodeJS.ProcessEnv;
  /** Defaults to asking the process; tests may say. Root needs --no-sandbox. */
  runningAsRoot?: boolean;
  /** Told which browser was chosen. */
  log?: (message: string) => void;
  /** Where else to look for a distribution Chromium (default /usr/bin/chromium, chromium-browser). */
  systemPaths?: string[];
}

/** The machine may have no network: keep the browser from calling home. */
const QUIET_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * What a browser may see of remit's environment: where things are (paths, temp, home, the
 * display), the language and time zone, Windows' system folders. An allow-list rather than
 * a block-list, so a vault passphrase kept under any name (secrets.passphrase_env) or any
 * other credential in the environment never reaches a browser process.
 */
const BROWSER_ENV = /^(PATH|PATHEXT|HOME|USER|LOGNAME|SHELL|TMPDIR|TMP|TEMP|LANG|LANGUAGE|LC_[A-Z]+|TZ|DISPLAY|WAYLAND_DISPLAY|XAUTHORITY|XDG_[A-Z_]+|FONTCONFIG_[A-Z_]+|DBUS_SESSION_BUS_ADDRESS|SYSTEMROOT|WINDIR|COMSPEC|USERPROFILE|HOMEDRIVE|HOMEPATH|APPDATA|LOCALAPPDATA|PROGRAMDATA|PROGRAMFILES|PROGRAMFILES\(X86\)|PROGRAMW6432|COMMONPROGRAMFILES|COMMONPROGRAMFILES\(X86\)|NUMBER_OF_PROCESSORS|PROCESSOR_ARCHITECTURE|OS|PLAYWRIGHT_BROWSERS_PATH)$/i;

/** The environment a browser is started with: the allowed names only. */
export function browserEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && BROWSER_ENV.test(name)) out[name] = value;
  return out;
}

type Candidate = { label: string; executablePath?: string; channel?: string; explicit: boolean };

/** The browsers that would be tried, in order. Exported for `remit doctor`-style reports. */
export function browserCandidates(options: LaunchOptions = {}): Candidate[] {
  const out: Candidate[] = [];
  const fromEnv = options.env?.REMIT_BROWSER?.trim();
  if (options.executablePath) out.push({ label: options.executablePath, executablePath: options.executablePath, explicit: true });
  else if (options.channel) out.push({ label: `channel ${options.channel}`, channel: options.channel, explicit: true });
  else if (fromEnv) {
    const looksLikePath = /[\\/]/.test(fromEnv) || existsSync(fromEnv);
    out.push(looksLikePath
      ? { label: fromEnv, executablePath: fromEnv, explicit: true }
      : { label: `channel ${fromEnv}`, channel: fromEnv, explicit: true });
  }
  if (out.length > 0) return out;

  const bundled = playwrightChromium();
  if (bundled) out.push({ label: `Playwright Chromium ${bundled}`, executablePath: bundled, explicit: false });
  out.push({ label: 'channel msedge', channel: 'msedge', explicit: false });
  out.push({ label: 'channel chrome', channel: 'chrome', explicit: false });
  for (const path of options.systemPaths ?? SYSTEM_CHROMIUM) {
    if (existsSync(path)) out.push({ label: path, executablePath: path, explicit: false });
  }
  return out;
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Start a Chromium-based browser: the configured one, else Playwright's own, else Edge or
 * Chrome, else the distribution's Chromium. Headless unless asked otherwise.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const asRoot = options.runningAsRoot ?? (typeof process.getuid === 'function' && process.getuid() === 0);
  const args = [...QUIET_ARGS, ...(asRoot ? ['--no-sandbox'] : [])];
  for (const candidate of browserCandidates(options)) {
    if (candidate.executablePath && !existsSync(candidate.executablePath)) {
      if (candidate.explicit) {
        throw new RemitError('browser-missing', `the configured browser ${candidate.executablePath} does not exist`, {
          exitCode: ExitCode.usage,
          hint: 'correct REMIT_BROWSER or browser.executable_path in remit.yaml',
        });
      }
      continue;
    }
    try {
      const browser = await chromium.launch({
        headless: !options.headed,
        args,
        env: browserEnvironment(options.inheritEnv ?? process.env),
        ...(candidate.executablePath ? { executablePath: candidate.executablePath } : {}),
        ...(candidate.channel ? { channel: candidate.channel } : {}),
      });
      options.log?.(`browser: ${candidate.label} (${browser.version()})`);
      return browser;
    } catch (err) {
      const reason = errorMessage(err).slice(0, 160);
      if (candidate.explicit) {
        throw new RemitError('browser-missing', `the configured browser (${candidate.label}) did not start: ${reason}`, {
          exitCode: ExitCode.usage,
          hint: 'correct REMIT_BROWSER or browser.executable_path in remit.yaml',
        });
      }
      options.log?.(`browser: ${candidate.label} not usable (${reason})`);
    }
  }
  throw new RemitError('browser-missing', 'no Chromium, Chrome or Edge browser was found on this machine', {
    exitCode: ExitCode.usage,
    hint: 'install one (Debian/Ubuntu: apt-get install chromium), or set REMIT_BROWSER or browser.executable_path in remit.yaml to a Chromium-based browser',
  });
}
