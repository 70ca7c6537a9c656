/**
 * What every parser returns: bytes in, remittances and diagnostics out. Parsers do no IO
 * and never throw for bad content they can describe; they throw ParseError when nothing
 * usable can be read, with a one-line message naming what was seen.
 */
import type { Diagnostic, DocumentFormat } from '../domain/document.js';
import type { Remittance } from '../domain/remittance.js';
import type { DateOrder } from '../core/dates.js';
import type { PdfTemplate } from './pdf/template.js';

export type { Adjustment, Remittance, RemittanceLine } from '../domain/remittance.js';
export type { Diagnostic, DocumentFormat } from '../domain/document.js';

export interface ParseResult {
  format: DocumentFormat;
  remittances: Remittance[];
  diagnostics: Diagnostic[];
}

/** What a parser may be told about the file it reads. */
export interface ParseOptions {
  /** Name of the original file, for messages only. */
  fileName: string;
  payer?: string;
  currency: string;
  dateOrder: DateOrder;
  decimalComma: boolean;
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
