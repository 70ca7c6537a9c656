/** `remit report <kind>`: what the ledger holds, as a table, CSV or JSON on stdout. */
import { UsageError } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import type { ListingKind, Listings } from '../../ledger/index.js';
import { LISTING_KINDS, listing } from '../../pipeline/reports.js';
import { streamRows } from '../row-stream.js';
import { sayFor } from '../say.js';
import type { Context } from '../context.js';
import { render, type Cells, type Format } from '../table.js';
import { withWorkspace } from '../workspace.js';

const KINDS = {
  applications: {
    columns: ['payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'invoice_number', 'cash', 'discount', 'deduction', 'currency', 'method', 'confidence', 'status', 'explanation', 'write_off', 'application_id', 'journal_id', 'line_id'],
    /** On a screen the ids come first: explain, apply and unapply take them. */
    table: ['application_id', 'line_id', 'payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'invoice_number', 'cash', 'discount', 'deduction', 'currency', 'method', 'confidence', 'status', 'write_off'],
    money: { cash: 'cashMinor', discount: 'discountMinor', deduction: 'deductionMinor', write_off: 'writeOffMinor' },
  },
  exceptions: {
    columns: ['line_id', 'payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'status', 'unapplied', 'currency', 'note'],
    money: { unapplied: 'amountMinor' },
  },
  deductions: {
    columns: ['payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'invoice_number', 'amount', 'currency', 'reason_code', 'reason_raw', 'status', 'deduction_id', 'line_id', 'journal_id'],
    table: ['deduction_id', 'line_id', 'payer', 'payment_ref', 'payment_date', 'line_no', 'line_ref', 'invoice_number', 'amount', 'currency', 'reason_code', 'reason_raw', 'status'],
    money: { amount: 'amountMinor' },
  },
  documents: {
    columns: ['document_id', 'received_at', 'original_name', 'format', 'status', 'payer', 'remittance_count', 'duplicate_count', 'first_problem', 'batch_id', 'sha256', 'source', 'dismissed'],
    money: {},
  },
  batches: {
    columns: ['batch_id', 'kind', 'company', 'started_at', 'finished_at', 'documents', 'payments', 'lines', 'total'],
    money: { total: 'totalMinor' },
  },
} as const satisfies Record<ListingKind, { columns: readonly string[]; table?: readonly string[]; money: Record<string, string> }>;

/** Rows a table shows unless --limit says otherwise: a screenful or two, oldest first. */
export const TABLE_ROWS = 100;

export interface ReportOptions {
  /** morning: write the page here. */
  html?: string;
  open?: boolean;
  format?: string;
  json?: boolean;
  company?: string;
  /** At most this many rows; 0 for all. Tables default to TABLE_ROWS, CSV and JSON to all. */
  limit?: string | number;
}

/**
 * CSV and JSON are for spreadsheets and scripts: every row, streamed as it is read. A table
 * is for a person at a terminal: the first rows, and how many more there are and how to get
 * them, so an exceptions list of a bad month does not scroll for minutes.
 */
export async function run(kind: string, options: ReportOptions, ctx: Context): Promise<number> {
  if (kind === 'rules') return (await import('./rules.js')).list(options, ctx);
  if (kind === 'morning') return (await import('./morning.js')).run(options, ctx);
  if (kind === 'journals') return (await import('./journals-report.js')).run(options, ctx);
  if (kind === 'cash') return (await import('./report-cash.js')).run(options, ctx);
  if (!(LISTING_KINDS as readonly string[]).includes(kind)) throw new UsageError(`no report "${kind}" (choose: ${[...LISTING_KINDS, 'journals', 'rules', 'morning', 'cash'].join(', ')})`);
  const format = (options.json ? 'json' : (options.format ?? 'table')) as Format;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format ${options.format}: choose table, csv or json`);
  const limit = limitOf(options.limit, format === 'table' ? TABLE_ROWS : 0);
  const spec = KINDS[kind as ListingKind];
  const numeric = new Set(Object.keys(spec.money));
  return withWorkspace(ctx, async (pipeline) => {
    const rows = listing(pipeline, kind as ListingKind, { ...(options.company ? { company: options.company } : {}), limit });
    const cells = asCells(rows.pages, spec.money);
    if (format !== 'table') {
      await streamRows(ctx.stdout, cells, [...spec.columns], format, numeric);
      return 0;
    }
    const shown: Cells[] = [];
    for await (const row of cells) shown.push(row);
    // The ids stay: explain, apply and unapply need them. The explanation is for CSV and JSON (and remit explain).
    const columns = 'table' in spec ? [...spec.table] : spec.columns.filter((c) => !['explanation', 'journal_id'].includes(c));
    ctx.stdout.write(render(shown, columns, format, numeric, ctx.stdout));
    const { more, total } = await rows.rest();
    if (more) sayFor(ctx).info(`${shown.length} of ${total.toLocaleString('en-US')} rows shown; --limit 0 shows them all, --format csv writes them all for a spreadsheet`);
    return 0;
  });
}

function limitOf(option: string | number | undefined, fallback: number): number {
  if (option === undefined) return fallback;
  const limit = Number(option);
  if (!Number.isSafeInteger(limit) || limit < 0) throw new UsageError(`--limit ${option}: a number of rows, 0 for all`);
  return limit;
}

/**
 * Each record as the report's cells: its fields under their snake_case column names (as
 * CSV headers and JSON keys have always been), and its amounts also as decimal text.
 */
async function* asCells<K extends ListingKind>(pages: AsyncIterable<ReadonlyArray<Listings[K]>>, money: Record<string, string>): AsyncGenerator<Cells> {
  const amounts = Object.entries(money);
  for await (const page of pages) {
    for (const record of page) {
      const row: Cells = {};
      for (const [field, value] of Object.entries(record as object)) row[snakeCase(field)] = value as Cells[string];
      for (const [column, source] of amounts) {
        const value = (record as unknown as Record<string, unknown>)[source];
        row[column] = typeof value === 'number' ? formatMinor(value) : null;
      }
      yield row;
    }
  }
}

/** `writeOffMinor` -> `write_off_minor`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
