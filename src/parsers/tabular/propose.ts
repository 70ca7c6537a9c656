/**
 * What `remit payers propose FILE --payer ID` shows for a CSV or workbook: the header row
 * found, the role given each column and why, the payment fields found and where, the order
 * of dates and the decimal mark and why, what is still missing, the first lines as read,
 * the problems, and a ready-to-paste `payers.<ID>` block that pins all of it down. Pure:
 * bytes (or rows) and options in, a plain object out; the CLI prints it.
 */
import { ParseError, errorMessage } from '../../core/errors.js';
import type { DateOrder } from '../../core/dates.js';
import { detectFormat } from '../detect.js';
import type { HeaderField, ParseOptions, PaymentField, RemittanceLine } from '../types.js';
import type { Row } from './cells.js';
import { readDelimited } from './delimited.js';
import { RemittanceTable } from './remittance-table.js';
import { readWorkbook } from './workbook.js';
import type { TableLayout } from './layout.js';

export interface ColumnProposal {
  /** 1-based column. */
  column: number;
  header: string;
  /** The field it is read as (`payers.<ID>.columns` names), undefined when it is not read. */
  role?: string;
  why: string;
}

export interface PaymentFieldProposal {
  field: PaymentField;
  value: string;
  /** `label "Check No." on row 4`, `column "Pay Date"`, `file name "..."`. */
  from: string;
}

export interface LayoutProposal {
  format: 'csv' | 'xlsx';
  sheet?: string;
  /** The header row found (1-based), undefined when none was. */
  headerRow?: { rowNo: number; cells: string[] };
  columns: ColumnProposal[];
  paymentFields: PaymentFieldProposal[];
  dateOrder: { order?: DateOrder; why: string };
  decimalComma: { value: boolean; why: string };
  /** What a payment needs and the file does not give: `invoice number`, `payment date`... */
  missing: string[];
  /** How many payments and lines the file gives as it stands (0 when it cannot be read). */
  payments: number;
  lineCount: number;
  /** The first lines as read. */
  lines: RemittanceLine[];
  /** The error that stops the file, then every diagnostic, one line each. */
  problems: string[];
  /** A `payers:` block to paste into remit.yaml. */
  yaml: string;
}

const FIELD_NAMES: Record<PaymentField, HeaderField> = {
  paymentRef: 'payment_ref',
  paymentDate: 'payment_date',
  statedTotal: 'total',
  method: 'method',
  currency: 'currency',
  payerName: 'payer_name',
};

/** Fields `payers.<ID>.columns` accepts, in the order the block lists them. */
const MAPPABLE = ['reference', 'po', 'invoice_date', 'gross', 'discount', 'adjustment', 'reason', 'paid', 'payment_ref', 'payment_date', 'currency', 'description'];

/** Propose a layout for a remittance CSV or workbook (bytes), or for rows already read. */
export function proposeLayout(input: Uint8Array | Row[], options: ParseOptions & { sampleLines?: number }): LayoutProposal {
  if (!(input instanceof Uint8Array)) return proposeRows(input, options, 'csv');
  const detected = detectFormat(input);
  if (detected.kind === 'delimited') return proposeRows(readDelimited(detected.text, options.limits).rows, options, 'csv');
  if (detected.kind !== 'workbook') {
    throw new ParseError(`payers propose reads CSV and workbooks; this is ${detected.kind === 'pdf' ? 'a PDF' : `an ${detected.kind} file`}`);
  }
  const sheets = readWorkbook(input, options.limits, detected.container).filter((s) => s.rows.length > 0);
  let first: LayoutProposal | undefined;
  for (const sheet of sheets) {
    const proposal = { ...proposeRows(sheet.rows, options, 'xlsx'), sheet: sheet.name };
    if (proposal.headerRow && proposal.missing.length === 0) return proposal;
    first ??= proposal;
  }
  return first ?? { ...empty('xlsx', options), problems: ['the workbook has no sheet with data'] };
}

function proposeRows(rows: Row[], options: ParseOptions & { sampleLines?: number }, format: 'csv' | 'xlsx'): LayoutProposal {
  const table = new RemittanceTable(options, 'whole');
  const problems: string[] = [];
  let remittances: ReturnType<RemittanceTable['finish']> = [];
  try {
    for (const row of rows) table.push(row);
    remittances = table.finish();
  } catch (err) {
    problems.push(errorMessage(err));
  }
  for (const d of table.diagnostics) problems.push(`${d.level}: ${d.location ? `${d.location}: ` : ''}${d.message}`);
  const layout = table.tableLayout;
  if (!layout) return { ...empty(format, options), problems };
  const conventions = table.fileConventions?.summary();
  const paymentFields = fieldsOf(layout, remittances);
  const proposal: LayoutProposal = {
    format,
    headerRow: { rowNo: layout.rowIndex + 1, cells: layout.headers },
    columns: layout.plans.map((p) => ({ column: p.index + 1, header: p.header, ...(p.field ? { role: p.field } : {}), why: p.why })),
    paymentFields,
    dateOrder: { ...(conventions?.dateOrder ? { order: conventions.dateOrder } : {}), why: conventions?.dateWhy ?? 'no dates read' },
    decimalComma: { value: conventions?.decimalComma ?? false, why: conventions?.markWhy ?? 'no amounts read' },
    missing: layout.missing,
    payments: remittances.length,
    lineCount: remittances.reduce((n, r) => n + r.lines.length, 0),
    lines: remittances.flatMap((r) => r.lines).slice(0, options.sampleLines ?? 10),
    problems,
    yaml: '',
  };
  proposal.yaml = yamlBlock(options.payer ?? '<ID>', layout, proposal);
  return proposal;
}

