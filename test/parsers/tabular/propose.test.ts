/** proposeLayout: what `remit payers propose` shows, and a payers.<ID> block that, pasted back, reads the file the same way. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseRemittanceFile } from '../../../src/parsers/index.js';
import { proposeLayout } from '../../../src/parsers/tabular/propose.js';
import type { ParseOptions } from '../../../src/parsers/types.js';
import { parseOptions } from '../../support/parse-options.js';

const ROOT = fileURLToPath(new URL('../../../fixtures/payers/', import.meta.url));
const fixture = (path: string) => readFileSync(join(ROOT, path));

/** The options remit.yaml's pasted block would give (as the importer will pass them). */
function fromBlock(yaml: string, file: string): ParseOptions {
  const block = (parseYaml(yaml) as { payers: Record<string, Record<string, unknown>> }).payers['ACME']!;
  return parseOptions(file, {
    payer: 'ACME',
    columns: (block['columns'] ?? {}) as Record<string, string>,
    headerFields: (block['header_fields'] ?? {}) as Record<string, string>,
    ...(block['date_order'] ? { knownDateOrder: block['date_order'] as 'dmy' } : {}),
    ...(block['decimal_comma'] !== undefined ? { knownDecimalComma: block['decimal_comma'] as boolean } : {}),
  });
}

describe('proposeLayout', () => {
  it('shows the header row, each column with its role and why, the payment fields and where, the conventions and why', () => {
    const proposal = proposeLayout(fixture('sap-zahlungsavis/Zahlungsavis_1500004711.csv'), parseOptions('z.csv', { payer: 'ACME' }));
    expect(proposal.headerRow).toEqual({ rowNo: 8, cells: ['Belegdatum', 'Ihre Belegnummer', 'Unsere Belegnummer', 'Bruttobetrag', 'Skonto', 'Abzug', 'Abzugsgrund', 'Zahlbetrag'] });
    expect(proposal.columns.map((c) => c.role ?? '-')).toEqual(['invoice_date', 'reference', '-', 'gross', 'discount', 'adjustment', 'reason', 'paid']);
    expect(proposal.columns[2]!.why).toMatch(/payer's own document number/);
    expect(proposal.paymentFields).toEqual([
      { field: 'paymentRef', value: '1500004711', from: 'label "Zahlungsbeleg" on row 3' },
      { field: 'paymentDate', value: '2024-09-05', from: 'label "Zahlungsdatum" on row 4' },
      { field: 'currency', value: 'EUR', from: 'label "Währung" on row 5' },
      { field: 'statedTotal', value: '12182.45', from: 'label "Zahlbetrag" on row 6' },
    ]);
    expect(proposal.dateOrder).toEqual({ order: 'dmy', why: 'day-first: "14.08.2024" (row 9, column "Belegdatum") has a day above 12' });
    expect(proposal.decimalComma.value).toBe(true);
    expect(proposal).toMatchObject({ missing: [], payments: 1, lineCount: 3, problems: [] });
    expect(proposal.lines[0]).toMatchObject({ reference: 'LP-204900', paidMinor: 490000 });
    expect(proposal.yaml).toContain('    date_order: dmy');
    expect(proposal.yaml).toContain('      reference: "Ihre Belegnummer"');
    expect(proposal.yaml).toContain('      payment_ref: "Zahlungsbeleg"');
  });

  it('every family: the proposed block, pasted back, reads the file exactly as with no configuration', async () => {
    const families = readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'ambiguous');
    let checked = 0;
    for (const family of families) {
      for (const name of readdirSync(join(ROOT, family.name)).filter((n) => /\.(csv|xlsx)$/.test(n))) {
        const bytes = fixture(`${family.name}/${name}`);
        const proposal = proposeLayout(bytes, parseOptions(name, { payer: 'ACME' }));
        expect(proposal.missing, name).toEqual([]);
        const plain = await parseRemittanceFile(bytes, parseOptions(name, { payer: 'ACME' }));
        const configured = await parseRemittanceFile(bytes, fromBlock(proposal.yaml, name));
        expect(configured.remittances.map((r) => ({ ...r, sources: undefined })), `${name}\n${proposal.yaml}`).toEqual(plain.remittances.map((r) => ({ ...r, sources: undefined })));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('an ambiguous file: the problem named, and no date_order guessed into the block', () => {
    const proposal = proposeLayout(fixture('ambiguous/semicolon-day-first-days-under-13.csv'), parseOptions('a.csv', { payer: 'ACME' }));
    expect(proposal.problems[0]).toMatch(/payers\.ACME\.date_order/);
    expect(proposal.dateOrder.order).toBeUndefined();
    expect(proposal.yaml).not.toMatch(/^\s+date_order:/m);
    expect(proposal.yaml).toMatch(/# date_order: dmy or mdy .*"02\.08\.2024" read both ways/);
    expect(proposal.payments).toBe(0);
  });

  it('a file remit cannot read: what is missing, and a block to fill in', () => {
    const text = 'Remittance from Example\nDoc,Cash In,Remit Id,Value Dt\nA-1,10.00,R9,2026-01-02\n';
    const proposal = proposeLayout(new TextEncoder().encode(text), parseOptions('x.csv', { payer: 'ACME' }));
    expect(proposal.headerRow?.rowNo).toBe(2);
    expect(proposal.missing).toEqual(['amount paid']);
    expect(proposal.problems[0]).toMatch(/no column for amount paid/);
    expect(proposal.yaml).toContain('# columns.paid:');
    const none = proposeLayout(new TextEncoder().encode('Name,Colour\nApple,Red\n'), parseOptions('y.csv', { payer: 'ACME' }));
    expect(none).toMatchObject({ missing: ['header row'], payments: 0 });
    expect(none.problems[0]).toMatch(/no header row with remittance columns/);
  });
});
