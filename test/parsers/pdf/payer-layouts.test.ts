/**
 * PDF remittance layouts of payers nobody configured (fixtures/payers-pdf): each family
 * reads with no pdf_template, its lines add up to the total it states, and its whole result
 * matches the golden file. UPDATE_GOLDEN=1 rewrites the PDFs and the expected results.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../src/parsers/pdf/index.js';
import { updateGolden, writeGolden } from '../../support/golden.js';
import { parseOptions } from '../../support/parse-options.js';
import { layoutFixtures } from './payer-layouts.js';

const DIR = new URL('../../../fixtures/payers-pdf/', import.meta.url);
const fixtures = layoutFixtures();
const read = (pdf: Uint8Array) => parsePdf(pdf, parseOptions('advice.pdf'));

describe('PDF layouts read with no template', () => {
  it('has at least 8 families', () => expect(fixtures.length).toBeGreaterThanOrEqual(8));

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const pdfPath = new URL(`${fixture.name}.pdf`, DIR);
      const expectedPath = new URL(`${fixture.name}.expected.json`, DIR);

      it('is the PDF the fixture code draws', () => {
        if (updateGolden) writeFileSync(pdfPath, fixture.pdf);
        expect(existsSync(pdfPath), `${fixture.name}.pdf (run with UPDATE_GOLDEN=1)`).toBe(true);
        expect(Buffer.from(readFileSync(pdfPath)).equals(Buffer.from(fixture.pdf)), 'committed PDF differs from payer-layouts.ts').toBe(true);
      });

      it('reads every line, adds up to the stated total, with no error', async () => {
        const result = await read(new Uint8Array(readFileSync(pdfPath)));
        expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
        expect(result.remittances).toHaveLength(1);
        const [payment] = result.remittances;
        expect(payment!.lines).toHaveLength(fixture.lines);
        expect(payment!.lines.reduce((sum, line) => sum + line.paidMinor, 0)).toBe(fixture.totalMinor);
        expect(payment!.statedTotalMinor).toBe(fixture.totalMinor);
      });

      it('parses to the expected result', async () => {
        const result = await read(new Uint8Array(readFileSync(pdfPath)));
        if (updateGolden) writeGolden(expectedPath, result);
        else expect(result).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
      });
    });
  }
});
