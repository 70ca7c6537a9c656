/**
 * The DOC groups of a REMADV: one remittance line per document the payer settles, with its
 * amounts (MOA), dates, PO (RFF+ON) and adjustments (AJT groups). Line-item detail (DLI
 * groups) only explains the document; its AJT are used when the document has none of its own.
 *
 * AJT amount signs are not settled by the standard (EANCOM: "adjustment amounts can be given
 * for information purposes only"). remit reads a positive amount as money the payer kept,
 * unless the document's own amounts show the opposite: when due - discount - remitted equals
 * minus the sum of the AJT amounts, the signs are flipped. A single AJT with no MOA takes
 * that difference.
 */
import { sumMinor, type Minor } from '../../core/money.js';
import type { Adjustment, ParseOptions, RemittanceLine } from '../types.js';
import { at, type Diagnostics } from '../edi/diagnostics.js';
import {
  AJT_AMOUNT,
  DOC_DISCOUNT,
  DOC_GROSS,
  DOC_INVOICE_DATE,
  DOC_PO,
  DOC_REMITTED,
  firstOf,
  referenceKindOf,
} from './qualifiers.js';
import { reasonCodeFor4465 } from './reasons.js';
import { component, type Segment } from './segments.js';
import { readAmount, readDate } from './values.js';

interface OpenAdjustment {
  reasonRaw: string;
  /** MOA amounts in the AJT group by qualifier, as written. */
  amounts: Map<string, Minor>;
}

interface OpenDocument {
  doc: Segment;
  amounts: Map<string, Minor>;
  dates: Map<string, string>;
  po: string | undefined;
  adjustments: OpenAdjustment[];
  itemAdjustments: OpenAdjustment[];
  /** Which group the next MOA/AJT belongs to. */
  section: 'doc' | 'ajt' | 'dli' | 'dli-ajt';
}

/** Reads the DOC groups of one message, segment by segment. */
export class DocumentReader {
  private readonly lines: RemittanceLine[] = [];
  private open: OpenDocument | undefined;
  /** DOC groups seen, read or not. */
  count = 0;

  constructor(
    private readonly options: ParseOptions,
    private readonly diagnostics: Diagnostics,
  ) {}

  /** Take a segment if it belongs to a DOC group; false when the caller should handle it. */
  accept(segment: Segment): boolean {
    if (segment.tag === 'DOC') {
      this.close();
      this.count += 1;
      this.open = { doc: segment, amounts: new Map(), dates: new Map(), po: undefined, adjustments: [], itemAdjustments: [], section: 'doc' };
      return true;
    }
    if (segment.tag === 'UNS') this.close();
    const open = this.open;
    if (open === undefined) return false;
    switch (segment.tag) {
      case 'MOA':
        this.readMoa(open, segment);
        break;
      case 'DTM':
        if (open.section === 'doc') this.readDate(open, segment);
        break;
      case 'RFF':
        if (open.section === 'doc' && component(segment, 1, 0) === DOC_PO && open.po === undefined) open.po = component(segment, 1, 1);
        break;
      case 'AJT': {
        const adjustment = { reasonRaw: component(segment, 1), amounts: new Map<string, Minor>() };
        if (open.section === 'dli' || open.section === 'dli-ajt') {
          open.itemAdjustments.push(adjustment);
          open.section = 'dli-ajt';
        } else {
          open.adjustments.push(adjustment);
          open.section = 'ajt';
        }
        break;
      }
      case 'DLI':
        open.section = 'dli';
        break;
      default:
        // NAD, CUX, FTX, QTY, TAX, PIA, GIS inside a DOC group carry nothing remit stores.
        break;
    }
    return true;
  }

  /** The lines read, numbered 1.. in file order. */
  finish(): RemittanceLine[] {
    this.close();
    return this.lines;
  }

