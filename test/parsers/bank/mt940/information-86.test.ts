/** MT940 :86: in its three layouts: DK subfields, SWIFT code words, free text. */
import { describe, expect, it } from 'vitest';
import { readInformation86 } from '../../../../src/parsers/bank/mt940/information-86.js';

describe(':86: information to account owner', () => {
  it('DK layout: GVC, SEPA identifiers running across subfields, payer from ?30-?33', () => {
    const info = readInformation86('166?00SEPA-GUTSCHRIFT?20EREF+E2E-1?21SVWZ+RE 2025-00\n1?22 UND 2?23ABWA+FILIALE?30BANKDEFFXXX?31DE02120300000000202051?32MUSTER GMB?33H', true);
    expect(info.gvc).toBe('166');
    expect(info.postingText).toBe('SEPA-GUTSCHRIFT');
    expect(info.endToEndRef).toBe('E2E-1');
    expect(info.details).toEqual({
      counterparty: { name: 'MUSTER GMBH', account: 'DE02120300000000202051', bankId: 'BANKDEFFXXX', ultimateName: 'FILIALE' },
      remittance: { unstructured: ['RE 2025-001 UND 2'] },
    });
  });

  it('DK layout without SEPA identifiers: each purpose subfield is a line', () => {
    expect(readInformation86('051?00GUTSCHRIFT?20RECHNUNG 4471?21KUNDE 8812', true).details.remittance).toEqual({ unstructured: ['RECHNUNG 4471', 'KUNDE 8812'] });
  });

  it('code words: parties by direction, amounts, structured reference, wrapped inside a word', () => {
    const value = '/EREF/E1/ORDP//NAME/PAYER LTD/ID/77/BENM//NAME/US/REMI/USTD//INV 1 INV 2/OCMT/EUR10,00/CH\nGS/EUR1,50/PURP//CD/SUPP/';
    const credit = readInformation86(value, true);
    expect(credit.endToEndRef).toBe('E1');
    expect(credit.details).toEqual({
      counterparty: { name: 'PAYER LTD', id: '77' },
      remittance: { unstructured: ['INV 1 INV 2'] },
      instructedAmount: { amountMinor: 1000, currency: 'EUR' },
      charges: { amountMinor: 150, currency: 'EUR' },
      purpose: 'SUPP',
    });
    expect(readInformation86(value, false).details.counterparty).toEqual({ name: 'US' });
    expect(readInformation86('/REMI/STRD/CUR/RF18539007547034/', true).details.remittance).toEqual({ creditorRefs: ['RF18539007547034'] });
  });

  it('free text: a line filling all 65 characters runs on into the next', () => {
    const full = 'A'.repeat(60) + ' INV-';
    expect(full).toHaveLength(65);
    expect(readInformation86(`${full}\n4471 PAID\nSECOND LINE`, true).details.remittance).toEqual({ unstructured: [`${full}4471 PAID`, 'SECOND LINE'] });
  });
});
