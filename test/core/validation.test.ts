import { describe, expect, it } from 'vitest';
import { Checker, closest, formatPath, formatProblem } from '../../src/core/validation.js';
import { readYamlText } from '../../src/core/yaml-text.js';

describe('the validation toolkit', () => {
  it('reports every problem with its path, unknown keys with the closest known one', () => {
    const c = new Checker({ noun: 'setting' });
    const raw = c.mapping({ hots: 'x', port: 'five', tls: 3 }, ['notify', 'email'], ['host', 'port', 'tls']);
    c.number(raw?.['port'], ['notify', 'email', 'port'], { min: 1, max: 65535, integer: true });
    c.boolean(raw?.['tls'], ['notify', 'email', 'tls']);
    expect(c.reported().map((p) => formatProblem(p))).toEqual([
      'notify.email.hots: unknown setting "hots" (did you mean "host"?); expected one of: host, port, tls',
      'notify.email.port: must be a whole number, got "five"',
      'notify.email.tls: must be true or false, got number 3',
    ]);
  });

  it('suggests only what is close, and names a word that is one of a few', () => {
    expect(closest('colour', ['reference', 'currency'])).toBeUndefined();
    expect(closest('curency', ['reference', 'currency'])).toBe('currency');
    const c = new Checker();
    expect(c.oneOf('ymdd', ['a'], ['mdy', 'dmy', 'ymd'])).toBeUndefined();
    expect(c.reported()[0]?.message).toBe('must be mdy, dmy or ymd, got "ymdd" (did you mean "ymd"?)');
  });

  it('writes paths as an operator reads them', () => {
    expect(formatPath(['login', 'steps', 2, 'fill', 'value'])).toBe('login.steps[2].fill.value');
    expect(formatProblem({ path: 'a.b', message: 'm', line: 3, column: 5 }, 'remit.yaml')).toBe('remit.yaml:3:5 a.b: m');
  });
});

describe('YAML settings text', () => {
  it('places a problem found at a path on its line', () => {
    const yaml = readYamlText('companies:\n  NWF:\n    currency: usd\n');
    expect(yaml.problems).toEqual([]);
    expect(yaml.place([{ segments: ['companies', 'NWF', 'currency'], message: 'bad' }])).toEqual([
      { path: 'companies.NWF.currency', message: 'bad', line: 3, column: 15 },
    ]);
  });

  it('refuses an alias bomb, a deep nest and a syntax error as problems, not crashes', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let k = 0; k < 8; k += 1) bomb.push(`${String.fromCharCode(98 + k)}: &${String.fromCharCode(98 + k)} [${Array(9).fill(`*${String.fromCharCode(97 + k)}`).join(',')}]`);
    expect(readYamlText(bomb.join('\n')).problems[0]?.message).toMatch(/^YAML: .*alias/i);
    expect(readYamlText(`${'['.repeat(200)}${']'.repeat(200)}`).problems[0]?.message).toMatch(/nested more than 64 levels/);
    const broken = readYamlText('a: [unclosed\n');
    expect(broken.problems[0]).toMatchObject({ line: expect.any(Number), message: expect.stringMatching(/^YAML:/) });
  });
});
