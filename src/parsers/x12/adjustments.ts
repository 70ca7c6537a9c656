/**
 * ADX (adjustment) amounts and their sign. From 003050 on, ADX01 is negative when the payer
 * kept money (`ADX*-1191.39*06`). Some 003030 senders wrote the kept amount as positive, so
 * the default follows the version and remit.yaml can override it per payer (adxSign).
 */
import type { Minor } from '../../core/money.js';
import { reasonCodeFor } from '../../core/reasons.js';
import type { Adjustment } from '../types.js';

export type AdxSign = 'negative-kept' | 'positive-kept';

/** The sign convention for a transaction of this GS08 version, unless overridden. */
export function adxSignFor(version: string, override: AdxSign | undefined): AdxSign {
  if (override) return override;
  const release = Number(/^(\d{6})/.exec(version)?.[1] ?? 'NaN');
  // Versions outside 003030-008030 are read as 4010 is, with a warning from the caller.
  return release >= 3030 && release < 3050 ? 'positive-kept' : 'negative-kept';
}

/** ADX01 as written -> the amount the payer kept (positive = deduction). */
export function keptAmount(adx01: Minor, sign: AdxSign): Minor {
  return sign === 'negative-kept' ? negate(adx01) : adx01;
}

/** An adjustment record with the payer's code and our reason code. */
export function adjustment(kept: Minor, reasonRaw: string, reasonCodes: Record<string, string>): Adjustment {
  return { amountMinor: kept, reasonRaw, reasonCode: reasonCodeFor(reasonRaw, reasonCodes, 'x12') };
}

/** Negate without producing -0, which would not compare equal in golden files. */
export function negate(value: Minor): Minor {
  return value === 0 ? 0 : -value;
}