function empty(format: 'csv' | 'xlsx', options: ParseOptions): LayoutProposal {
  return {
    format, columns: [], paymentFields: [], dateOrder: { why: 'no table found' }, decimalComma: { value: false, why: 'no table found' },
    missing: ['header row'], payments: 0, lineCount: 0, lines: [], problems: [],
    yaml: `payers:\n  ${options.payer ?? '<ID>'}:\n    columns:\n      reference: ""   # the header of the invoice number column\n      paid: ""        # the header of the amount paid column\n`,
  };
}

/** The payment fields as the first payment has them (or as the layout found them, when no payment could be read). */
function fieldsOf(layout: TableLayout, remittances: ReturnType<RemittanceTable['finish']>): PaymentFieldProposal[] {
  const first = remittances[0];
  if (first) {
    const out: PaymentFieldProposal[] = [];
    const values: Partial<Record<PaymentField, string | undefined>> = {
      paymentRef: first.paymentRef, paymentDate: first.paymentDate, currency: first.currency, method: first.method,
      statedTotal: first.statedTotalMinor === undefined ? undefined : (first.statedTotalMinor / 100).toFixed(2), payerName: first.payerName,
    };
    for (const [field, from] of Object.entries(first.sources ?? {}) as Array<[PaymentField, string]>) {
      const value = values[field];
      if (value !== undefined) out.push({ field, value, from });
    }
    if (first.payerName && !out.some((f) => f.field === 'payerName')) {
      const label = layout.labels.find((l) => l.field === 'payerName');
      if (label) out.push({ field: 'payerName', value: first.payerName, from: `label "${label.label}" on row ${label.rowNo}` });
    }
    return out;
  }
  const out: PaymentFieldProposal[] = layout.labels.map((l) => ({ field: l.field, value: l.value, from: `label "${l.label}" on row ${l.rowNo}` }));
  if (layout.fileName.paymentRef) out.push({ field: 'paymentRef', value: layout.fileName.paymentRef, from: 'the file name' });
  if (layout.fileName.paymentDate) out.push({ field: 'paymentDate', value: layout.fileName.paymentDate, from: 'the file name' });
  return out;
}

function yamlBlock(payer: string, layout: TableLayout, proposal: LayoutProposal): string {
  const q = (text: string): string => JSON.stringify(text);
  const out = ['payers:', `  ${/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(payer) ? payer : q(payer)}:`];
  const setting = (text: string, why: string): string => `    ${text.padEnd(26)} # ${oneLine(why)}`;
  const example = (why: string): string => /"[^"]+"/.exec(why)?.[0] ?? 'its values';
  if (proposal.dateOrder.order) out.push(setting(`date_order: ${proposal.dateOrder.order}`, proposal.dateOrder.why));
  else if (/date_order/.test(proposal.dateOrder.why)) out.push(setting('# date_order: dmy or mdy', `dates such as ${example(proposal.dateOrder.why)} read both ways: ask the payer which order it writes`));
  if (!/decimal_comma/.test(proposal.decimalComma.why)) out.push(setting(`decimal_comma: ${proposal.decimalComma.value}`, proposal.decimalComma.why));
  else out.push(setting('# decimal_comma: true or false', `amounts such as ${example(proposal.decimalComma.why)} read both ways: ask the payer`));
  const mapped = MAPPABLE.map((field) => [field, layout.plans.filter((p) => p.field === field)] as const).filter(([, plans]) => plans.length > 0);
  if (mapped.length > 0) {
    out.push('    columns:');
    for (const [field, plans] of mapped) {
      out.push(`      ${field}: ${q(plans[0]!.header)}`);
      for (const extra of plans.slice(1)) out.push(`      # also ${field}: ${q(extra.header)} (read as a further ${field})`);
    }
  }
  for (const missing of proposal.missing) {
    if (missing === 'invoice number') out.push('    # columns.reference: "<the header of the invoice number column>"');
    if (missing === 'amount paid') out.push('    # columns.paid: "<the header of the amount paid column>"');
  }
  const labels = layout.labels.filter((l) => FIELD_NAMES[l.field] !== undefined);
  const fromLabels = proposal.paymentFields.filter((f) => f.from.startsWith('label "'));
  if (labels.length > 0 || fromLabels.length > 0) {
    out.push('    header_fields:');
    const seen = new Set<string>();
    for (const f of fromLabels) {
      const label = /^label "(.*)" on row/.exec(f.from)?.[1];
      if (!label || seen.has(f.field)) continue;
      seen.add(f.field);
      out.push(`      ${FIELD_NAMES[f.field]}: ${q(label)}`);
    }
    for (const l of labels) {
      if (seen.has(l.field)) continue;
      seen.add(l.field);
      out.push(`      ${FIELD_NAMES[l.field]}: ${q(l.label)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 120);
}
