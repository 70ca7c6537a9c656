/**
 * `remit export-gl` killed (SIGKILL, through REMIT_TEST_CRASH_AT) at every step boundary of its
 * two-phase commit, in a one-file and a two-file format, then run again: the result is the
 * uninterrupted run's, byte for byte; no journal is exported twice; at no moment is there a
 * file at --out the ledger does not know; no temporary file is left. Also the command's
 * surface: --help lists every format, an unknown one is exit 2 with the list, a missing
 * format setting is a config error naming its key, `remit report journals`.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_NAMES } from '../../src/gl/formats/catalogue.js';
import { EXPORT_BOUNDARIES } from '../../src/pipeline/journal-files.js';
import { DEMO, parseCsv, remit, removeDir, tempDir } from '../support/cli.js';
import { FORMATS_YAML } from '../pipeline/formats-ledger.js';

const NOW = { REMIT_NOW: '2026-11-02T15:00:00Z' };
let root: string;
let base: string;

function run(args: string[], home: string, env: Record<string, string> = {}) {
  return remit(args, { home, env: { ...NOW, ...env } });
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

interface JournalRow { journal_id: string; format: string; state: string; files: string; posting_date: string; sha256: string }

function journals(home: string): JournalRow[] {
  const result = run(['report', 'journals', '--format', 'json'], home);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JournalRow[];
}

/** Every file in the out folder is one the ledger records (temporary files aside, which must not outlive a finished run). */
function unknownFiles(home: string, out: string): string[] {
  const known = new Set(journals(home).flatMap((j) => j.files.split(' ')));
  return readdirSync(out).filter((name) => !name.endsWith('.tmp')).map((name) => join(out, name)).filter((file) => !known.has(file));
}

/** The demo's invoices and remittances, matched, in a workspace set up for every format. */
function prepare(home: string): void {
  mkdirSync(home, { recursive: true });
  expect(run(['init', '--company', 'DEMO', '--name', 'Contoso Snacks Ltd'], home).code).toBe(0);
  writeFileSync(join(home, 'remit.yaml'), `default_company: DEMO\n${FORMATS_YAML}`);
  expect(run(['invoices', 'import', join(DEMO, 'open_invoices.csv')], home).code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; payer: string }> };
  for (const payer of new Set(manifest.files.map((f) => f.payer))) {
    const files = manifest.files.filter((f) => f.payer === payer).map((f) => join(DEMO, f.file));
    expect(run(['import', '--payer', payer, ...files], home).code).toBe(0);
  }
  expect(run(['match'], home).code).toBe(0);
}

function copyOf(name: string): { home: string; out: string } {
  const home = join(root, name);
  cpSync(base, home, { recursive: true });
  const out = join(home, 'out');
  mkdirSync(out);
  return { home, out };
}

beforeAll(() => {
  root = tempDir('remit-export-crash-');
  base = join(root, 'base');
  prepare(base);
}, 120_000);
afterAll(() => removeDir(root));

describe('export-gl killed at every boundary', () => {
  for (const format of ['generic', 'netsuite-payment'] as const) {
    it(`${format}: crash + rerun == an uninterrupted run, at ${EXPORT_BOUNDARIES.join(', ')}`, () => {
      const reference = copyOf(`${format}-reference`);
      const done = run(['export-gl', '--format', format, '--out', join(reference.out, 'post.csv')], reference.home);
      expect(done.code).toBe(0);
      const expected = journals(reference.home);
      expect(expected).toHaveLength(1);
      const expectedFiles = expected[0]!.files.split(' ').map((f) => f.replace(reference.home, ''));
      expect(expectedFiles.length).toBe(format === 'generic' ? 1 : 2);

      for (const [k, boundary] of EXPORT_BOUNDARIES.entries()) {
        const { home, out } = copyOf(`${format}-${boundary}`);
        const killed = run(['export-gl', '--format', format, '--out', join(out, 'post.csv')], home, { REMIT_TEST_CRASH_AT: boundary });
        expect(killed.code, `${boundary}: ${killed.stderr}`).toBe(-1); // killed by SIGKILL: no exit status
        expect(unknownFiles(home, out), boundary).toEqual([]);
        const recorded = journals(home);
        expect(recorded.map((j) => j.state), boundary).toEqual(boundary === 'staged' ? [] : ['recorded']);

        // Half the boundaries are finished by --recover, the others by the next export.
        if (k % 2 === 1) {
          const recovered = run(['export-gl', '--recover'], home);
          expect(recovered.code).toBe(0);
          expect(recovered.stderr).toMatch(/written again from the ledger/);
        }
        const rerun = run(['export-gl', '--format', format, '--out', join(out, 'post.csv')], home);
        expect(rerun.code, rerun.stderr).toBe(0);
        const again = run(['export-gl', '--format', format, '--out', join(out, 'third.csv')], home);
        expect(again.stderr).toMatch(/nothing (else )?to export/);

        const after = journals(home);
        expect(after, boundary).toHaveLength(1);
        expect(after[0]).toMatchObject({ journal_id: 'J1', state: 'placed', format, sha256: expected[0]!.sha256 });
        expect(after[0]!.files.split(' ').map((f) => f.replace(home, ''))).toEqual(expectedFiles);
        for (const file of expectedFiles) expect(sha(join(home, file)), `${boundary} ${file}`).toBe(sha(join(reference.home, file)));
        expect(readdirSync(out).filter((n) => n.endsWith('.tmp')), boundary).toEqual([]);
        expect(unknownFiles(home, out)).toEqual([]);
        const applications = parseCsv(run(['report', 'applications', '--format', 'csv'], home).stdout);
        const referenceApplications = parseCsv(run(['report', 'applications', '--format', 'csv'], reference.home).stdout);
        expect(applications.map((a) => a['journal_id'])).toEqual(referenceApplications.map((a) => a['journal_id']));
      }
    }, 300_000);
  }
});

