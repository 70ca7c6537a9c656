import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A private D-Bus session bus with an unlocked gnome-keyring on it, owned by one test file. */
export interface TestSecretService {
  address: string;
  dir: string;
  /** Lock the default collection, as after a screen lock or a reboot without unlock. */
  lock(): Promise<void>;
  /** Object paths of Secret Service items with these attributes (read straight off the bus). */
  search(attributes: Record<string, string>): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Start `dbus-daemon` with a config of our own (no service directories, so nothing on the
 * machine gets activated on it) and `gnome-keyring-daemon --foreground --unlock` as our
 * child, its password fed on stdin and its files under a temp HOME.
 */
export async function startSecretService(): Promise<TestSecretService> {
  const dir = await mkdtemp(join(tmpdir(), 'remit-ss-'));
  const runtime = join(dir, 'run');
  await mkdir(runtime, { mode: 0o700 });
  const socket = join(runtime, 'bus');
  const config = join(dir, 'bus.conf');
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  const started = await run('dbus-daemon', ['--config-file', config, '--fork', '--print-address=1', '--print-pid=1'], {
    timeout: 10_000,
  });
  const [addressLine, pidLine] = started.stdout.trim().split('\n');
  const address = addressLine?.trim() ?? '';
  const busPid = Number(pidLine);
  if (!address || !Number.isInteger(busPid)) throw new Error(`dbus-daemon printed ${JSON.stringify(started.stdout)}`);

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: join(dir, 'home'),
    XDG_DATA_HOME: join(dir, 'home', 'data'),
    XDG_CONFIG_HOME: join(dir, 'home', 'config'),
    XDG_CACHE_HOME: join(dir, 'home', 'cache'),
    XDG_RUNTIME_DIR: runtime,
    DBUS_SESSION_BUS_ADDRESS: address,
  };
  const keyring: ChildProcess = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let keyringLog = '';
  keyring.stderr?.on('data', (chunk: Buffer) => (keyringLog += chunk.toString()));
  keyring.stdin?.end('remit-test-keyring-password');

  const dbus = async (...args: string[]): Promise<string> =>
    (await run('dbus-send', ['--print-reply', ...args], { env, timeout: 5_000 })).stdout;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reply = await dbus('--session', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets');
    if (reply.includes('boolean true')) break;
    if (keyring.exitCode !== null || Date.now() > deadline) {
      keyring.kill('SIGKILL');
      process.kill(busPid, 'SIGTERM');
      throw new Error(`gnome-keyring-daemon did not come up on ${address}: ${keyringLog.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    address,
    dir,
    async lock() {
      await dbus('--session', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/aliases/default');
    },
    async search(attributes) {
      const dict = Object.entries(attributes)
        .map(([k, v]) => `'${k}': '${v}'`)
        .join(', ');
      const { stdout } = await run(
        'gdbus',
        ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets', '--method', 'org.freedesktop.Secret.Service.SearchItems', `{${dict}}`],
        { env, timeout: 5_000 },
      );
      return stdout.match(/\/org\/freedesktop\/secrets\/collection\/[^'\s,\]]+/g) ?? [];
    },
    async stop() {
      if (keyring.exitCode === null) {
        const exited = new Promise((r) => keyring.once('exit', r));
        keyring.kill('SIGTERM');
        await exited;
      }
      try {
        process.kill(busPid, 'SIGTERM');
      } catch {
        // already gone
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
