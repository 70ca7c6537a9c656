/**
 * Hostile input: files that are not what they claim. Each must fail with a ParseError
 * whose message is one line, and pdf.js must print nothing while failing.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { parsePdf } from '../../../src/parsers/pdf/index.js';
import { writePdf } from '../../../src/tools/samplegen/pdf/index.js';
import { parseOptions } from '../../support/parse-options.js';

const good = new Uint8Array(readFileSync(new URL('../../../fixtures/parsers/pdf/three-page-remittance.pdf', import.meta.url)));

async function failure(bytes: Uint8Array, name = 'hostile.pdf'): Promise<ParseError> {
  const err = await parsePdf(bytes, parseOptions(name)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(err).toBeInstanceOf(ParseError);
  const message = (err as ParseError).message;
  expect(message).not.toMatch(/[\r\n]/);
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThanOrEqual(300);
  return err as ParseError;
}

/** Deterministic noise (a linear congruential generator), so failures reproduce. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('hostile PDFs', () => {
  const spies: MockInstance[] = [];
  beforeEach(() => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) spies.push(vi.spyOn(console, method));
    spies.push(vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'));
  });
  afterEach(() => {
    for (const spy of spies) {
      expect(spy, 'nothing printed').not.toHaveBeenCalled();
      spy.mockRestore();
    }
    spies.length = 0;
  });

  it('a truncated PDF (first half of a good one)', async () => {
    const err = await failure(good.slice(0, Math.floor(good.length / 2)));
    expect(err.message).toMatch(/^unreadable PDF/);
  });

  it('a PDF with no text layer', async () => {
    const scan = writePdf([{ rects: [{ x: 40, y: 40, width: 530, height: 710, gray: 0.9 }, { x: 60, y: 700, width: 200, height: 12, gray: 0.2 }] }]);
    const err = await failure(scan);
    expect(err.message).toBe('no text layer; OCR is not supported');
  });

  it('random bytes named .pdf', async () => {
    const err = await failure(noise(4096, 7), 'invoice.pdf');
    expect(err.message).toMatch(/^not a PDF: no %PDF- header/);
  });

  it('random bytes behind a PDF header', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...noise(4096, 11)]);
    const err = await failure(bytes);
    expect(err.message).toMatch(/^unreadable PDF/);
  });

  it('an empty file', async () => {
    const err = await failure(new Uint8Array(0));
    expect(err.message).toBe('empty file (0 bytes), not a PDF');
  });

  it('a PDF whose text is not a remittance', async () => {
    const letter = writePdf([[
      { x: 72, y: 720, text: 'Dear supplier,', size: 11 },
      { x: 72, y: 700, text: 'Our offices will be closed on Monday for the holiday.', size: 11 },
      { x: 72, y: 680, text: 'Invoice questions can wait until Tuesday. Net terms are unchanged.', size: 11 },
    ]]);
    const err = await failure(letter);
    expect(err.message).toMatch(/^no remittance table found: /);
    expect(err.message).toContain('"Dear supplier,"');
  });

  it('a password-protected PDF', async () => {
    const locked = writePdf([[{ x: 36, y: 700, text: 'Payment Number: 1' }]], { userPassword: 'secret' });
    const err = await failure(locked);
    expect(err.message).toMatch(/password-protected/);
  });

  it('a remittance table with no payment number', async () => {
    const bytes = writePdf([[
      { x: 36, y: 700, text: 'Invoice No', size: 9 }, { x: 200, y: 700, text: 'Gross', size: 9 }, { x: 400, y: 700, text: 'Net', size: 9 },
      { x: 36, y: 686, text: 'INV-1', size: 9 }, { x: 200, y: 686, text: '10.00', size: 9 }, { x: 400, y: 686, text: '10.00', size: 9 },
    ]]);
    const err = await failure(bytes);
    expect(err.message).toMatch(/^no payment number found/);
  });

  it('many PDFs of noise never crash or print', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const body = noise(512 + seed * 97, seed);
      // Keep the header and real PDF keywords so pdf.js gets past its first checks.
      const text = new TextEncoder().encode(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n`);
      await failure(new Uint8Array([...text, ...body]));
    }
  });
});
