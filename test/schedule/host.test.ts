import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeOutput, installedRemitBin, systemHost } from '../../src/schedule/host.js';
import { formatScheduleRecord, parseScheduleRecord, readScheduleRecord, scheduleRecordPath, type ScheduleRecord } from '../../src/schedule/record.js';
import { tempDir } from './support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// The real host runs node itself here, never a scheduler tool.
describe('the real SchedulerHost', () => {
  it('runs a program with standard input and reports its exit code and output', async () => {
    const host = systemHost();
    const result = await host.run(process.execPath, ['-e', 'process.stdin.pipe(process.stdout); process.stdin.on("end", () => { console.error("done"); process.exitCode = 3; })'], { input: 'hello\n' });
    expect(result).toEqual({ code: 3, stdout: 'hello\n', stderr: 'done\n' });
  });

  it('gives 127 for a program that is not there, so callers can say "not installed"', async () => {
    const result = await systemHost().run('remit-no-such-scheduler-tool', ['--help']);
    expect(result.code).toBe(127);
  });

  it('writes atomically (making folders), reads, and removes files', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const host = systemHost();
    const file = join(dir, 'a', 'b', 'unit.timer');
    await host.writeFile(file, 'x=1\n');
    expect(readFileSync(file, 'utf8')).toBe('x=1\n');
    expect((await host.readFile(file))?.toString()).toBe('x=1\n');
    expect(await host.readFile(join(dir, 'missing'))).toBeUndefined();
    expect(await host.removeFile(file)).toBe(true);
    expect(await host.removeFile(file)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('decodes UTF-16 output as schtasks may give it', () => {
    expect(decodeOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<Task/>', 'utf16le')]))).toBe('<Task/>');
    expect(decodeOutput(Buffer.from('<Task/>', 'utf16le'))).toBe('<Task/>');
    expect(decodeOutput(Buffer.from('Linger=no\n'))).toBe('Linger=no\n');
  });

  it("finds this installation's bin/remit from the sources", () => {
    const bin = installedRemitBin();
    expect(bin.endsWith(join('bin', 'remit'))).toBe(true);
    expect(existsSync(bin)).toBe(true);
  });
});

describe('the installed-schedule record', () => {
  const record: ScheduleRecord = {
    version: 1, name: 'acme-1a2b3c4d', backend: 'systemd', at: { hour: 5, minute: 30 }, days: ['MON', 'FRI'],
    workspace: '/srv/acme', node: '/usr/bin/node', remit: '/opt/remit/bin/remit', user: 'ann', logon: 'interactive',
    installedAt: '2025-01-03T12:00:00.000Z', files: ['/home/ann/.config/systemd/user/remit-acme-1a2b3c4d.timer'],
  };

  it('round-trips and is read from the workspace', async () => {
    const dir = tempDir();
    dirs.push(dir);
    expect(parseScheduleRecord(formatScheduleRecord(record))).toEqual(record);
    expect(readScheduleRecord(dir)).toBeUndefined();
    await systemHost().writeFile(scheduleRecordPath(dir), formatScheduleRecord(record));
    expect(readScheduleRecord(dir)).toEqual(record);
  });

  it('refuses anything that is not a record', () => {
    for (const bad of ['', '{', 'null', '[]', JSON.stringify({ ...record, version: 2 }), JSON.stringify({ ...record, backend: 'at' }), JSON.stringify({ ...record, at: { hour: 24, minute: 0 } }), JSON.stringify({ ...record, days: ['MONDAY'] })]) {
      expect(parseScheduleRecord(bad)).toBeUndefined();
    }
  });
});
