import { describe, expect, it } from 'vitest';
import { displayMinor, formatMinor, parseAmount } from '../../src/core/money.js';

const minor = (text: string, decimalComma = false): number => {
  const result = parseAmount(text, { decimalComma });
  if (!result.ok) throw new Error(result.reason);
  return result.minor;
};

describe('parseAmount', () => {
  it.each([
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['(1,234.56)', -123456],
    ['1,234.56-', -123456],
    ['1234.56-', -123456],
    ['-1234.56', -123456],
    ['-1,234.56', -123456],
    ['$1,234.56', 123456],
    ['-$12.00', -1200],
    ['($12.00)', -1200],
    ['USD 99.9', 9990],
    ['4610', 461000],
    ['55722.1', 5572210],
    ['.5', 50],
    ['0.00', 0],
    ['  12.34 ', 1234],
    ['12.500', 1250],
    ['+7.01', 701],
  ])('reads %s as %i minor units', (text, expected) => {
    expect(minor(text)).toBe(expected);
  });

  it('reads the comma-decimal notation only when told to', () => {
    expect(minor('1.234,56', true)).toBe(123456);
    expect(minor('(1.234,56)', true)).toBe(-123456);
    expect(parseAmount('1.234,56').ok).toBe(false);
  });

  it('never goes through floating point: values that floats get wrong stay exact', () => {
    // 0.1 + 0.2 and 1.005 * 100 are the classic float traps.
    expect(minor('0.30')).toBe(30);
    expect(minor('1.005'.slice(0, 4))).toBe(100);
    expect(minor('4.35')).toBe(435); // 4.35 * 100 = 434.99999999999994 in floating point
    expect(minor('1,000,000,000.07')).toBe(100_000_000_007);
  });

  it.each([
    ['-0.00', 0],
    ['-0.5', -50],
    ['007.10', 710],
    ['9999999999999.99', 999999999999999],
    ['12.', 1200],
  ])('reads the plain amount %s as %s minor units, as the general rules do', (text, expected) => {
    expect(minor(text)).toBe(expected);
    // The same value through the general rules (a currency mark skips the plain fast path).
    const general = parseAmount(`$${text}`);
    if (Number.isSafeInteger(expected)) expect(general).toEqual({ ok: true, minor: expected });
  });

  it.each(['', 'abc', '12.345', '1,23.00', '12..3', '--5', '1e5', '12.3.4'])('refuses %j with a reason', (text) => {
    const result = parseAmount(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/amount|decimals/);
  });
});

describe('formatMinor', () => {
  it.each([
    [123456, '1234.56'],
    [-5, '-0.05'],
    [0, '0.00'],
    [100, '1.00'],
    [-123456789, '-1234567.89'],
  ])('%i -> %s', (value, text) => {
    expect(formatMinor(value)).toBe(text);
  });

  it('round-trips through parseAmount', () => {
    for (const value of [0, 1, -1, 99, 100, 123456789, -987654321]) expect(minor(formatMinor(value))).toBe(value);
  });

  it('groups thousands for people', () => {
    expect(displayMinor(123456789)).toBe('1,234,567.89');
    expect(displayMinor(-100000)).toBe('-1,000.00');
  });

  it('refuses a non-integer', () => {
    expect(() => formatMinor(1.5)).toThrow(/integer/);
  });
});