  private readMoa(open: OpenDocument, segment: Segment): void {
    const qualifier = component(segment, 1, 0);
    const read = readAmount(component(segment, 1, 1));
    if (!read.ok) {
      this.diagnostics.fail(`MOA+${qualifier}: ${read.reason} (segment ${segment.number})`, at(segment), 'value left out');
      return;
    }
    const target =
      open.section === 'doc' ? open.amounts
      : open.section === 'ajt' ? open.adjustments.at(-1)?.amounts
      : open.section === 'dli-ajt' ? open.itemAdjustments.at(-1)?.amounts
      : undefined; // DLI line amounts explain the document total; not read
    if (target && !target.has(qualifier)) target.set(qualifier, read.minor);
  }

  private readDate(open: OpenDocument, segment: Segment): void {
    const qualifier = component(segment, 1, 0);
    if (!DOC_INVOICE_DATE.includes(qualifier) || open.dates.has(qualifier)) return;
    const date = readDate(component(segment, 1, 1), component(segment, 1, 2));
    if (date.ok) open.dates.set(qualifier, date.iso);
    else this.diagnostics.warning(`DTM+${qualifier}: ${date.reason} (segment ${segment.number})`, at(segment));
  }

  private close(): void {
    const open = this.open;
    this.open = undefined;
    if (open === undefined) return;
    const line = this.toLine(open);
    if (line) this.lines.push(line);
  }

  private toLine(open: OpenDocument): RemittanceLine | undefined {
    const { doc } = open;
    const reference = component(doc, 2, 0);
    const gross = firstOf(open.amounts, DOC_GROSS);
    const discount = firstOf(open.amounts, DOC_DISCOUNT) ?? 0;
    let paid = firstOf(open.amounts, DOC_REMITTED);
    const written = open.adjustments.length > 0 ? open.adjustments : open.itemAdjustments;
    const kept = gross !== undefined && paid !== undefined ? gross - discount - paid : undefined;
    const adjustments = this.adjustments(written, kept, reference, doc);

    if (paid === undefined) {
      if (gross === undefined) {
        this.diagnostics.fail(`DOC ${reference} has no amount remitted (MOA+12) or due (MOA+9) (segment ${doc.number})`, at(doc), 'line skipped');
        return undefined;
      }
      paid = gross - discount - sumMinor(adjustments.map((adj) => adj.amountMinor));
      this.diagnostics.warning(`DOC ${reference} has no MOA+12 amount remitted; taken as due - discount - adjustments (segment ${doc.number})`, at(doc));
    }
    const invoiceDate = firstOf(open.dates, DOC_INVOICE_DATE);
    return {
      lineNo: this.lines.length + 1,
      reference,
      referenceKind: referenceKindOf(component(doc, 1, 0)),
      ...(open.po !== undefined ? { po: open.po } : {}),
      ...(invoiceDate !== undefined ? { invoiceDate } : {}),
      ...(gross !== undefined ? { grossMinor: gross } : {}),
      discountMinor: discount,
      paidMinor: paid,
      adjustments,
    };
  }

  private adjustments(written: OpenAdjustment[], kept: Minor | undefined, reference: string, doc: Segment): Adjustment[] {
    const amounts = written.map((adj) => firstOf(adj.amounts, AJT_AMOUNT) ?? adj.amounts.values().next().value);
    const known = amounts.filter((amount): amount is Minor => amount !== undefined);
    const sum = sumMinor(known);
    const flip = kept !== undefined && sum !== 0 && sum === -kept;
    return written.map((adj, i) => {
      let amount = amounts[i];
      if (amount === undefined) {
        if (written.length === 1 && kept !== undefined) amount = kept;
        else {
          this.diagnostics.warning(`DOC ${reference}: AJT+${adj.reasonRaw} has no amount; read as 0 (segment ${doc.number})`, at(doc));
          amount = 0;
        }
      } else if (flip) {
        amount = amount === 0 ? 0 : -amount;
      }
      return { amountMinor: amount, reasonRaw: adj.reasonRaw, reasonCode: reasonCodeFor4465(adj.reasonRaw, this.options.reasonCodes) };
    });
  }
}
