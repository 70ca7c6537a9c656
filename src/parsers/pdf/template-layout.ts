/**
 * The reading layout a payer's `pdf_template` (validated by template.ts) gives: its field
 * regexes replace the generic labels of those fields, its columns replace the generic column
 * names (and only they are read), its total_row and skip_lines join the generic rules.
 */
import { GENERIC_LAYOUT, type ColumnKey, type FieldRule, type Layout } from './layout.js';
import { COLUMN_KEYS, FIELD_KEYS, type PdfTemplate, type PdfTemplateColumn, type PdfTemplateField } from './template.js';

/** The reading layout for a template that {@link validatePdfTemplate} accepted. */
export function layoutFromTemplate(template: PdfTemplate): Layout {
  const fields = { ...GENERIC_LAYOUT.fields };
  for (const [key, source] of Object.entries(template.fields ?? {}) as Array<[PdfTemplateField, string]>) {
    const rule: FieldRule = { kind: 'pattern', pattern: new RegExp(source, 'i') };
    fields[FIELD_KEYS[key]] = [rule];
  }

  let columns = GENERIC_LAYOUT.columns;
  let weakColumns = GENERIC_LAYOUT.weakColumns;
  let ignoredColumns = GENERIC_LAYOUT.ignoredColumns;
  let requiredColumns = GENERIC_LAYOUT.requiredColumns;
  let minColumns = GENERIC_LAYOUT.minColumns;
  if (template.columns) {
    const given: Partial<Record<ColumnKey, string[]>> = {};
    for (const [key, names] of Object.entries(template.columns) as Array<[PdfTemplateColumn, string | string[]]>) {
      given[COLUMN_KEYS[key]] = typeof names === 'string' ? [names] : names;
    }
    columns = given;
    // Only the template's columns are read: no generic names join them.
    weakColumns = {};
    ignoredColumns = [];
    requiredColumns = (['reference', 'po'] as const).filter((key) => given[key]).map((key) => [key, 'net']);
    minColumns = Math.min(3, Object.keys(given).length);
  }

  const totalRow = template.total_row !== undefined ? new RegExp(template.total_row, 'i') : undefined;
  const skips = (template.skip_lines ?? []).map((source) => new RegExp(source, 'i'));
  return {
    fields,
    columns,
    weakColumns,
    ignoredColumns,
    requiredColumns,
    minColumns,
    isTotalRow: totalRow ? (line) => totalRow.test(line.text) : GENERIC_LAYOUT.isTotalRow,
    isSkipped: (line) => GENERIC_LAYOUT.isSkipped(line) || skips.some((skip) => skip.test(line.text)),
    source: 'template',
  };
}
