/** The ParseOptions parser tests start from, so every test reads files under the same settings. */
import { DEFAULT_LIMITS, type ParseOptions } from '../../src/parsers/types.js';

/** USD, month/day/year dates, a decimal point, no column or reason mappings, lenient, default limits; then `overrides`. */
export function parseOptions(fileName: string, overrides: Partial<ParseOptions> = {}): ParseOptions {
  return {
    fileName,
    currency: 'USD',
    dateOrder: 'mdy',
    decimalComma: false,
    columns: {},
    reasonCodes: {},
    lenient: true,
    limits: DEFAULT_LIMITS,
    // An order or mark a test gives is the payer's setting, as remit.yaml would give it.
    ...(overrides.dateOrder ? { knownDateOrder: overrides.dateOrder } : {}),
    ...(overrides.decimalComma !== undefined ? { knownDecimalComma: overrides.decimalComma } : {}),
    ...overrides,
  };
}
