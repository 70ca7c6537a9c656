/** ISO days counted from a start date, computed once: the generators ask for millions of them. */
import { addDays } from '../../../core/dates.js';

export class Calendar {
  private readonly days: string[] = [];

  constructor(
    readonly start: string,
    span: number,
  ) {
    for (let day = 0; day <= span; day += 1) this.days.push(addDays(start, day));
  }

  /** The ISO date `offset` days after the start (offset within the span). */
  day(offset: number): string {
    const iso = this.days[offset];
    if (iso === undefined) throw new Error(`day ${offset} is outside the calendar of ${this.days.length} days from ${this.start}`);
    return iso;
  }
}
