/**
 * The generic reader on layouts drawn in memory: how generators cut text, several payments
 * in one file, strict and lenient handling of bad cells, and a large document.
 */
import { describe, expect, it, vi } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { parsePdf } from '../../../src/parsers/pdf/index.js';
import type { ParseOptions } from '../../../src/parsers/types.js';
import { textWidth, writePdf, type PdfText } from '../../../src/tools/samplegen/pdf/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { drawHeader, drawRow, HD_LIKE_COLUMNS, money } from './fixtures.js';

type Cells = [string, string, string, string, string, string, string, string];

function payment(ref: string, rows: Cells[], total?: string, y = 760): PdfText[] {
  const texts: PdfText[] = [
    { x: 36, y, text: `Payment Number: ${ref}`, size: 9 },
    { x: 36, y: y - 12, text: 'Payment Date: 10/01/2024', size: 9 },
    ...drawHeader(HD_LIKE_COLUMNS, y - 36, 8.5),
  ];
  rows.forEach((cells, i) => texts.push(...drawRow(HD_LIKE_COLUMNS, cells, y - 50 - i * 13.5, 8.5)));
  if (total) texts.push({ x: 380, y: y - 60 - rows.length * 13.5, text: 'Total Payment', size: 8.5 }, { x: 576, y: y - 60 - rows.length * 13.5, text: total, size: 8.5, align: 'right' });
  return texts;
}

const ROW_A: Cells = ['INV-1', '09/01/2024', '4500000001', '1,000.00', '0.00', '0.00', '', '1,000.00'];
const ROW_B: Cells = ['INV-2', '09/02/2024', '4500000002', '500.00', '10.00', '-40.00', 'SH', '450.00'];

async function parse(pages: PdfText[][], options: Partial<ParseOptions> = {}) {
  return parsePdf(writePdf(pages), parseOptions('test.pdf', { dateOrder: 'mdy', ...options }));
}

/** Each character as its own text item, as some report engines write PDFs. */
function glyphByGlyph(texts: PdfText[]): PdfText[] {
  return texts.flatMap((t) => {
    const size = t.size ?? 10;
    let x = t.align === 'right' ? t.x - textWidth(t.text, size, t.bold) : t.x;
    return [...t.text].flatMap((char) => {
      const glyph = { x, y: t.y, text: char, size, bold: t.bold ?? false };
      x += textWidth(char, size, t.bold);
      return char === ' ' ? [] : [glyph];
    });
  });
}

