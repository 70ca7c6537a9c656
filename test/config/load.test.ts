import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../src/config/load.js';

const BASE = 'companies:\n  NWF:\n    name: Northwind\n';

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, '/w/remit.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('remit.yaml', () => {
  it('a valid file gives every default', () => {
    const config = parseConfigText(BASE, '/w/remit.yaml');
    expect(config.companies['NWF']?.gl.accountsReceivable).toBe('1200');
    expect(config.fetch).toEqual({ concurrency: 3, timeoutSeconds: 600, stepTimeoutSeconds: 30, retries: 2 });
  });

  it('every problem at once, each with its line and a did-you-mean for a typo', () => {
    const problems = problemsOf(`${BASE}    currecy: EUR\nmatchng: {}\npayers:\n  AMZ:\n    date_order: ymdd\n`);
    expect(problems).toEqual([
      'remit.yaml:5:10 matchng: unknown setting "matchng" (did you mean "matching"?); expected one of: default_company, companies, payers, matching, limits, portals, secrets, browser, fetch, run, logs, notify, bank, mail',
      'remit.yaml:4:14 companies.NWF.currecy: unknown setting "currecy" (did you mean "currency"?); expected one of: name, currency, gl',
      'remit.yaml:8:17 payers.AMZ.date_order: must be mdy, dmy or ymd, got "ymdd" (did you mean "ymd"?)',
    ]);
  });

  it('the PDF template is checked once, here, into a typed value', () => {
    const text = `${BASE}payers:\n  HD:\n    pdf_template:\n      fields: { payment_ref: 'Ref (\\S+)' }\n`;
    expect(parseConfigText(text, '/w/remit.yaml').payers['HD']?.pdfTemplate).toEqual({ fields: { payment_ref: 'Ref (\\S+)' } });
    expect(problemsOf(`${BASE}payers:\n  HD:\n    pdf_template:\n      feilds: {}\n`)).toEqual([
      'remit.yaml:7:15 payers.HD.pdf_template.feilds: unknown setting "feilds" (did you mean "fields"?); expected one of: fields, columns, total_row, skip_lines',
      'remit.yaml:7:7 payers.HD.pdf_template: empty template; give fields and/or columns',
    ]);
  });

  it('a YAML alias bomb is a settings problem (exit 2), not an internal error', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k < 9; k += 1) lines.push(`l${k}: &l${k} [${Array(10).fill(k === 1 ? '*a' : `*l${k - 1}`).join(', ')}]`);
    let caught: unknown;
    try {
      parseConfigText(lines.join('\n'), '/w/remit.yaml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).exitCode).toBe(2);
    expect((caught as ConfigError).problems[0]).toMatch(/alias/i);
  });
});
