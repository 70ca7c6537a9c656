/** Compare what remit applied with an answer key (shared/samples/key.csv or fixtures/demo/key.csv). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMinor } from '../../src/core/money.js';
import { parseCsv, remit } from './cli.js';

export interface KeyRow {
  file: string;
  payer: string;
  payment_ref: string;
  line_ref: string;
  line_no: string;
  expected_invoice: string;
  cash_minor: string;
  discount_minor: string;
  deduction_minor: string;
  reason_code: string;
  case: string;
  line_amount_minor: string;
  unapplied_minor: string;
}

export function readKey(dir: string): KeyRow[] {
  return parseCsv(readFileSync(join(dir, 'key.csv'), 'utf8')) as unknown as KeyRow[];
}

export interface Comparison {
  checked: number;
  mismatches: string[];
  applied: number;
  expectedApplied: number;
}

/** Every key line (except second copies) checked against the reports of a workspace. */
export function compareWithKey(home: string, key: KeyRow[]): Comparison {
  const report = (kind: string) => parseCsv(remit(['report', kind, '--format', 'csv'], { home }).stdout);
  const applications = report('applications');
  const deductions = report('deductions');
  const exceptions = report('exceptions');
  const at = (rows: Array<Record<string, string>>, k: KeyRow) => rows.filter((r) => r['payer'] === k.payer && r['payment_ref'] === k.payment_ref && r['line_no'] === k.line_no);
  const mismatches: string[] = [];
  let checked = 0;
  for (const k of key.filter((row) => row.case !== 'duplicate')) {
    checked += 1;
    const where = `${k.file} line ${k.line_no} (${k.case} ${k.line_ref})`;
    const apps = at(applications, k);
    if (k.expected_invoice) {
      const app = apps[0];
      if (apps.length !== 1 || !app) {
        mismatches.push(`${where}: expected one application to ${k.expected_invoice}, found ${apps.length}`);
        continue;
      }
      const expected = { invoice_number: k.expected_invoice, line_ref: k.line_ref, cash: formatMinor(Number(k.cash_minor)), discount: formatMinor(Number(k.discount_minor)), deduction: formatMinor(Number(k.deduction_minor)), status: 'applied' };
      for (const [field, value] of Object.entries(expected)) {
        if (app[field] !== value) mismatches.push(`${where}: ${field} is ${app[field]}, expected ${value}`);
      }
    } else if (apps.length > 0) {
      mismatches.push(`${where}: nothing should be applied, found ${apps.map((a) => a['invoice_number']).join(', ')}`);
    }
    const deds = at(deductions, k);
    if (Number(k.deduction_minor) > 0) {
      const total = deds.reduce((sum, d) => sum + Math.round(Number(d['amount']) * 100), 0);
      if (total !== Number(k.deduction_minor)) mismatches.push(`${where}: deductions ${total}, expected ${k.deduction_minor}`);
      if (k.reason_code && !deds.every((d) => d['reason_code'] === k.reason_code)) mismatches.push(`${where}: reason ${deds.map((d) => d['reason_code']).join(',')}, expected ${k.reason_code}`);
    } else if (deds.length > 0) {
      mismatches.push(`${where}: unexpected deduction ${deds.map((d) => d['amount']).join(',')}`);
    }
    const unapplied = at(exceptions, k).reduce((sum, e) => sum + Math.round(Number(e['unapplied']) * 100), 0);
    if (unapplied !== Number(k.unapplied_minor)) mismatches.push(`${where}: unapplied ${unapplied}, expected ${k.unapplied_minor}`);
  }
  return { checked, mismatches, applied: applications.length, expectedApplied: key.filter((k) => k.case !== 'duplicate' && k.expected_invoice).length };
}
