/**
 * What every parser returns: bytes in, remittances and diagnostics out. Parsers do no IO
 * and never throw for bad content they can describe; they throw ParseError when nothing
 * usable can be read, with a one-line message naming what was seen.
 */
import type { Diagnostic, DocumentFormat } from '../domain/document.js';
import type { HeaderField, Remittance } from '../domain/remittance.js';
import type { DateOrder, UsualDateOrder } from '../core/dates.js';
import type { PdfTemplate } from './pdf/template.js';

export type { Adjustment, Remittance, RemittanceLine } from '../domain/remittance.js';
export type { Diagnostic, DocumentFormat } from '../domain/document.js';
export type { PaymentField, HeaderField } from '../domain/remittance.js';

export interface ParseResult {
  format: DocumentFormat;
  remittances: Remittance[];
  diagnostics: Diagnostic[];
  /** The order of day and month this document's own dates proved, for the payer's next documents. */
  dateOrder?: 'dmy' | 'mdy';
}

/** What a parser may be told about the file it reads. */
export interface ParseOptions {
  /**
   * Name of the original file: for messages, and the last place a tabular reader looks for
   * a payment number or date the content does not give (`Remittance_<payment>_<date>.csv`).
   */
  fileName: string;
  payer?: string;
  currency: string;
  /** The order used by readers that have no evidence of their own (EDI formats fix their own); see knownDateOrder. */
  dateOrder: DateOrder;
  decimalComma: boolean;
  /**
   * `payers.<ID>.date_order` when remit.yaml sets it (undefined when it does not): wins over
   * the file's evidence and every date is checked against it. Unset, the tabular reader
   * decides per file from the dates themselves (core/dates decideDateOrder) and fails,
   * naming the setting, when they cannot tell. Until the importer passes this, a
   * `dateOrder` other than `mdy` (which only remit.yaml can give) counts as known.
   */
  knownDateOrder?: DateOrder;
  /** The order the payer's earlier documents proved: read with it only when this file's own dates cannot tell (with a warning). */
  usualDateOrder?: UsualDateOrder;
  /**
   * `payers.<ID>.decimal_comma` when remit.yaml sets it. Unset, the tabular reader decides
   * from the amounts (`1.234,56` vs `1,234.56`); `decimalComma: true` counts as known.
   */
  knownDecimalComma?: boolean;
  /**
   * `payers.<ID>.header_fields`: the label a payer writes beside a payment-level field above
   * or below its table (`payment_ref: "Remittance No"`), for labels remit does not know.
   */
  headerFields?: Partial<Record<HeaderField, string>>;
  /**
   * The payer's open invoice numbers as the ERP writes them, when the caller has them: lets
   * the tabular reader tell which column holds invoice numbers when the header does not.
   */
  openInvoiceNumbers?: ReadonlySet<string>;
  /** Column name (as written in the file) for each field, from remit.yaml. */
  columns: Partial<Record<string, string>>;
  /** Payer's own reason text/code -> our reason code, from remit.yaml. */
  reasonCodes: Record<string, string>;
  /** Records diagnostics instead of failing where the format allows (default true). */
  lenient: boolean;
  limits: ParseLimits;
  /** EDI: payer id or name from N1*PR / NAD+PR -> payer code, from remit.yaml. */
  payerIds?: Record<string, string>;
  /**
   * X12 ADX sign: 'negative-kept' (ADX01 negative = payer kept money, 3050 and later) or
   * 'positive-kept' (some 3030 senders). Undefined: decided by the 820 version.
   */
  adxSign?: 'negative-kept' | 'positive-kept';
  /** PDF: a per-payer template (anchors/regexes for header fields, column names). */
  pdfTemplate?: PdfTemplate;
}

export interface ParseLimits {
  maxRows: number;
  maxFieldChars: number;
  /** Largest size a compressed workbook may expand to. */
  maxExpandedBytes: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxRows: 10_000_000,
  maxFieldChars: 65_536,
  maxExpandedBytes: 512 * 1024 * 1024,
};
