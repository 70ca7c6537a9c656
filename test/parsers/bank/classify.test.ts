/**
 * classifyEntry reads codes, never text: one case per rule of each list, the order between
 * lists (reversal mark first, ISO before a camt's BAI code), and the fallback by direction.
 */
import { describe, expect, it } from 'vitest';
import { classifyEntry, type BankTypeCode } from '../../../src/parsers/bank/index.js';

function kind(typeCode: BankTypeCode, amountMinor: number, extra: { reversal?: boolean; purpose?: string } = {}): string {
  const c = classifyEntry({ amountMinor, typeCode, reversal: extra.reversal ?? false, ...(extra.purpose ? { purpose: extra.purpose } : {}) });
  return `${c.kind}${c.channel ? `/${c.channel}` : ''} ${c.basis.scheme}:${c.basis.code}`;
}

describe('classifyEntry', () => {
  it('BAI2 type codes', () => {
    expect(kind({ bai2: '165' }, 100)).toBe('customer-receipt/ach bai2:165');
    expect(kind({ bai2: '195' }, 100)).toBe('customer-receipt/wire bai2:195');
    expect(kind({ bai2: '115' }, 100)).toBe('customer-receipt/lockbox bai2:115');
    expect(kind({ bai2: '301' }, 100)).toBe('customer-receipt/check-deposit bai2:301');
    expect(kind({ bai2: '555' }, -100)).toBe('returned-item bai2:555');
    expect(kind({ bai2: '258' }, 100)).toBe('returned-item bai2:258');
    expect(kind({ bai2: '661' }, -100)).toBe('bank-fee bai2:661');
    expect(kind({ bai2: '354' }, 100)).toBe('interest bai2:354');
    expect(kind({ bai2: '673' }, -100)).toBe('payroll bai2:673');
    expect(kind({ bai2: '475' }, -100)).toBe('vendor-payment bai2:475');
    expect(kind({ bai2: '455' }, -100)).toBe('other-debit bai2:455');
    expect(kind({ bai2: '399' }, 100)).toBe('other-credit bai2:399');
    expect(kind({ bai2: '277' }, 100)).toBe('other-credit bai2:277');
    expect(kind({ bai2: '975' }, -100)).toBe('other-debit bai2:975');
  });

  it('ISO 20022 bank transaction codes, generic sub-families first', () => {
    const iso = (domain: string, family: string, subFamily: string): BankTypeCode => ({ iso: { domain, family, subFamily } });
    expect(kind(iso('PMNT', 'RCDT', 'ESCT'), 100)).toBe('customer-receipt/transfer iso20022:PMNT/RCDT/ESCT');
    expect(kind(iso('PMNT', 'RCDT', 'XBCT'), 100)).toBe('customer-receipt/wire iso20022:PMNT/RCDT/XBCT');
    expect(kind(iso('PMNT', 'RCDT', 'ACDT'), 100)).toBe('customer-receipt/ach iso20022:PMNT/RCDT/ACDT');
    expect(kind(iso('PMNT', 'RCHQ', 'CCHQ'), 100)).toBe('customer-receipt/check-deposit iso20022:PMNT/RCHQ/CCHQ');
    expect(kind(iso('PMNT', 'LBOX', 'LBDP'), 100)).toBe('customer-receipt/lockbox iso20022:PMNT/LBOX/LBDP');
    expect(kind(iso('PMNT', 'IDDT', 'ESDD'), 100)).toBe('customer-receipt/direct-debit iso20022:PMNT/IDDT/ESDD');
    expect(kind(iso('PMNT', 'RCHQ', 'UPCQ'), -100)).toBe('returned-item iso20022:PMNT/RCHQ/UPCQ');
    expect(kind(iso('PMNT', 'RCDT', 'ARET'), -100)).toBe('returned-item iso20022:PMNT/RCDT/ARET');
    expect(kind(iso('PMNT', 'RCDT', 'CHRG'), -100)).toBe('bank-fee iso20022:PMNT/RCDT/CHRG');
    expect(kind(iso('ACMT', 'MDOP', 'FEES'), -100)).toBe('bank-fee iso20022:ACMT/MDOP/FEES');
    expect(kind(iso('ACMT', 'MCOP', 'INTR'), 100)).toBe('interest iso20022:ACMT/MCOP/INTR');
    expect(kind(iso('PMNT', 'ICDT', 'SALA'), -100)).toBe('payroll iso20022:PMNT/ICDT/SALA');
    expect(kind(iso('PMNT', 'ICDT', 'DMCT'), -100)).toBe('vendor-payment iso20022:PMNT/ICDT/DMCT');
    expect(kind(iso('PMNT', 'RDDT', 'PMDD'), -100)).toBe('other-debit iso20022:PMNT/RDDT/PMDD');
  });

  it('a camt code that says nothing falls to its BAI code, then to the direction', () => {
    expect(kind({ iso: { domain: 'PMNT', family: 'MCOP', subFamily: 'OTHR' }, bai2: '399', proprietary: { code: '399', issuer: 'BAI' } }, 100)).toBe('other-credit bai2:399');
    expect(kind({ iso: { domain: 'XTND', family: 'NTAV', subFamily: 'NTAV' } }, -100)).toBe('other-debit direction:debit');
    expect(kind({}, 100)).toBe('other-credit direction:credit');
    expect(kind({ proprietary: { code: 'NTRF+166', issuer: 'DK' } }, 100)).toBe('other-credit direction:credit');
  });

  it('SWIFT :61: codes by direction', () => {
    expect(kind({ swift: 'NTRF' }, 100)).toBe('customer-receipt/transfer swift:NTRF');
    expect(kind({ swift: 'NTRF' }, -100)).toBe('vendor-payment swift:NTRF');
    expect(kind({ swift: 'S103' }, 100)).toBe('customer-receipt/wire swift:S103');
    expect(kind({ swift: 'NCHK' }, 100)).toBe('customer-receipt/check-deposit swift:NCHK');
    expect(kind({ swift: 'NCHK' }, -100)).toBe('vendor-payment swift:NCHK');
    expect(kind({ swift: 'NRTI' }, -100)).toBe('returned-item swift:NRTI');
    expect(kind({ swift: 'FCHG' }, -100)).toBe('bank-fee swift:FCHG');
    expect(kind({ swift: 'NINT' }, 100)).toBe('interest swift:NINT');
    expect(kind({ swift: 'NDDT' }, -100)).toBe('other-debit swift:NDDT');
    expect(kind({ swift: 'NMSC' }, 100)).toBe('other-credit swift:NMSC');
  });

  it('OFX TRNTYPE', () => {
    expect(kind({ ofx: 'DIRECTDEP' }, 100)).toBe('customer-receipt/ach ofx:DIRECTDEP');
    expect(kind({ ofx: 'DEP' }, 100)).toBe('customer-receipt/check-deposit ofx:DEP');
    expect(kind({ ofx: 'SRVCHG' }, -100)).toBe('bank-fee ofx:SRVCHG');
    expect(kind({ ofx: 'INT' }, 100)).toBe('interest ofx:INT');
    expect(kind({ ofx: 'CHECK' }, -100)).toBe('vendor-payment ofx:CHECK');
    expect(kind({ ofx: 'CREDIT' }, 100)).toBe('other-credit direction:credit');
  });

  it('a reversal mark wins over every code; the purpose code SALA when codes are silent', () => {
    expect(kind({ bai2: '165', iso: { domain: 'PMNT', family: 'RCDT', subFamily: 'ESCT' } }, -100, { reversal: true })).toBe('returned-item reversal-mark:reversal of a credit');
    expect(kind({}, -100, { purpose: 'SALA' })).toBe('payroll purpose:SALA');
  });

  it('explains itself in one line naming the code and the list', () => {
    const c = classifyEntry({ amountMinor: -3877087, typeCode: { bai2: '555' }, reversal: false });
    expect(c.explanation).toBe('BAI2 type code 555 on a debit: deposited item returned');
    expect(c.basis.list).toBe('BAI2 type codes (BAI2 2005 Appendix A)');
  });
});
