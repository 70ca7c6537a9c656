/**
 * Golden files: each fixtures/parsers/pdf/<name>.pdf parsed (with <name>.template.json as
 * the payer's pdf_template when present) and deep-compared to <name>.expected.json.
 * The PDFs are drawn by test/parsers/pdf-fixtures.ts; `UPDATE_GOLDEN=1` rewrites the PDFs,
 * templates and expected results from it. Read the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { parsePdf } from '../../../src/parsers/pdf/index.js';
import { updateGolden, writeGolden } from '../../support/golden.js';
import { pdfFixtures } from './fixtures.js';

const DIR = new URL('../../../fixtures/parsers/pdf/', import.meta.url);
const fixtures = pdfFixtures();

describe('PDF golden files', () => {
  if (updateGolden) {
    it('regenerates the fixture PDFs', () => {
      for (const fixture of fixtures) {
        writeFileSync(new URL(`${fixture.name}.pdf`, DIR), fixture.pdf);
        if (fixture.template) writeGolden(new URL(`${fixture.name}.template.json`, DIR), fixture.template);
      }
    });
  }

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const pdfPath = new URL(`${fixture.name}.pdf`, DIR);
      const expectedPath = new URL(`${fixture.name}.expected.json`, DIR);
      const templatePath = new URL(`${fixture.name}.template.json`, DIR);

      it('is the PDF the fixture code draws', () => {
        expect(existsSync(pdfPath), `${fixture.name}.pdf (run with UPDATE_GOLDEN=1)`).toBe(true);
        expect(Buffer.from(readFileSync(pdfPath)).equals(Buffer.from(fixture.pdf)), 'committed PDF differs from pdf-fixtures.ts').toBe(true);
        if (fixture.template) expect(JSON.parse(readFileSync(templatePath, 'utf8'))).toEqual(fixture.template);
      });

      it('parses to the expected result', async () => {
        const template = fixture.template ? (JSON.parse(readFileSync(templatePath, 'utf8')) as Record<string, unknown>) : undefined;
        const options = { ...fixture.options, ...(template ? { pdfTemplate: template } : {}) };
        const result = await parsePdf(new Uint8Array(readFileSync(pdfPath)), options);
        if (updateGolden) writeGolden(expectedPath, result);
        else expect(result).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
      });
    });
  }

  it('cannot read the template layout without its template', async () => {
    const fixture = fixtures.find((f) => f.name === 'template-layout')!;
    const { pdfTemplate: _unused, ...generic } = fixture.options;
    const failure = await parsePdf(fixture.pdf, generic).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ParseError);
    expect((failure as ParseError).message).toMatch(/^no remittance table found: /);
  });
});
