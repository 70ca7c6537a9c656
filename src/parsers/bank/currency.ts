/**
 * ISO 4217 currencies and their minor-unit exponents, so `amountMinor` means the same in
 * every format: cents for USD, yen for JPY, fils for BHD. A code outside the list is refused
 * rather than given two decimals by default: its amounts could not be read safely.
 *
 * Source: ISO 4217 list one (SIX Financial Information, maintenance agency),
 * https://www.six-group.com/en/products-services/financial-information/data-standards.html
 * BAI2 Appendix B lists the same implied decimals for its amounts.
 */

const TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR ' +
  'LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB ' +
  'PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP ' +
  'SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL';
const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';

const EXPONENTS = new Map<string, number>();
for (const [list, digits] of [[TWO, 2], [ZERO, 0], [THREE, 3], [FOUR, 4]] as const) {
  for (const code of list.split(' ')) EXPONENTS.set(code, digits);
}

/** Digits after the decimal mark for an ISO 4217 code; undefined for a code not in the list. */
export function minorDigitsOf(currency: string): number | undefined {
  return EXPONENTS.get(currency);
}