describe('export-gl as an operator sees it', () => {
  it('--help lists every format with its ERP screen; an unknown format is exit 2 with the list', () => {
    const help = remit(['export-gl', '--help']);
    expect(help.code).toBe(0);
    for (const name of EXPORT_FORMAT_NAMES) expect(help.stdout).toContain(name);
    expect(help.stdout).toMatch(/--posting-date/);
    expect(help.stdout).toMatch(/Cash Receipt Journals/);
    const wrong = run(['export-gl', '--format', 'netsuite'], base);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(EXPORT_FORMAT_NAMES.join(', '));
  });

  it('a format setting missing or wrong in remit.yaml is a config error naming its key', () => {
    const { home } = copyOf('bad-config');
    writeFileSync(join(home, 'remit.yaml'), `default_company: DEMO\n${FORMATS_YAML.replace('tax_rate: "Tax Exempt", ', '').replace('date_format: MM/DD/YYYY, payment_method', 'date_format: 2026-01-01, payment_method')}`);
    const result = run(['export-gl', '--format', 'xero-journal'], home);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/companies\.DEMO\.gl\.formats\.xero-journal\.tax_rate: is required/);
    expect(result.stderr).toMatch(/companies\.DEMO\.gl\.formats\.netsuite-payment\.date_format: must be one of/);
  });

  it('refuses a closed period with exit 2; report journals lists what was exported, when, in which format, to which files', () => {
    const { home, out } = copyOf('report');
    const closed = run(['export-gl', '--format', 'qbo-journal', '--posting-date', '2026-10-15'], home);
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/falls in a closed period \(gl\.closed_through: 2026-10-31\)/);
    expect(run(['export-gl', '--format', 'xero-journal', '--payer', 'SHOPCO', '--out', join(out, 'xero.csv')], home).code).toBe(0);
    expect(run(['export-gl', '--format', 'sap-lockbox', '--out', join(out, 'lockbox.txt'), '--posting-date', '2026-11-03'], home).code).toBe(0);
    const listed = journals(home);
    expect(listed.map((j) => [j.journal_id, j.format, j.posting_date])).toEqual([['J2', 'sap-lockbox', '2026-11-03'], ['J1', 'xero-journal', '2026-11-02']]);
    expect(listed[0]!.files.split(' ')[0]).toBe(join(out, 'lockbox.txt'));
    const csv = parseCsv(run(['report', 'journals', '--format', 'csv'], home).stdout);
    expect(Object.keys(csv[0]!)).toEqual(['journal_id', 'exported_at', 'company', 'format', 'posting_date', 'state', 'lines', 'debit', 'credit', 'files', 'sha256']);
    expect(run(['report', 'journals'], home).stdout).toMatch(/J2.*sap-lockbox/);
    const copy = join(out, 'again.txt');
    expect(run(['export-gl', '--reexport', 'J2', '--out', copy], home).code).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(out, 'lockbox.txt'), 'utf8'));
    expect(existsSync(join(out, 'again-journal.csv')) === existsSync(join(out, 'lockbox-journal.csv'))).toBe(true);
  }, 60_000);
});
