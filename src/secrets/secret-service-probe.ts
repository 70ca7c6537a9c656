import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Why a probe in a child process: @napi-rs/keyring connects to D-Bus synchronously on the
 * main thread when an entry is created, and a session bus that accepts the connection but
 * never answers blocks it for good. A child can be killed after a deadline; the main thread
 * cannot. The child also sees exactly the environment passed in, not the one of this process.
 */
const PROBE_SOURCE = `
const { Entry } = require(process.argv[1]);
try {
  new Entry('remit', 'remit/probe', { linux: { store: 'secret-service' } }).getPassword();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (err) {
  process.stdout.write(JSON.stringify({ ok: false, message: String((err && err.message) || err) }));
}
`;

export type ProbeResult = { ok: true } | { ok: false; reason: 'timeout' | 'error'; message: string };

/** Ask, in a child process bounded by `timeoutMs`, whether a Secret Service answers on the D-Bus session in `env`. */
export async function probeSecretService(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ProbeResult> {
  const keyringModule = createRequire(import.meta.url).resolve('@napi-rs/keyring');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', PROBE_SOURCE, keyringModule],
      { env, timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 64 * 1024 },
      (error, stdout, stderr) => {
        if (error && (error.killed || error.signal === 'SIGKILL')) {
          resolve({ ok: false, reason: 'timeout', message: `D-Bus did not answer within ${formatSeconds(timeoutMs)}` });
          return;
        }
        const answer = parseAnswer(stdout);
        if (answer) {
          resolve(answer.ok ? { ok: true } : { ok: false, reason: 'error', message: answer.message });
          return;
        }
        const detail = stderr.trim().split('\n').at(-1) ?? '';
        resolve({ ok: false, reason: 'error', message: `keychain probe failed${detail ? `: ${detail}` : ''}` });
      },
    );
  });
}

function parseAnswer(stdout: string): { ok: true } | { ok: false; message: string } | undefined {
  try {
    const value: unknown = JSON.parse(stdout);
    if (typeof value !== 'object' || value === null || !('ok' in value)) return undefined;
    if (value.ok === true) return { ok: true };
    const message = 'message' in value && typeof value.message === 'string' ? value.message : 'unknown error';
    return { ok: false, message };
  } catch {
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
