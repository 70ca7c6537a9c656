/**
 * SQL for the synthetic history: what each remittance line is follows from its id alone (a
 * seeded hash of the id picks a bucket 0-99, and the bucket a case), so every table can be
 * filled by one INSERT ... SELECT and the tables agree with each other.
 */

/** A seeded hash of a line id (Knuth's multiplicative, kept within 32 bits), as SQL over `id`. */
export function hash(id: string): string {
  return `((${id}) * 2654435761 % 4294967296)`;
}

export const bucketOf = (id: string): string => `(${hash(id)} % 100)`;
export const reasonOf = (id: string, reasons: number): string => `(${hash(id)} / 1000 % ${reasons})`;
/** Invoice amount, 150.00 to 40,000.00 in cents. */
export const amountOf = (id: string): string => `(15000 + ${hash(id)} / 100 % 3985000)`;
/** The payer's own deduction, 20.00 to 3,000.00 in cents. */
export const memoAmountOf = (id: string): string => `(2000 + ${hash(id)} / 100 % 298000)`;
/** What a short pay keeps: 1.00 up to a tenth of the invoice. */
export const keptOf = (id: string): string => `(100 + ${hash(id)} / 7 % (${amountOf(id)} / 10))`;

/** Cents (not negative) as text with two decimals, without floating point. */
export function money(cents: string): string {
  return `((${cents}) / 100) || '.' || substr('0' || ((${cents}) % 100), -2)`;
}