describe('generic PDF reader', () => {
  it('reads a simple remittance', async () => {
    const result = await parse([payment('9001', [ROW_A, ROW_B], '1,450.00')]);
    expect(result.diagnostics).toEqual([]);
    expect(result.remittances).toHaveLength(1);
    expect(result.remittances[0]).toMatchObject({ paymentRef: '9001', paymentDate: '2024-10-01', statedTotalMinor: 145000 });
    expect(result.remittances[0]!.lines[1]).toEqual({
      lineNo: 2,
      reference: 'INV-2',
      referenceKind: 'invoice',
      po: '4500000002',
      invoiceDate: '2024-09-02',
      grossMinor: 50000,
      discountMinor: 1000,
      paidMinor: 45000,
      adjustments: [{ amountMinor: 4000, reasonRaw: 'SH', reasonCode: 'shortage' }],
    });
  });

  it('prints nothing while reading', async () => {
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method)),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
    ];
    try {
      await parse([[{ x: 36, y: 780, text: 'Date: 10/02/2024', size: 9 }, ...payment('9001', [ROW_A, ROW_B])]]);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('reads text written one glyph at a time the same way', async () => {
    const plain = await parse([payment('9001', [ROW_A, ROW_B], '1,450.00')]);
    const glyphs = await parse([glyphByGlyph(payment('9001', [ROW_A, ROW_B], '1,450.00'))]);
    expect(glyphs).toEqual(plain);
  });

  it('reads lines written as one string padded with spaces', async () => {
    const padded = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('');
    const widths = [14, 13, 13, 12, 12, 12, 6, 12];
    const rows = [HD_LIKE_COLUMNS.map((c) => c.header), ROW_A, ROW_B];
    const texts: PdfText[] = [
      { x: 36, y: 760, text: 'Payment Number:   77', size: 9 },
      { x: 36, y: 748, text: 'Payment Date:   10/01/2024', size: 9 },
      ...rows.map((cells, i) => ({ x: 36, y: 720 - i * 13, text: padded(cells, widths), size: 8 })),
    ];
    const result = await parse([texts]);
    expect(result.remittances[0]!.lines.map((l) => [l.reference, l.po, l.paidMinor, l.discountMinor])).toEqual([
      ['INV-1', '4500000001', 100000, 0],
      ['INV-2', '4500000002', 45000, 1000],
    ]);
  });

  it('splits a file holding two payments', async () => {
    const result = await parse([payment('A-1', [ROW_A], '1,000.00'), payment('B-2', [ROW_B], '450.00')]);
    expect(result.remittances.map((r) => [r.paymentRef, r.lines.length, r.statedTotalMinor])).toEqual([
      ['A-1', 1, 100000],
      ['B-2', 1, 45000],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('continues a table on a page without a repeated header', async () => {
    const page2: PdfText[] = [
      ...drawRow(HD_LIKE_COLUMNS, ROW_B, 740, 8.5),
      { x: 380, y: 700, text: 'Total Payment', size: 8.5 },
      { x: 576, y: 700, text: '1,450.00', size: 8.5, align: 'right' },
      { x: 36, y: 680, text: 'Reason codes: SH=Shortage 12.00', size: 7 },
    ];
    const result = await parse([[...payment('9001', [ROW_A]), { x: 300, y: 30, text: 'Page 1 of 2', size: 7 }], page2]);
    expect(result.remittances[0]!.lines.map((l) => l.reference)).toEqual(['INV-1', 'INV-2']);
    expect(result.diagnostics).toEqual([]);
  });

  it('reads the PO as the reference when the invoice cell is empty', async () => {
    const result = await parse([payment('9001', [['', '09/01/2024', '4500000009', '10.00', '0.00', '0.00', '', '10.00']])]);
    expect(result.remittances[0]!.lines[0]).toMatchObject({ reference: '4500000009', referenceKind: 'po', po: '4500000009' });
  });

  it('reads a chargeback row as a deduction of its own', async () => {
    const result = await parse([payment('9001', [['CB123', '09/05/2024', '', '', '', '(75.00)', 'DM', '75.00-']])]);
    expect(result.remittances[0]!.lines[0]).toEqual({
      lineNo: 1,
      reference: 'CB123',
      referenceKind: 'other',
      invoiceDate: '2024-09-05',
      discountMinor: 0,
      paidMinor: -7500,
      adjustments: [{ amountMinor: 7500, reasonRaw: 'DM', reasonCode: 'damaged' }],
    });
  });

  it('uses the payer reason mapping from the options', async () => {
    const result = await parse([payment('9001', [ROW_B])], { reasonCodes: { SH: 'other' } });
    expect(result.remittances[0]!.lines[0]!.adjustments[0]!.reasonCode).toBe('other');
  });

  it('maps the payer name to a payer code when the options know it', async () => {
    const texts = [{ x: 36, y: 780, text: 'MEGASTORE INC.', size: 12 }, ...payment('9001', [ROW_A])];
    const result = await parse([texts], { payerIds: { 'MEGASTORE INC.': 'MEGA' } });
    expect(result.remittances[0]).toMatchObject({ payer: 'MEGA', payerName: 'MEGASTORE INC.' });
  });

  it('takes the currency the PDF states over the default', async () => {
    const texts = [{ x: 300, y: 760, text: 'Currency: CAD', size: 9 }, ...payment('9001', [ROW_A])];
    const result = await parse([texts]);
    expect(result.remittances[0]!.currency).toBe('CAD');
  });

  it('records a bad amount in lenient mode and throws in strict mode', async () => {
    const bad: Cells = ['INV-3', '09/03/2024', '', '12.00', '0.00', '0.00', '', '12.0.0'];
    const pages = [payment('9001', [ROW_A, bad])];
    const lenient = await parse(pages);
    expect(lenient.remittances[0]!.lines).toHaveLength(1);
    expect(lenient.diagnostics).toEqual([
      { level: 'warning', message: 'row skipped, Net not an amount: "12.0.0": "INV-3 09/03/2024 12.00 0.00 0.00 12.0.0"', location: 'page 1' },
    ]);
    await expect(parse(pages, { lenient: false })).rejects.toThrow(ParseError);
  });

  it('reports a totals row that disagrees with the header amount', async () => {
    const texts = [{ x: 300, y: 760, text: 'Payment Amount: 1,000.00', size: 9 }, ...payment('9001', [ROW_A], '999.00')];
    const result = await parse([texts]);
    expect(result.remittances[0]!.statedTotalMinor).toBe(100000);
    expect(result.diagnostics).toEqual([
      { level: 'error', message: 'payment amount 1,000.00 differs from the totals row 999.00', location: 'page 1' },
    ]);
  });

  it('enforces the row limit', async () => {
    const options = { limits: { maxRows: 1, maxFieldChars: 100, maxExpandedBytes: 1 } };
    await expect(parse([payment('9001', [ROW_A, ROW_B])], options)).rejects.toThrow(/more than 1 remittance lines/);
  });

  it('leaves the caller\'s bytes usable', async () => {
    const bytes = writePdf([payment('9001', [ROW_A])]);
    await parsePdf(bytes, parseOptions('a.pdf', { dateOrder: 'mdy' }));
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    // A Node Buffer is a Uint8Array too.
    const again = await parsePdf(Buffer.from(bytes), parseOptions('a.pdf', { dateOrder: 'mdy' }));
    expect(again.remittances[0]!.paymentRef).toBe('9001');
  });

  it('reads a 100-page remittance', async () => {
    const pages: PdfText[][] = [];
    let total = 0;
    for (let p = 0; p < 100; p++) {
      const rows: Cells[] = [];
      for (let r = 0; r < 45; r++) {
        const minor = 10_000 + p * 100 + r;
        total += minor;
        rows.push([`INV-${p}-${r}`, '09/01/2024', '', money(minor), '0.00', '0.00', '', money(minor)]);
      }
      pages.push([...payment('BIG', rows, p === 99 ? money(total) : undefined, 780), { x: 300, y: 20, text: `Page ${p + 1} of 100`, size: 7 }]);
    }
    const result = await parse(pages);
    expect(result.remittances).toHaveLength(1);
    expect(result.remittances[0]!.lines).toHaveLength(4500);
    expect(result.remittances[0]!.lines[4499]!.lineNo).toBe(4500);
    expect(result.diagnostics).toEqual([]);
  }, 60_000);
});
