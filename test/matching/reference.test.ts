import { describe, expect, it } from 'vitest';
import { normalisePo, normaliseReference } from '../../src/matching/reference.js';

const PREFIXES = ['INV', 'INVOICE', 'IN', 'INVNO', 'NO'];

describe('normaliseReference', () => {
  it.each(['INV-101234', 'inv-101234', 'INV 101234', 'INV101234', '#101234', '101234', '0000101234', 'Inv.101234', ' INV-0101234 '])(
    '%j is invoice 101234',
    (written) => {
      expect(normaliseReference(written, PREFIXES)).toBe('101234');
    },
  );

  it('keeps documents of other kinds apart', () => {
    expect(normaliseReference('CM-10052', PREFIXES)).toBe('CM10052');
    expect(normaliseReference('CM-10052', PREFIXES)).not.toBe(normaliseReference('INV-10052', PREFIXES));
  });

  it('drops a prefix only when digits follow it', () => {
    expect(normaliseReference('INVENTORY', PREFIXES)).toBe('INVENTORY');
    expect(normaliseReference('NOVA-12', PREFIXES)).toBe('NOVA12');
  });

  it('uses the prefixes it is given', () => {
    expect(normaliseReference('FAC-000777', ['FAC'])).toBe('777');
    expect(normaliseReference('FAC-000777', PREFIXES)).toBe('FAC000777');
  });
});

describe('normalisePo', () => {
  it('ignores case, punctuation and leading zeros of numeric POs', () => {
    expect(normalisePo('45-000-72715')).toBe('4500072715');
    expect(normalisePo('0045000727')).toBe('45000727');
    expect(normalisePo('kw4k-lv97')).toBe('KW4KLV97');
  });
});
