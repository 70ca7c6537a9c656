/** Amount text of each bank format to minor units of its currency, no floating point anywhere. */
import { describe, expect, it } from 'vitest';
import { decimalPointMinor, impliedDecimalMinor, ofxMinor, swiftMinor } from '../../../src/parsers/bank/amounts.js';
import { minorDigitsOf } from '../../../src/parsers/bank/currency.js';

describe('bank amounts', () => {
  it('ISO 4217 exponents; codes outside the list are unknown, not two decimals', () => {
    expect([minorDigitsOf('USD'), minorDigitsOf('JPY'), minorDigitsOf('BHD'), minorDigitsOf('CLF')]).toEqual([2, 0, 3, 4]);
    expect(minorDigitsOf('XYZ')).toBeUndefined();
  });

  it('BAI2 implied decimals: the digits are the minor units, signed only where allowed', () => {
    expect(impliedDecimalMinor('3999786', false)).toEqual({ ok: true, minor: 3999786 });
    expect(impliedDecimalMinor('-250000', true)).toEqual({ ok: true, minor: -250000 });
    expect(impliedDecimalMinor('+5', true)).toEqual({ ok: true, minor: 5 });
    expect(impliedDecimalMinor('-5', false).ok).toBe(false);
    expect(impliedDecimalMinor('12.50', false).ok).toBe(false);
    expect(impliedDecimalMinor('9999999999999999', false).ok).toBe(false);
  });

  it('camt decimal point by currency: JPY has none, BHD three', () => {
    expect(decimalPointMinor('39997.86', 'USD')).toEqual({ ok: true, minor: 3999786 });
    expect(decimalPointMinor('1500000', 'JPY')).toEqual({ ok: true, minor: 1500000 });
    expect(decimalPointMinor('1500.5', 'JPY').ok).toBe(false);
    expect(decimalPointMinor('12.345', 'BHD')).toEqual({ ok: true, minor: 12345 });
    expect(decimalPointMinor('1,234.56', 'USD').ok).toBe(false);
    expect(decimalPointMinor('-1.00', 'USD').ok).toBe(false);
  });

  it('SWIFT decimal comma, the comma mandatory, nothing after it allowed', () => {
    expect(swiftMinor('1551474,71', 'USD')).toEqual({ ok: true, minor: 155147471 });
    expect(swiftMinor('1670,', 'EUR')).toEqual({ ok: true, minor: 167000 });
    expect(swiftMinor('15,5', 'EUR')).toEqual({ ok: true, minor: 1550 });
    expect(swiftMinor('1670', 'EUR').ok).toBe(false);
    expect(swiftMinor('1.670,00', 'EUR').ok).toBe(false);
  });

  it('OFX signed amounts with a point or a comma', () => {
    expect(ofxMinor('-45.54', 'USD')).toEqual({ ok: true, minor: -4554 });
    expect(ofxMinor('4980,00', 'EUR')).toEqual({ ok: true, minor: 498000 });
    expect(ofxMinor('+3.2', 'USD')).toEqual({ ok: true, minor: 320 });
    expect(ofxMinor('1,234.56', 'USD').ok).toBe(false);
  });
});
