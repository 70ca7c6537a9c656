/**
 * A file's conventions, the order of day and month and the decimal mark, decided from its
 * own values as they arrive (or taken from the payer's settings), and the cells read with
 * them. A row whose dates or amounts cannot be read before the conventions are decided
 * waits (the table holds it) until a later value decides them; at the end of the file an
 * undecided convention fails the document naming the setting to write.
 */
import { DateOrderEvidence, dateEvidence, readDateAs, type DateOrder } from '../../core/dates.js';
import { ParseError } from '../../core/errors.js';
import { parseAmount, type Minor } from '../../core/money.js';
import type { ParseOptions } from '../types.js';
import type { Cell, Row } from './cells.js';
import { DecimalMarkEvidence, markEvidence } from './decimal-mark.js';

function seen(value: { text: string; where?: string | undefined }): string {
  return `"${value.text.trim()}"${value.where ? ` (${value.where})` : ''}`;
}

/** The payer's settings that count as known (see ParseOptions.knownDateOrder). */
export function knownConventions(options: ParseOptions): { dateOrder?: DateOrder; decimalComma?: boolean } {
  const dateOrder = options.knownDateOrder;
  const decimalComma = options.knownDecimalComma;
  return { ...(dateOrder ? { dateOrder } : {}), ...(decimalComma !== undefined ? { decimalComma } : {}) };
}

export interface Watched {
  index: number;
  header: string;
}

export class Conventions {
  readonly dates: DateOrderEvidence;
  readonly marks: DecimalMarkEvidence;
  private readonly dateCache = new Map<string, string>();

  constructor(
    options: ParseOptions,
    private readonly dateColumns: Watched[],
    private readonly amountColumns: Watched[],
    private readonly payer = options.payer,
  ) {
    const known = knownConventions(options);
    this.dates = new DateOrderEvidence(known.dateOrder, options.payer, known.dateOrder ? undefined : options.usualDateOrder);
    this.marks = new DecimalMarkEvidence(known.decimalComma, options.payer);
  }

  /** Take a value from outside the table (a label's date or total) as evidence. */
  observeDate(text: string, where: string): void {
    if (!this.dates.settled) this.dates.observe({ text, where });
  }

  observeAmount(text: string, where: string): void {
    if (!this.marks.settled) this.marks.observe({ text, where });
  }

  /** Take a row's dates and amounts as evidence; true when every one of them can be read now. */
  admit(row: Row, rowNo: number): boolean {
    let blocked = false;
    if (!this.dates.settled) {
      for (const column of this.dateColumns) {
        const cell = row[column.index];
        if (!cell || cell.kind !== 'text' || cell.text.trim() === '') continue;
        if (this.dates.observe({ text: cell.text, where: `row ${rowNo}, column "${column.header}"` }) === 'either') blocked = true;
      }
      if (this.dates.settled) blocked = false;
    }
    let amountsBlocked = false;
    if (!this.marks.settled) {
      for (const column of this.amountColumns) {
        const cell = row[column.index];
        if (!cell || cell.kind !== 'text' || cell.text.trim() === '') continue;
        if (this.marks.observe({ text: cell.text, where: `row ${rowNo}, column "${column.header}"` }) === 'either') amountsBlocked = true;
      }
      if (this.marks.settled) amountsBlocked = false;
    }
    return !blocked && !amountsBlocked;
  }

  /** Nothing seen so far waits for a decision. */
  get ready(): boolean {
    return (this.dates.settled || !this.dates.needsOrder) && (this.marks.settled || !this.marks.needsMark);
  }

  /** Why the rows still waiting cannot be read (the file ended undecided, or decided two ways). */
  failure(): string | undefined {
    const dates = this.dates.decide();
    if (!dates.ok) return dates.reason;
    const marks = this.marks.decide();
    if (!marks.ok) return marks.reason;
    return undefined;
  }

