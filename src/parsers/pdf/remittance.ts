/**
 * A payment block (fields + rows) to a Remittance: header values parsed and checked, lines
 * numbered in file order, and the sum of the lines checked against the stated total. A
 * mismatch is an error diagnostic naming both figures; the remittance is still returned for
 * the caller to flag. A second copy of a stub's table printed on the same page is read once.
 * A block with no readable line comes back with `lines: []` and an error: the caller drops it.
 */
import { ParseError } from '../../core/errors.js';
import { displayMinor, parseAmount, sumMinor, type Minor } from '../../core/money.js';
import type { Diagnostic, ParseOptions, Remittance, RemittanceLine } from '../types.js';
import { decideDecimalMark } from './amounts.js';
import { readDay } from './dates.js';
import { cleanAmount, guessPayerName, type FieldValue } from './fields.js';
import type { Layout } from './layout.js';
import type { TextLine } from './lines.js';
import { readRow } from './rows.js';
import type { PaymentBlock } from './table.js';
import type { Cells } from './columns.js';

export interface BuiltRemittance {
  remittance: Remittance;
  diagnostics: Diagnostic[];
}

/** Build one remittance. Throws ParseError when the payment cannot be identified or dated. */
export function buildRemittance(given: PaymentBlock, pages: TextLine[][], layout: Layout, options: ParseOptions): BuiltRemittance {
  let block = given;
  const diagnostics: Diagnostic[] = [];
  const report = (level: Diagnostic['level'], message: string, page: number): void => {
    if (!options.lenient && level === 'warning') throw new ParseError(`page ${page}: ${message}`);
    diagnostics.push({ level, message, location: `page ${page}` });
  };
  const { fields } = block;
  const hint = layout.source === 'template' ? 'check the pdf_template fields for this payer' : 'add a pdf_template for this payer';

  const paymentRef = fields.paymentRef?.value.replace(/^#\s*/, '').trim();
  if (!paymentRef) {
    const looked = layout.source === 'template' ? 'pdf_template fields.payment_ref' : 'Payment Number, Check No, EFT';
    throw new ParseError(`no payment number found (looked for ${looked}) for the table on page ${block.firstPage}`, hint);
  }
  const paymentDate = readDate(fields.paymentDate, options);
  if (!paymentDate.ok) throw new ParseError(`payment ${paymentRef}: ${paymentDate.reason}`, hint);

  let currency = options.currency;
  const statedCurrency = fields.currency?.value.trim().toUpperCase();
  if (statedCurrency && /^[A-Z]{3}$/.test(statedCurrency)) currency = statedCurrency;
  else if (statedCurrency) report('warning', `currency "${statedCurrency}" is not a 3-letter code; using ${options.currency}`, fields.currency!.page);
  else currency = currencyWritten([fields.total?.value, block.totalRow?.text]) ?? currency;

  const payerName = fields.payerName?.value.trim() || guessPayerName(pages[block.firstPage - 1] ?? [], layout);
  const payer = payerName ? options.payerIds?.[payerName] : undefined;
  const method = fields.method?.value.trim();

  block = { ...block, rows: byBetterReading(block.rows) };
  const decimal = decideDecimalMark(block.rows.map((row) => row.cells.net ?? ''), options.decimalComma);
  if (decimal.decimalComma !== options.decimalComma) {
    const mark = decimal.decimalComma ? 'comma' : 'point';
    report('warning', `amounts are written with a decimal ${mark} ("${decimal.evidence ?? ''}" reads no other way); read so`, block.firstPage);
  }
  const amountOptions = { ...options, decimalComma: decimal.decimalComma };

  const rows = withoutStubCopies(block, amountOptions, report);
  const lines: RemittanceLine[] = [];
  for (const row of rows) {
    const result = readRow(row, {
      dateOrder: options.dateOrder,
      decimalComma: decimal.decimalComma,
      reasonCodes: options.reasonCodes,
      maxFieldChars: options.limits.maxFieldChars,
    });
    if (result.kind === 'skip') {
      if (result.problem) report('warning', result.problem, row.page);
      continue;
    }
    const lineNo = lines.length + 1;
    for (const warning of result.warnings) report('warning', `line ${lineNo}: ${warning}`, row.page);
    lines.push({ lineNo, ...result.line });
  }
  if (lines.length === 0) {
    diagnostics.push({
      level: 'error',
      message: `payment ${paymentRef}: no line of its table on page ${block.firstPage} could be read (${block.rows.length} rows found)`,
      location: `page ${block.firstPage}`,
    });
  }

  const stated = statedTotal(block, amountOptions, report);
  const generic = genericPaidProblem(block, lines, stated, paymentRef);
  if (generic?.asInvoiceAmount) {
    // The stated total proves the generic column is the invoice amount: the paid amount is what is left.
    for (const line of lines) {
      const kept = line.discountMinor + line.adjustments.reduce((sum, adj) => sum + adj.amountMinor, 0);
      line.grossMinor = line.paidMinor;
      line.paidMinor = line.paidMinor - kept;
    }
  }
  if (generic) diagnostics.push({ level: generic.level, message: generic.message, location: `page ${block.firstPage}` });
  if (stated !== undefined) {
    const sum = sumMinor(lines.map((line) => line.paidMinor));
    if (sum !== stated) {
      diagnostics.push({
        level: 'error',
        message: `payment ${paymentRef}: lines add up to ${displayMinor(sum)} but the stated total is ${displayMinor(stated)} (difference ${displayMinor(stated - sum)})`,
        location: `payment ${paymentRef}`,
      });
    }
  }

  // Keys in reading order, so golden files read like the document.
  const remittance: Remittance = {
    ...(payer ? { payer } : {}),
    ...(payerName ? { payerName } : {}),
    paymentRef,
    paymentDate: paymentDate.iso,
    currency,
    ...(method ? { method } : {}),
    ...(stated !== undefined ? { statedTotalMinor: stated } : {}),
    lines,
  };
  return { remittance, diagnostics };
}

function readDate(field: FieldValue | undefined, options: ParseOptions): { ok: true; iso: string } | { ok: false; reason: string } {
  if (!field) return { ok: false, reason: 'no payment date found' };
  const whole = readDay(field.value, options.dateOrder);
  if (whole.ok) return whole;
  // A date followed by a note or a time ("09/24/2024 06:43").
  const first = readDay(field.value.trim().split(/\s+/)[0] ?? '', options.dateOrder);
  return first.ok ? first : { ok: false, reason: `payment date ${whole.reason}` };
}

/**
 * The header's payment amount, else the totals row. When both are printed and disagree,
 * that is reported and the header's amount is kept.
 */
function statedTotal(
  block: PaymentBlock,
  options: ParseOptions,
  report: (level: Diagnostic['level'], message: string, page: number) => void,
): Minor | undefined {
  const format = { decimalComma: options.decimalComma };
  let header: Minor | undefined;
  if (block.fields.total) {
    const parsed = parseAmount(cleanAmount(block.fields.total.value), format);
    if (parsed.ok) header = parsed.minor;
    else report('warning', `payment amount ${parsed.reason}`, block.fields.total.page);
  }
  let footer: Minor | undefined;
  if (block.totalRow) {
    for (const fragment of [...block.totalRow.fragments].reverse()) {
      const parsed = parseAmount(fragment, format);
      const lastWord = parseAmount(fragment.split(/\s+/).pop() ?? '', format);
      if (parsed.ok || lastWord.ok) {
        footer = parsed.ok ? parsed.minor : lastWord.ok ? lastWord.minor : undefined;
        break;
      }
    }
  }
  if (header !== undefined && footer !== undefined && header !== footer) {
    report('error', `payment amount ${displayMinor(header)} differs from the totals row ${displayMinor(footer)}`, block.totalRow!.page);
  }
  return header ?? footer;
}

/**
 * The block's rows, without a second copy of its table: check stubs (QuickBooks voucher
 * checks) print the same stub twice on one page, one for the payee's files. A table is a
 * copy when it repeats the previous table of the payment on the same page row for row, and
 * it is dropped only if one copy then adds up to the stated total (or none is stated).
 */
function withoutStubCopies(
  block: PaymentBlock,
  options: ParseOptions,
  report: (level: Diagnostic['level'], message: string, page: number) => void,
): PaymentBlock['rows'] {
  if (block.tables.length < 2) return block.rows;
  const byTable = block.tables.map((_, i) => block.rows.filter((row) => row.table === i));
  const kept: PaymentBlock['rows'] = [];
  const copies: number[] = [];
  byTable.forEach((rows, i) => {
    const previous = byTable[i - 1];
    const samePage = i > 0 && block.tables[i]!.page === block.tables[i - 1]!.page;
    const repeats = previous !== undefined && rows.length > 0 && rows.length === previous.length && rows.every((row, j) => row.text === previous[j]!.text);
    if (samePage && repeats) copies.push(i);
    else kept.push(...rows);
  });
  if (copies.length === 0) return block.rows;
  const stated = block.fields.total ? parseAmount(cleanAmount(block.fields.total.value), { decimalComma: options.decimalComma }) : undefined;
  if (stated?.ok) {
    const sum = sumMinor(kept.flatMap((row) => {
      const net = parseAmount(row.cells.net ?? '', { decimalComma: options.decimalComma });
      return net.ok ? [net.minor] : [];
    }));
    if (sum !== stated.minor) return block.rows;
  }
  for (const i of copies) report('warning', `the stub's table is printed again on page ${block.tables[i]!.page} (a copy); read once`, block.tables[i]!.page);
  return kept;
}

/** ISO codes and unambiguous symbols seen next to amounts; `$` names several currencies, so it names none. */
const CURRENCY_CODES = /(?:^|[^A-Z])(EUR|USD|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|CZK|HUF|MXN|JPY)(?![A-Z])/;
const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', '£': 'GBP' };

/** The currency a total is written in (`12.345,67 EUR`, `Total Paid AUD`), when it says. */
function currencyWritten(texts: Array<string | undefined>): string | undefined {
  for (const text of texts) {
    if (!text) continue;
    const code = CURRENCY_CODES.exec(text)?.[1];
    if (code) return code;
    for (const [symbol, name] of Object.entries(CURRENCY_SYMBOLS)) if (text.includes(symbol)) return name;
  }
  return undefined;
}

/**
 * A fixed-width table's rows cut by character positions, when that reads more paid amounts
 * than cutting by x positions: glyph positions inside a padded line drawn in a proportional
 * font do not line up with the header, its characters do. Otherwise the rows as placed.
 */
function byBetterReading(rows: PaymentBlock['rows']): PaymentBlock['rows'] {
  if (!rows.some((row) => row.charCells)) return rows;
  const readable = (cells: Cells | undefined) =>
    cells?.net !== undefined && (parseAmount(cells.net).ok || parseAmount(cells.net, { decimalComma: true }).ok);
  const byX = rows.filter((row) => readable(row.cells)).length;
  const byChars = rows.filter((row) => readable(row.charCells)).length;
  return byChars > byX ? rows.map((row) => (row.charCells ? { ...row, cells: row.charCells } : row)) : rows;
}

/**
 * A paid column with a generic name ("Amount") beside discount or deduction columns may be
 * the invoice amount rather than the money paid. The stated total decides: lines that reach
 * it are right; lines that reach it once their discounts and deductions are taken off mean
 * the column is the invoice amount (read so, with a warning); with no stated total nothing
 * decides, which is an error for the operator, never a silent reading.
 */
function genericPaidProblem(
  block: PaymentBlock,
  lines: RemittanceLine[],
  stated: Minor | undefined,
  paymentRef: string,
): { level: Diagnostic['level']; message: string; asInvoiceAmount: boolean } | undefined {
  const name = block.tables.find((table) => table.genericPaid)?.genericPaid;
  if (!name) return undefined;
  const kept = lines.reduce((sum, line) => sum + line.discountMinor + line.adjustments.reduce((a, adj) => a + adj.amountMinor, 0), 0);
  if (kept === 0) return undefined;
  const asPaid = sumMinor(lines.map((line) => line.paidMinor));
  if (stated === asPaid) return undefined;
  if (stated === asPaid - kept && lines.every((line) => line.grossMinor === undefined)) {
    const message = `payment ${paymentRef}: column "${name}" is read as the invoice amount: the lines reach the stated total ${displayMinor(stated)} only after their discounts and deductions`;
    return { level: 'warning', message, asInvoiceAmount: true };
  }
  if (stated === undefined || stated === asPaid - kept) {
    const message = `payment ${paymentRef}: column "${name}" may be the invoice amount or the amount paid, and nothing in the document tells; check the lines or add a pdf_template naming the net column`;
    return { level: 'error', message, asInvoiceAmount: false };
  }
  return undefined;
}
