/**
 * The remittance lines of an 820: RMR loops (an invoice, PO or other document the payer
 * pays) and ENT-level ADX segments (money the payer kept with no invoice of ours: debit
 * memos, co-op, chargebacks). Lines are numbered in file order within their payment.
 */
import type { Minor } from '../../core/money.js';
import type { Adjustment, ParseOptions, RemittanceLine } from '../types.js';
import { adjustment, keptAmount, negate, type AdxSign } from './adjustments.js';
import { at, type Diagnostics } from '../edi/diagnostics.js';
import { element, type Segment } from './segments.js';
import { readDtm } from './dates.js';
import { readAmount } from './values.js';

type OpenLine =
  | { kind: 'invoice'; line: RemittanceLine; itemAdjustments: Adjustment[]; inItem: boolean }
  | { kind: 'deduction'; line: RemittanceLine }
  /** An RMR that could not be read: what follows it belongs to it and is dropped with it. */
  | { kind: 'skipped' };

/** Reads the ENT/RMR/ADX part of one transaction, segment by segment. */
export class LineReader {
  private readonly lines: RemittanceLine[] = [];
  private open: OpenLine | undefined;
  private entSeen = false;

  constructor(
    private readonly sign: AdxSign,
    private readonly options: ParseOptions,
    private readonly diagnostics: Diagnostics,
  ) {}

  /** True once the first ENT, RMR or ADX has been seen: header segments are over. */
  get started(): boolean {
    return this.open !== undefined || this.lines.length > 0 || this.entSeen;
  }

  /** Take a segment if it belongs to the lines; false when the caller should handle it. */
  accept(segment: Segment): boolean {
    switch (segment.tag) {
      case 'ENT':
        // A new entity: ADX right after it are standalone deductions again.
        this.close();
        this.entSeen = true;
        return true;
      case 'RMR':
        this.close();
        this.open = this.readRmr(segment);
        return true;
      case 'ADX':
        this.readAdx(segment);
        return true;
      case 'REF':
        if (this.open?.kind !== 'invoice') return this.started;
        if (element(segment, 1) === 'PO' && element(segment, 2) !== '') this.open.line.po = element(segment, 2);
        return true;
      case 'DTM':
        if (this.open === undefined) return false;
        if (this.open.kind !== 'skipped' && element(segment, 1) === '003') this.readInvoiceDate(this.open.line, segment);
        return true;
      case 'IT1':
        // Line-item detail: ADX after it count only when the RMR has none of its own, else twice.
        if (this.open?.kind === 'invoice') this.open.inItem = true;
        return this.started;
      default:
        return false;
    }
  }

  /** The lines read, numbered 1.. in file order. */
  finish(): RemittanceLine[] {
    this.close();
    return this.lines;
  }

  private readRmr(segment: Segment): OpenLine {
    const qualifier = element(segment, 1);
    const reference = element(segment, 2).trim();
    const paid = this.amount(segment, 4, `RMR ${reference} amount paid`, 'line skipped');
    if (paid === undefined) return { kind: 'skipped' };
    const gross = this.amount(segment, 5, `RMR ${reference} invoice amount`);
    const discount = this.amount(segment, 6, `RMR ${reference} discount`);
    if (element(segment, 7) !== '' || element(segment, 8) !== '') {
      // RMR07/08 carry an adjustment whose sign senders disagree on; ADX is the reliable form.
      this.diagnostics.warning(`RMR ${reference} adjustment in RMR07/RMR08 not read (segment ${segment.number})`, at(segment));
    }
    const referenceKind = qualifier === 'IV' ? 'invoice' : qualifier === 'PO' ? 'po' : 'other';
    const line: RemittanceLine = {
      lineNo: 0,
      reference,
      referenceKind,
      ...(referenceKind === 'po' ? { po: reference } : {}),
      ...(gross !== undefined ? { grossMinor: gross } : {}),
      discountMinor: discount ?? 0,
      paidMinor: paid,
      adjustments: [],
    };
    return { kind: 'invoice', line, itemAdjustments: [], inItem: false };
  }

  private readAdx(segment: Segment): void {
    const written = this.amount(segment, 1, 'ADX amount', 'adjustment skipped');
    if (this.open?.kind === 'skipped') return;
    if (written === undefined) return;
    const kept = keptAmount(written, this.sign);
    const adj = adjustment(kept, element(segment, 2), this.options.reasonCodes);
    if (this.open?.kind === 'invoice') {
      (this.open.inItem ? this.open.itemAdjustments : this.open.line.adjustments).push(adj);
      return;
    }
    // No RMR since the ENT: the payer kept this money on its own document (ADX04).
    this.close();
    this.open = {
      kind: 'deduction',
      line: {
        lineNo: 0,
        reference: element(segment, 4),
        referenceKind: 'other',
        discountMinor: 0,
        paidMinor: negate(kept),
        adjustments: [adj],
      },
    };
  }

  private readInvoiceDate(line: RemittanceLine, segment: Segment): void {
    const date = readDtm(segment);
    if (date.ok) line.invoiceDate = date.iso;
    else this.diagnostics.warning(`line ${line.reference}: DTM*003 ${date.reason} (segment ${segment.number})`, at(segment));
  }

  /** Element n as minor units; `ifMissing` set means the element is required. */
  private amount(segment: Segment, n: number, what: string, ifMissing?: string): Minor | undefined {
    const text = element(segment, n);
    if (text === '') {
      if (ifMissing) this.diagnostics.fail(`${what} is missing (segment ${segment.number})`, at(segment), ifMissing);
      return undefined;
    }
    const read = readAmount(text);
    if (read.ok) return read.minor;
    this.diagnostics.fail(`${what}: ${read.reason} (segment ${segment.number})`, at(segment), ifMissing ?? 'value left out');
    return undefined;
  }

  private close(): void {
    const open = this.open;
    this.open = undefined;
    if (open === undefined || open.kind === 'skipped') return;
    const line = open.line;
    if (open.kind === 'invoice' && line.adjustments.length === 0) line.adjustments = open.itemAdjustments;
    line.lineNo = this.lines.length + 1;
    this.lines.push(line);
  }
}
