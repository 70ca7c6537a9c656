/**
 * What a new operator met (issue 19), each through the real CLI: the command the demo
 * prints works as written; an unknown payer code, a match with no open-invoice file and a
 * file whose payer is unknown each say what is true and what to do; status after a run
 * knows the run; tables fit and show the ids; what a person types is read as the matcher
 * would; failed documents can be retried or let go; times are local.
 */
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES, newWorkspace, parseCsv, remit, removeDir, tempDir } from '../support/cli.js';

const AMZ = join(SAMPLES, 'remittances', 'amazon_remittance_13142949.csv');
const WMT = join(SAMPLES, 'remittances', 'WMT_820_20240920_000004637.edi');
const homes: string[] = [];
afterAll(() => homes.forEach(removeDir));

function workspace(): string {
  const home = newWorkspace('NWF');
  homes.push(home);
  return home;
}

describe('the operator\'s findings', () => {
  let home: string;
  beforeAll(() => {
    home = workspace();
    expect(remit(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')], { home }).code).toBe(0);
  });

  it('the demo\'s closing hint works as written', () => {
    const demo = join(tempDir(), 'demo');
    homes.push(join(demo, '..'));
    const result = remit(['demo', '--keep', demo]);
    expect(result.code).toBe(0);
    const hint = /Look around: (.+ report morning --home \S+)/.exec(result.stderr)?.[1];
    expect(hint).toBeDefined();
    expect(() => execSync(hint!, { stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } })).not.toThrow();
  });

  it('an unknown --payer is refused with a did-you-mean, unless --new-payer says it is meant', () => {
    const wrong = remit(['import', '--payer', 'AMZZ', AMZ], { home });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--payer AMZZ: .*did you mean AMZ\?/);
    expect(remit(['report', 'documents', '--format', 'csv'], { home }).stdout.trim().split('\n')).toHaveLength(1);
    const meant = remit(['import', '--payer', 'NEWCO', '--new-payer', AMZ], { home: workspace() });
    expect(meant.code).toBe(0);
  });

  it('match with no open-invoice file says so and what to run', () => {
    const bare = workspace();
    expect(remit(['import', '--payer', 'AMZ', '--new-payer', AMZ], { home: bare }).code).toBe(0);
    const result = remit(['match'], { home: bare });
    expect(result.stderr).toMatch(/no open-invoice file was ever imported for NWF: no line can be applied \(remit invoices import FILE/);
  });

  it('a file whose payer no setting names shows the name the file gives, to paste into payers.<ID>.ids', () => {
    const result = remit(['import', WMT], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is from "WALMART INC\.", which no payer of remit.yaml names: add "WALMART INC\." under payers.<ID>.ids/);
  });

  it('status after a remit run knows the run, and prints no stray (none)', () => {
    const run = workspace();
    expect(remit(['run'], { home: run }).code).toBe(0);
    const status = JSON.parse(remit(['status', '--json'], { home: run }).stdout) as { lastRun: { runId: string } | null };
    expect(status.lastRun?.runId).toMatch(/^\d{8}T\d{6}/);
    const text = remit(['status'], { home: run }).stdout;
    expect(text).not.toMatch(/last run {6}never/);
    expect(text).not.toContain('(none)');
    expect(text).toMatch(/portals {7}none \(remit portal add\)/);
  });

  it('tables piped keep every character and pad nothing; applications show the ids explain and unapply need', () => {
    expect(remit(['import', '--payer', 'AMZ', AMZ], { home }).code).toBe(0);
    expect(remit(['match'], { home }).code).toBe(0);
    const exceptions = remit(['report', 'exceptions'], { home }).stdout.split('\n');
    expect(exceptions.every((line) => line === line.trimEnd())).toBe(true);
    const dry = remit(['match', '--dry-run'], { home: workspace() });
    expect(dry.code).toBe(0);
    const applications = remit(['report', 'applications'], { home }).stdout;
    expect(applications.split('\n')[0]).toMatch(/^application_id\s+line_id\s+payer/);
    // The dry run's table, piped, keeps explanations whole (a terminal would cut them to fit).
    const full = remit(['match', '--dry-run', '--json'], { home }).stdout;
    const explanations = (JSON.parse(full) as Array<{ explanation: string }>).map((d) => d.explanation);
    const table = remit(['match', '--dry-run'], { home }).stdout;
    for (const text of explanations) expect(table).toContain(text.replace(/\s+/g, ' '));
  });

  it('explain and apply read what a person types, say what they read it as, and apply says what stays open', () => {
    const csv = parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout);
    const applied = csv[0]!;
    const explained = remit(['explain', applied['invoice_number']!], { home });
    expect(explained.code).toBe(0);
    expect(explained.stderr).toMatch(new RegExp(`read "${applied['invoice_number']}" as .*: line ${applied['line_id']}`));
    expect(remit(['explain', `${applied['payment_ref']}:${applied['line_no']}`], { home }).stdout).toMatch(new RegExp(`^line ${applied['line_id']}:`));
    // Undo an application, then apply it again as a person would type it: PAYMENT:LINE and the invoice's digits.
    expect(remit(['unapply', applied['application_id']!], { home }).code).toBe(0);
    const digits = applied['invoice_number']!.replace(/\D/g, '');
    const again = remit(['apply', `${applied['payment_ref']}:${applied['line_no']}`, digits], { home });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`read as payment ${applied['payment_ref']} line ${applied['line_no']}`));
    expect(again.stderr).toMatch(new RegExp(`read as ${digits} is invoice ${applied['invoice_number']}`));
    expect(again.stderr).toMatch(/(stays open on it|it is settled)$/m);
    const unknown = remit(['explain', 'NO-SUCH-THING'], { home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no line "NO-SUCH-THING": give a line id, PAYMENT:LINE, or an invoice number/);
  });

  it('a file imported again names no batch: nothing was recorded', () => {
    const again = remit(['import', '--payer', 'AMZ', AMZ], { home });
    expect(again.stderr).toMatch(/0 imported, 1 skipped, 0 failed; nothing recorded/);
    expect(again.stderr).not.toMatch(/^batch \d+/m);
  });

  it('status says what its deduction count counts', () => {
    expect(remit(['status'], { home }).stdout).toMatch(/deductions {4}\d+ open \([\d,.]+\): \d+ on invoices, \d+ on their own/);
  });

  it('failed documents are read again by id, or dismissed with a reason and no longer counted', () => {
    const ws = workspace();
    const bad = join(tempDir(), 'bad.csv');
    homes.push(join(bad, '..'));
    execSync(`printf 'nothing,here\\n1,2\\n' > ${JSON.stringify(bad)}`);
    expect(remit(['import', '--payer', 'AMZ', '--new-payer', bad], { home: ws }).code).toBe(1);
    const [doc] = parseCsv(remit(['report', 'documents', '--format', 'csv'], { home: ws }).stdout);
    expect(remit(['documents', 'retry', doc!['document_id']!], { home: ws }).code).toBe(1);
    expect((JSON.parse(remit(['status', '--json'], { home: ws }).stdout) as { failedDocuments: number }).failedDocuments).toBe(1);
    expect(remit(['documents', 'dismiss', doc!['document_id']!, '--reason', 'not a remittance: a price list'], { home: ws }).code).toBe(0);
    expect((JSON.parse(remit(['status', '--json'], { home: ws }).stdout) as { failedDocuments: number }).failedDocuments).toBe(0);
    const [after] = parseCsv(remit(['report', 'documents', '--format', 'csv'], { home: ws }).stdout);
    expect(after).toMatchObject({ status: 'failed', dismissed: expect.stringMatching(/^not a remittance: a price list \(dismissed by /) });
    expect(remit(['documents', 'retry', '--failed'], { home: ws }).stderr).toMatch(/no failed document to read again/);
  });

  it('tables show times in the operator\'s time zone', () => {
    const table = remit(['report', 'documents'], { home, env: { TZ: 'America/New_York' } }).stdout;
    expect(table).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} (EST|EDT|GMT-5|GMT-4)/);
    const csv = remit(['report', 'documents', '--format', 'csv'], { home, env: { TZ: 'America/New_York' } }).stdout;
    expect(csv).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
  });
});
