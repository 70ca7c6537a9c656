/**
 * Property, on whole files: seeded random remittance CSVs (headers in four languages,
 * comma / semicolon / tab, day-first or month-first dates with any separator, decimal point
 * or comma, payment fields as columns or as labels above the table, some files with every
 * day at 12 or less) read with no configuration. A file is either refused with a message
 * naming payers.<ID>.date_order (or decimal_comma), or read with every date and amount as
 * written: a day-first file is never read month-first, nor the reverse.
 */
import { describe, expect, it } from 'vitest';
import { parseRemittanceFile, streamRemittanceFile } from '../../../src/parsers/index.js';
import { parseOptions } from '../../support/parse-options.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADERS = {
  en: { reference: 'Invoice Number', invoice: 'Invoice Date', paid: 'Amount Paid', ref: 'Payment Number', date: 'Payment Date' },
  short: { reference: 'Inv #', invoice: 'Inv Dt', paid: 'Net Amt', ref: 'Chk #', date: 'Chk Dt' },
  de: { reference: 'Rechnungsnummer', invoice: 'Rechnungsdatum', paid: 'Zahlbetrag', ref: 'Zahlungsnummer', date: 'Zahlungsdatum' },
  fr: { reference: 'N° facture', invoice: 'Date facture', paid: 'Montant réglé', ref: 'N° de règlement', date: 'Date de paiement' },
  es: { reference: 'Nº factura', invoice: 'Fecha factura', paid: 'Importe pagado', ref: 'Nº de pago', date: 'Fecha de pago' },
};

interface Truth {
  paymentRef: string;
  paymentDate: string;
  lines: Array<{ reference: string; invoiceDate: string; paidMinor: number }>;
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

function isoDay(next: () => number, smallDays: boolean): string {
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * (smallDays ? 12 : 28));
  return `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function writeDate(iso: string, order: 'dmy' | 'mdy', sep: string, pad: boolean): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const day = pad ? d : String(Number(d));
  const month = pad ? m : String(Number(m));
  return order === 'dmy' ? `${day}${sep}${month}${sep}${y}` : `${month}${sep}${day}${sep}${y}`;
}

function writeAmount(minor: number, comma: boolean, grouped: boolean): string {
  const whole = String(Math.floor(minor / 100));
  const cents = String(minor % 100).padStart(2, '0');
  const groupedWhole = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, comma ? '.' : ',') : whole;
  return `${groupedWhole}${comma ? ',' : '.'}${cents}`;
}

function makeFile(next: () => number): { text: string; truth: Truth; order: 'dmy' | 'mdy' } {
  const language = pick(next, Object.keys(HEADERS) as Array<keyof typeof HEADERS>);
  const h = HEADERS[language];
  const order: 'dmy' | 'mdy' = next() < 0.5 ? 'dmy' : 'mdy';
  const delimiter = pick(next, [',', ';', '\t'] as const);
  const comma = delimiter !== ',' && next() < 0.6;
  const grouped = next() < 0.5;
  const sep = pick(next, ['/', '.', '-']);
  const pad = next() < 0.7;
  const smallDays = next() < 0.4;
  const asLabels = next() < 0.4;
  const paymentDate = isoDay(next, smallDays);
  const truth: Truth = { paymentRef: `P-${Math.floor(next() * 90000) + 10000}`, paymentDate, lines: [] };
  const count = 1 + Math.floor(next() * 8);
  for (let i = 0; i < count; i += 1) {
    truth.lines.push({ reference: `INV-${1000 + i}`, invoiceDate: isoDay(next, smallDays), paidMinor: 100 + Math.floor(next() * 9_000_000) });
  }
  const cell = (text: string) => (text.includes(delimiter) || text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text);
  const rows: string[][] = [];
  if (asLabels) {
    rows.push([`${h.ref}:`, truth.paymentRef], [`${h.date}:`, writeDate(paymentDate, order, sep, pad)], []);
    rows.push([h.reference, h.invoice, h.paid]);
    for (const line of truth.lines) rows.push([line.reference, writeDate(line.invoiceDate, order, sep, pad), writeAmount(line.paidMinor, comma, grouped)]);
  } else {
    rows.push([h.reference, h.invoice, h.paid, h.ref, h.date]);
    for (const line of truth.lines) {
      rows.push([line.reference, writeDate(line.invoiceDate, order, sep, pad), writeAmount(line.paidMinor, comma, grouped), truth.paymentRef, writeDate(paymentDate, order, sep, pad)]);
    }
  }
  const newline = next() < 0.5 ? '\n' : '\r\n';
  return { text: rows.map((row) => row.map(cell).join(delimiter)).join(newline) + newline, truth, order };
}

/** Could the dates alone tell the order? (a day above 12 that differs from its month) */
function decidable(truth: Truth): boolean {
  return [truth.paymentDate, ...truth.lines.map((l) => l.invoiceDate)].some((iso) => Number(iso.slice(8)) > 12 && Number(iso.slice(8)) !== Number(iso.slice(5, 7)));
}

function needsOrder(truth: Truth): boolean {
  return [truth.paymentDate, ...truth.lines.map((l) => l.invoiceDate)].some((iso) => Number(iso.slice(8)) !== Number(iso.slice(5, 7)));
}

describe('property: random payer files, no configuration', () => {
  it('holds for 3,000 seeded files: refused naming the setting, or every date and amount read as written', async () => {
    const next = random(12_2024);
    let read = 0;
    let refused = 0;
    for (let k = 0; k < 3_000; k += 1) {
      const { text, truth, order } = makeFile(next);
      const bytes = new TextEncoder().encode(text);
      const options = parseOptions(`case-${k}.csv`, { payer: 'P' });
      let outcome: { remittances: Array<{ paymentRef: string; paymentDate: string; lines: Array<{ reference: string; invoiceDate?: string; paidMinor: number }> }> } | { error: string };
      try {
        outcome = await parseRemittanceFile(bytes, options);
      } catch (err) {
        outcome = { error: (err as Error).message };
      }
      const label = `case ${k} (${order}):\n${text}`;
      if ('error' in outcome) {
        refused += 1;
        expect(outcome.error, label).toMatch(/payers\.P\.(date_order|decimal_comma)/);
        expect(decidable(truth), `${label}\nrefused although a date shows the order: ${outcome.error}`).toBe(false);
        expect(needsOrder(truth), label).toBe(true);
      } else {
        read += 1;
        expect(outcome.remittances, label).toHaveLength(1);
        const [payment] = outcome.remittances;
        expect({ paymentRef: payment!.paymentRef, paymentDate: payment!.paymentDate, lines: payment!.lines.map((l) => ({ reference: l.reference, invoiceDate: l.invoiceDate, paidMinor: l.paidMinor })) }, label).toEqual(truth);
      }
      // The stream gives the same answer.
      try {
        const stream = streamRemittanceFile(bytes.subarray(0, 65_536), [bytes.subarray(0, 17), bytes.subarray(17)], options)!;
        const streamed = [...stream.remittances];
        expect('remittances' in outcome && streamed.length, label).toBe(1);
      } catch (err) {
        expect('error' in outcome && (err as Error).message, label).toBe('error' in outcome ? outcome.error : '(read)');
      }
    }
    expect(read).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(300);
  }, 120_000);
});
