/** Run the real built `remit` binary in a temporary workspace, as an operator would. */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'remit');
/** The shared samples beside the checkout, or beside the worktrees' folder (a checkout under wt/<branch>). */
export const SAMPLES = [fileURLToPath(new URL('../../../shared/samples/', import.meta.url)), fileURLToPath(new URL('../../../../shared/samples/', import.meta.url))]
  .find((dir) => existsSync(dir)) ?? fileURLToPath(new URL('../../../shared/samples/', import.meta.url));
export const DEMO = join(ROOT, 'fixtures', 'demo');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function remit(args: string[], options: { home?: string; env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {}): CliResult {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', ...options.env };
  delete env['REMIT_HOME'];
  if (options.env?.['REMIT_HOME']) env['REMIT_HOME'] = options.env['REMIT_HOME'];
  const result = spawnSync(process.execPath, [BIN, ...(options.home ? ['--home', options.home] : []), ...args], {
    encoding: 'utf8',
    env,
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    timeout: options.timeoutMs ?? 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking this process: needed when the test itself serves something the
 * CLI talks to (the fixture portals), which a blocked event loop could not answer.
 */
export function remitAsync(args: string[], options: { home?: string; env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', ...options.env };
  if (!options.env?.['REMIT_HOME']) delete env['REMIT_HOME'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...(options.home ? ['--home', options.home] : []), ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export function tempDir(prefix = 'remit-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh workspace for a company, with default settings. */
export function newWorkspace(company = 'NWF', extraYaml = ''): string {
  const home = tempDir();
  const result = remit(['init', '--company', company, '--name', 'Test Co'], { home });
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
  if (extraYaml) {
    appendFileSync(join(home, 'remit.yaml'), extraYaml);
  }
  return home;
}

/** Parse the CSV remit writes (RFC 4180, no embedded newlines in our reports). */
export function parseCsv(text: string): Array<Record<string, string>> {
  const lines = text.trim().split(/\r?\n/);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const char = line[i]!;
      if (quoted) {
        if (char === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (char === '"') quoted = false;
        else cell += char;
      } else if (char === '"') quoted = true;
      else if (char === ',') {
        out.push(cell);
        cell = '';
      } else cell += char;
    }
    out.push(cell);
    return out;
  };
  const header = split(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const cells = split(line);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}
