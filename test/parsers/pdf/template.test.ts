import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { Checker, formatProblem } from '../../../src/core/validation.js';
import { parsePdf, readPdfTemplate } from '../../../src/parsers/pdf/index.js';
import { writePdf } from '../../../src/tools/samplegen/pdf/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { GLOBEX_TEMPLATE } from './fixtures.js';

const PATH = ['payers', 'HD', 'pdf_template'];

/** The template as remit.yaml's loader checks it: the template, or every problem as a line. */
function validatePdfTemplate(raw: unknown, at: string[]): { template?: unknown; problems: string[] } {
  const c = new Checker();
  const template = readPdfTemplate(c, raw, at);
  const problems = c.reported().map((p) => formatProblem(p));
  return template ? { template, problems } : { problems };
}

describe('readPdfTemplate', () => {
  it('accepts a full template and returns it', () => {
    const { template, problems } = validatePdfTemplate(JSON.parse(JSON.stringify(GLOBEX_TEMPLATE)), PATH);
    expect(problems).toEqual([]);
    expect(template).toEqual(GLOBEX_TEMPLATE);
  });

  it('accepts fields alone and column lists', () => {
    expect(validatePdfTemplate({ fields: { payment_ref: 'Ref (\\d+)' } }, PATH)).toEqual({
      template: { fields: { payment_ref: 'Ref (\\d+)' } },
      problems: [],
    });
    expect(validatePdfTemplate({ columns: { po: ['PO', 'Order'], net: 'Paid' } }, PATH).problems).toEqual([]);
  });

  it('reports every problem with its path', () => {
    const { template, problems } = validatePdfTemplate(
      {
        fields: { payment_ref: 'Ref (\\d+', payment_date: '', total: '(.*)', colour: 'x' },
        columns: { reference: 'Doc', gross: 42, weight: 'Kg', discount: 'doc' },
        total_row: '[',
        skip_lines: ['ok', '*bad'],
        extra: true,
      },
      PATH,
    );
    expect(template).toBeUndefined();
    expect(problems).toEqual([
      'payers.HD.pdf_template.extra: unknown key "extra"; expected one of: fields, columns, total_row, skip_lines',
      'payers.HD.pdf_template.fields.payment_ref: not a valid regular expression (/Ref (\\d+/i: Unterminated group)',
      'payers.HD.pdf_template.fields.payment_date: expected a regular expression (text), got empty text',
      'payers.HD.pdf_template.fields.total: matches empty text, so it would match every line',
      'payers.HD.pdf_template.fields.colour: unknown field; expected payment_ref, payment_date, total, currency, payer_name, method',
      'payers.HD.pdf_template.columns.gross: expected the column\'s header text (or a list of them), got number 42',
      'payers.HD.pdf_template.columns.weight: unknown column; expected reference, invoice_date, po, description, gross, discount, deduction, reason, net',
      'payers.HD.pdf_template.columns.discount: "doc" is also the header of reference',
      'payers.HD.pdf_template.columns: needs net (the amount paid per line)',
      'payers.HD.pdf_template.total_row: not a valid regular expression (/[/i: Unterminated character class)',
      'payers.HD.pdf_template.skip_lines[1]: not a valid regular expression (/*bad/i: Nothing to repeat)',
    ]);
  });

  it('reports the wrong shapes', () => {
    expect(validatePdfTemplate('Invoice No', PATH).problems).toEqual([
      'payers.HD.pdf_template: expected a mapping with fields and/or columns, got "Invoice No"',
    ]);
    expect(validatePdfTemplate({}, PATH).problems).toEqual(['payers.HD.pdf_template: empty template; give fields and/or columns']);
    expect(validatePdfTemplate({ fields: [], columns: { net: 'Net' }, skip_lines: 'x' }, PATH).problems).toEqual([
      'payers.HD.pdf_template.fields: expected a mapping of field to regular expression, got a list',
      'payers.HD.pdf_template.columns: needs reference or po',
      'payers.HD.pdf_template.skip_lines: expected a list of regular expressions, got "x"',
    ]);
  });
});

describe('parsePdf with a template', () => {
  it('uses template fields and keeps the generic columns when it gives none', async () => {
    const bytes = writePdf([[
      { x: 36, y: 760, text: 'Remit reference ZX-77 dated 2024-10-05', size: 9 },
      { x: 36, y: 720, text: 'Invoice No', size: 9 }, { x: 200, y: 720, text: 'Gross', size: 9 }, { x: 400, y: 720, text: 'Net', size: 9 },
      { x: 36, y: 706, text: 'INV-1', size: 9 }, { x: 200, y: 706, text: '10.00', size: 9 }, { x: 400, y: 706, text: '10.00', size: 9 },
    ]]);
    const pdfTemplate = { fields: { payment_ref: 'Remit reference (\\S+)', payment_date: 'dated (\\S+)' } };
    const result = await parsePdf(bytes, parseOptions('t.pdf', { pdfTemplate }));
    expect(result.remittances[0]).toMatchObject({ paymentRef: 'ZX-77', paymentDate: '2024-10-05' });
    expect(result.remittances[0]!.lines).toHaveLength(1);
  });

  it('is checked once, by the loader: an invalid one never reaches the reader', () => {
    const c = new Checker();
    expect(readPdfTemplate(c, { fields: { payment_ref: '(' } }, ['pdf_template'])).toBeUndefined();
    expect(formatProblem(c.reported()[0]!)).toMatch(/^pdf_template\.fields\.payment_ref: not a valid regular expression/);
  });
});
