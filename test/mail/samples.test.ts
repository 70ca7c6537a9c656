/**
 * The shared sample mailbox (../shared/samples/mail, read in place, never copied): every
 * message handled as manifest.csv says (import or skip; for attachments, the very file of
 * remittances/ found), the body-only payments read as mail/key.csv and mail/payments.csv
 * say through remittancesFromRows with no configuration, and the payer of every imported
 * message found with no sender configured, from the open-invoice file alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/hash.js';
import { identifyPayer, type OpenInvoiceLookup } from '../../src/mail/payer.js';
import { remittanceParts } from '../../src/mail/parts/remittance-parts.js';
import { readMessage } from '../../src/mail/reading/read-message.js';
import { parseInvoiceFile, parseRemittanceFile } from '../../src/parsers/index.js';
import { remittancesFromRows } from '../../src/parsers/tabular/remittance-table.js';
import { SAMPLES as SAMPLES_DIR, parseCsv } from '../support/cli.js';
import { parseOptions } from '../support/parse-options.js';

// Beside the checkout, or beside the worktrees' folder (test/support/cli.ts finds either).
const SAMPLES = pathToFileURL(SAMPLES_DIR);
const present = existsSync(new URL('mail/manifest.csv', SAMPLES));
if (!present) console.log(`mail samples skipped: ${new URL('mail/', SAMPLES).pathname} is not there (the shared samples sit beside the checkout)`);

const read = (path: string) => readFileSync(new URL(path, SAMPLES));

describe.skipIf(!present)('shared sample mailbox', () => {
  const manifest = present ? parseCsv(read('mail/manifest.csv').toString('utf8')) : [];
  const key = present ? parseCsv(read('mail/key.csv').toString('utf8')) : [];
  const payments = present ? parseCsv(read('mail/payments.csv').toString('utf8')) : [];
  const open = async (file: string) => {
    const message = await readMessage(read(file));
    return { message, parts: remittanceParts(message) };
  };

  it.each(manifest.map((row) => [row['file']!, row] as const))('%s is handled as the manifest says', async (file, row) => {
    const { parts } = await open(file);
    const taken = parts.documents.length + parts.bodyTables.length;
    if (row['expected'] === 'skip') {
      expect(taken).toBe(0);
      expect(parts.skipped.length).toBeGreaterThan(0);
      const expectedReason = { 'out-of-office': /automatic reply/, newsletter: /bulk or list message/, 'encrypted-zip': /password-protected ZIP/ }[row['kind']!];
      expect(parts.skipped.map((s) => s.reason).join(' | ')).toMatch(expectedReason!);
      return;
    }
    expect(row['expected']).toBe('import');
    expect(parts.kind).toBe('mail');
    if (row['kind'] === 'attachment') {
      const [, name, original] = /attachment "([^"]+)" is a byte copy of (remittances\/[^ ]+)/.exec(row['note']!)!;
      expect(parts.documents.map((d) => d.name)).toEqual([name]);
      expect(sha256(parts.documents[0]!.bytes)).toBe(sha256(read(original!)));
      expect(parts.bodyTables).toEqual([]);
    } else {
      expect(parts.documents).toEqual([]);
      expect(parts.bodyTables).toHaveLength(1);
    }
  });

  it('reads every body-only payment as key.csv says: payment, date, lines, amounts, discounts, total', async () => {
    const bodyFiles = manifest.filter((row) => row['expected'] === 'import' && row['kind'] !== 'attachment').map((row) => row['file']!);
    expect(bodyFiles).toHaveLength(payments.length);
    for (const file of bodyFiles) {
      const { parts } = await open(file);
      const table = parts.bodyTables[0]!;
      const { remittances, diagnostics } = remittancesFromRows(table.rows, parseOptions(file));
      expect(diagnostics).toEqual([]);
      expect(remittances).toHaveLength(1);
      const remittance = remittances[0]!;
      const payment = payments.find((p) => p['files'] === file)!;
      expect([remittance.paymentRef, remittance.paymentDate, remittance.currency]).toEqual([payment['payment_ref'], payment['payment_date'], payment['currency']]);
      expect(remittance.lines.reduce((sum, line) => sum + line.paidMinor, 0)).toBe(Number(payment['total_minor']));
      expect(table.fields.amountMinor).toBe(Number(payment['total_minor']));
      const expected = key.filter((row) => row['file'] === file).map((row) => [Number(row['line_no']), row['line_ref'], Number(row['line_amount_minor']), Number(row['discount_minor'])]);
      expect(remittance.lines.map((line) => [line.lineNo, line.reference, line.paidMinor, line.discountMinor])).toEqual(expected);
    }
  });

  it('finds the payer of every message to import with no sender configured, from the open invoices alone', async () => {
    const { invoices } = parseInvoiceFile(read('open_invoices.csv'), parseOptions('open_invoices.csv'));
    const byNumber = new Map<string, Set<string>>();
    const digits = (reference: string) => reference.toUpperCase().replace(/^#|^INV[\s-]?/, '').replace(/^0+/, '');
    for (const invoice of invoices) {
      const set = byNumber.get(digits(invoice.number)) ?? new Set<string>();
      set.add(invoice.customer);
      byNumber.set(digits(invoice.number), set);
    }
    const names = new Map(invoices.map((invoice) => [invoice.customer, invoice.customerName ?? invoice.customer]));
    const lookup: OpenInvoiceLookup = {
      customersOf: (reference) => (/^(INV[\s-]?|#)?\d{6}$/i.test(reference) ? [...(byNumber.get(digits(reference)) ?? [])] : []),
      customers: [...names].map(([id, name]) => ({ id, name })),
    };
    for (const row of manifest.filter((r) => r['expected'] === 'import')) {
      const { message, parts } = await open(row['file']!);
      const references: string[] = [];
      for (const document of parts.documents) {
        const parsed = await parseRemittanceFile(document.bytes, parseOptions(document.name));
        for (const remittance of parsed.remittances) references.push(...remittance.lines.map((line) => line.reference));
      }
      const decision = identifyPayer({ message, senders: {}, invoices: lookup, references });
      expect({ file: row['file'], payer: decision.payer, why: decision.payer === undefined ? decision.reason : decision.method }).toMatchObject({ file: row['file'], payer: row['payer'] });
    }
  });
});
