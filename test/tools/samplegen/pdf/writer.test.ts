import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { textWidth, writePdf } from '../../../../src/tools/samplegen/pdf/index.js';

async function textOf(bytes: Uint8Array, password?: string): Promise<string[][]> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: pdfjs.VerbosityLevel.ERRORS, ...(password ? { password } : {}) }).promise;
  try {
    const pages: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str] : [])));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

function latin1(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
}

describe('writePdf', () => {
  it('writes pages of text that a PDF reader reads back', async () => {
    const bytes = writePdf([
      [{ x: 36, y: 750, text: 'Hello (world) \\ back' }, { x: 500, y: 700, text: '1,234.56', align: 'right', size: 8 }],
      { texts: [{ x: 36, y: 750, text: 'Page two', bold: true }] },
    ]);
    expect(await textOf(bytes)).toEqual([['Hello (world) \\ back', '1,234.56'], ['Page two']]);
  });

  it('writes a valid cross-reference table', () => {
    const text = latin1(writePdf([[{ x: 10, y: 10, text: 'x' }], [{ x: 10, y: 10, text: 'y' }]]));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries.length).toBeGreaterThan(4);
    entries.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true));
  });

  it('is deterministic', () => {
    const page = [{ x: 36, y: 700, text: 'same' }];
    expect(writePdf([page], { title: 't' })).toEqual(writePdf([page], { title: 't' }));
  });

  it('writes a page with no text layer', async () => {
    const bytes = writePdf([{ rects: [{ x: 50, y: 50, width: 500, height: 700, gray: 0.8 }] }]);
    expect(await textOf(bytes)).toEqual([[]]);
  });

  it('locks a file with a password that opens it again', async () => {
    const bytes = writePdf([[{ x: 36, y: 700, text: 'Secret remittance' }]], { userPassword: 'open-sesame', title: 'Locked' });
    await expect(textOf(bytes)).rejects.toMatchObject({ name: 'PasswordException' });
    expect(await textOf(bytes, 'open-sesame')).toEqual([['Secret remittance']]);
  });

  it('measures Helvetica text for right alignment', () => {
    expect(textWidth('0.00', 10)).toBeCloseTo(19.46, 2);
    expect(textWidth('W', 10, true)).toBeCloseTo(9.44, 2);
  });
});
