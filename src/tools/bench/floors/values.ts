/**
 * The least a floor must do to a cell: decimal text to cents (by string surgery, never
 * through a float) and US dates to ISO. Good for the bench's own files, nothing more.
 */

/** "1234.5", "-12.05", "7" -> cents; null for an empty cell. */
export function cents(text: string): number | null {
  if (text === '') return null;
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '00' : `${body.slice(dot + 1)}00`.slice(0, 2);
  const value = Number(whole) * 100 + Number(fraction);
  return negative ? -value : value;
}

/** "07/24/2026" -> "2026-07-24"; "" stays null. */
export function isoFromUs(text: string): string | null {
  if (text.length !== 10) return null;
  return `${text.slice(6)}-${text.slice(0, 2)}-${text.slice(3, 5)}`;
}

/** X12 CCYYMMDD -> ISO. */
export function isoFromCompact(text: string): string {
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Excel serial day (1900 system) -> ISO. */
export function isoFromSerial(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}
