/** Hostile settings through the built binary: YAML bombs and recipe paths are configuration errors (exit 2). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newWorkspace, remit, removeDir } from '../support/cli.js';

const made: string[] = [];
afterEach(() => {
  while (made.length) removeDir(made.pop()!);
});

function workspace(): string {
  const home = newWorkspace('NWF');
  made.push(home);
  return home;
}

const ADD = ['portal', 'add', '--id', 'nw-1', '--payer', 'NW', '--url', 'https://portal.example.com', '--username', 'ann', '--password-stdin'];

describe('portal add --recipe', () => {
  it('a path is refused at add time and remit.yaml is left as it was', () => {
    const home = workspace();
    const before = readFileSync(join(home, 'remit.yaml'), 'utf8');
    for (const recipe of ['../../etc/passwd', '/etc/passwd', 'North/wind', 'northwind.yaml']) {
      const result = remit([...ADD, '--recipe', recipe], { home, input: 'pw\n' });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/--recipe .*: a recipe is named by lower-case letters, digits, "-" and "_" .*never a path/);
    }
    expect(readFileSync(join(home, 'remit.yaml'), 'utf8')).toBe(before);
  });

  it('a recipe that does not exist is refused, naming the ones that do', () => {
    const home = workspace();
    const result = remit([...ADD, '--recipe', 'northwnd'], { home, input: 'pw\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--recipe northwnd: no recipe of that name \(did you mean northwind\?\)/);
    expect(result.stderr).toMatch(/known recipes: .*cedarmart/);
  });

  it('a recipe path written into remit.yaml by hand is a settings problem', () => {
    const home = workspace();
    const settings = readFileSync(join(home, 'remit.yaml'), 'utf8');
    expect(settings).toMatch(/^portals: \[\]$/m);
    writeFileSync(join(home, 'remit.yaml'), settings.replace(/^portals: \[\]$/m, 'portals:\n  - { id: x1, company: NWF, payer: NW, recipe: ../../etc/passwd, url: "https://x.example", username: ann }'));
    const result = remit(['match'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/portals\[0\]\.recipe: a recipe is named by/);
  });
});

describe('YAML limits in remit.yaml', () => {
  it('an alias bomb, a deep nesting and an oversized file are configuration errors (exit 2), never an internal error', () => {
    const home = workspace();
    const settings = readFileSync(join(home, 'remit.yaml'), 'utf8');
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) bomb += `${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    const cases: Array<[string, RegExp]> = [
      [`${settings}\n${bomb}`, /alias/i],
      [`${settings}\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /YAML: /],
      [`${settings}\nx: ${'{a: '.repeat(500)}1${'}'.repeat(500)}\n`, /nested more than 64 levels|YAML: /],
      [`${settings}\n# ${'x'.repeat(5 * 1024 * 1024)}\n`, /over 4 MB/],
    ];
    for (const [text, problem] of cases) {
      writeFileSync(join(home, 'remit.yaml'), text);
      const result = remit(['match'], { home });
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code, result.stderr.slice(0, 300)).toBe(2);
      expect(result.stderr).toMatch(problem);
    }
  });
});