  /** The decisions as the propose command shows them. */
  summary(): { dateOrder: DateOrder | undefined; dateWhy: string; decimalComma: boolean; markWhy: string } {
    const dates = this.dates.decide();
    const marks = this.marks.decide();
    return {
      dateOrder: dates.ok ? dates.order : undefined,
      dateWhy: dates.ok ? dates.why : dates.reason,
      decimalComma: marks.ok ? marks.decimalComma : false,
      markWhy: marks.ok ? marks.why : marks.reason,
    };
  }

  private settledOrder: DateOrder | undefined;
  private settledComma: boolean | undefined;

  private order(): DateOrder {
    if (this.settledOrder) return this.settledOrder;
    const decided = this.dates.decide();
    const order = decided.ok && decided.order ? decided.order : undefined;
    if (order && this.dates.settled) this.settledOrder = order;
    // Undecided means no value read so far depends on the order: any order reads them alike.
    return order ?? 'mdy';
  }

  /** Asked for every amount of the file: decided once, then remembered. */
  private decimalComma(): boolean {
    if (this.settledComma !== undefined) return this.settledComma;
    const decided = this.marks.decide();
    const comma = decided.ok ? decided.decimalComma : false;
    if (decided.ok && this.marks.settled) this.settledComma = comma;
    return comma;
  }

  /** A date cell as ISO, undefined when empty; a value impossible in the file's order fails naming both. */
  date(cell: Cell | undefined, rowNo: number, header: string): string | undefined {
    if (!cell || cell.text.trim() === '') return undefined;
    if (cell.kind === 'date' && cell.iso) return cell.iso;
    const known = this.dateCache.get(cell.text);
    if (known !== undefined) return known;
    const result = readDateAs(cell.text, this.order());
    if (!result.ok) throw new ParseError(`row ${rowNo}, column "${header}": ${this.dateProblem(cell.text, result.reason)}`);
    if (this.dateCache.size >= 10_000) this.dateCache.clear();
    this.dateCache.set(cell.text, result.iso);
    return result.iso;
  }

  private dateProblem(text: string, reason: string): string {
    const setting = `payers.${this.payer ?? '<ID>'}.date_order`;
    const evidence = dateEvidence(text);
    if (this.dates.known) return `"${text.trim()}" is not a date in the order ${setting} gives (${this.dates.known})`;
    const other = evidence === 'month-first' ? this.dates.example('dmy') : evidence === 'day-first' ? this.dates.example('mdy') : undefined;
    if (other) {
      const [dayFirst, monthFirst] = evidence === 'day-first' ? [`"${text.trim()}"`, seen(other)] : [seen(other), `"${text.trim()}"`];
      return `day-first ${dayFirst} and month-first ${monthFirst} dates in one file: set ${setting} (dmy or mdy) in remit.yaml`;
    }
    return reason;
  }

  /** An amount cell in minor units, undefined when empty. */
  amount(cell: Cell | undefined, rowNo: number, header: string): Minor | undefined {
    const text = cell?.text.trim() ?? '';
    if (text === '') return undefined;
    const comma = cell!.kind === 'number' ? false : this.decimalComma();
    const result = parseAmount(text, { decimalComma: comma });
    if (result.ok) return result.minor;
    const evidence = markEvidence(text);
    if (cell!.kind === 'text' && this.marks.known === undefined && (evidence === 'comma') !== comma && evidence !== 'neutral' && evidence !== 'either') {
      const other = this.marks.example(comma);
      throw new ParseError(
        `row ${rowNo}, column "${header}": "${text}" has a decimal ${comma ? 'point' : 'comma'} but "${other?.text.trim() ?? ''}"${other?.where ? ` (${other.where})` : ''} has a decimal ${comma ? 'comma' : 'point'}: set payers.${this.payer ?? '<ID>'}.decimal_comma in remit.yaml`,
      );
    }
    throw new ParseError(`row ${rowNo}, column "${header}": ${result.reason}`);
  }
}
