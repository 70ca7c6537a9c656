/**
 * Whether a file writes `1.234,56` (decimal comma) or `1,234.56`, decided from its amounts
 * like the order of dates: the later of two marks is the decimal mark; a lone mark before one
 * or two digits is the decimal mark; a mark repeated (`1.234.567`) groups thousands. A lone
 * mark before three digits (`1.250`) says nothing: thousands, or three decimals. Both kinds
 * in one file is an error; amounts with no mark read the same either way. The payer's
 * `decimal_comma` wins when it is set.
 */
export type MarkEvidence = 'comma' | 'point' | 'neutral' | 'either';

/** What one amount says about the decimal mark. */
export function markEvidence(input: string): MarkEvidence {
  const text = input.replace(/[^\d.,]/g, '');
  const lastComma = text.lastIndexOf(',');
  const lastPoint = text.lastIndexOf('.');
  if (lastComma < 0 && lastPoint < 0) return 'neutral';
  if (lastComma >= 0 && lastPoint >= 0) return lastComma > lastPoint ? 'comma' : 'point';
  const mark = lastComma >= 0 ? ',' : '.';
  const parts = text.split(mark);
  const after = parts[parts.length - 1]!;
  if (parts.length > 2) return mark === ',' ? 'point' : 'comma'; // 1,234,567 / 1.234.567: a thousands mark
  if (after.length === 1 || after.length === 2) return mark === ',' ? 'comma' : 'point';
  // One mark before three digits: 1.250 is 1250 with a thousands dot, or 1.25 written to three
  // decimals (ERP exports do both): the file must tell.
  return 'either';
}

export interface MarkSeen {
  text: string;
  where?: string;
}

export class DecimalMarkEvidence {
  private comma: MarkSeen | undefined;
  private point: MarkSeen | undefined;
  private either: MarkSeen | undefined;

  constructor(
    /** The payer's `decimal_comma` from remit.yaml. */
    readonly known: boolean | undefined,
    private readonly payer: string | undefined,
  ) {}

  /** Take one amount as evidence; returns what it says. */
  observe(seen: MarkSeen): MarkEvidence {
    const evidence = markEvidence(seen.text);
    if (evidence === 'comma') this.comma ??= seen;
    else if (evidence === 'point') this.point ??= seen;
    else if (evidence === 'either') this.either ??= seen;
    return evidence;
  }

  get settled(): boolean {
    return this.known !== undefined || this.comma !== undefined || this.point !== undefined;
  }

  get needsMark(): boolean {
    return this.either !== undefined;
  }

  /** The first amount seen that shows this mark, for messages. */
  example(decimalComma: boolean): MarkSeen | undefined {
    return decimalComma ? this.comma : this.point;
  }

  decide(): { ok: true; decimalComma: boolean; why: string } | { ok: false; reason: string } {
    const setting = `payers.${this.payer ?? '<ID>'}.decimal_comma`;
    if (this.known !== undefined) return { ok: true, decimalComma: this.known, why: `${setting} is ${this.known}` };
    if (this.comma && this.point) {
      return { ok: false, reason: `amounts with a decimal comma (${quote(this.comma)}) and a decimal point (${quote(this.point)}) in one file: set ${setting} in remit.yaml` };
    }
    if (this.comma) return { ok: true, decimalComma: true, why: `decimal comma: ${quote(this.comma)}` };
    if (this.point) return { ok: true, decimalComma: false, why: `decimal point: ${quote(this.point)}` };
    if (this.either) {
      return { ok: false, reason: `amounts such as ${quote(this.either)} read with a decimal comma or a decimal point and nothing in the file tells which: set ${setting} in remit.yaml` };
    }
    return { ok: true, decimalComma: false, why: 'no amount has a decimal or thousands mark' };
  }
}

function quote(seen: MarkSeen): string {
  return `"${seen.text.trim().slice(0, 30)}"${seen.where ? ` (${seen.where})` : ''}`;
}
