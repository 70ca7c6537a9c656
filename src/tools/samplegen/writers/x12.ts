/** Model payments as an X12 820 (004010) interchange, one ST per payment. */
import { formatMinor } from '../../../core/money.js';
import type { ModelPayment } from '../demo-model.js';

/** X12 R type: no trailing zeros (4610.00 -> 4610, 55722.10 -> 55722.1). */
function r(minor: number): string {
  return formatMinor(minor).replace(/\.?0+$/, '') || '0';
}

export function remittance820(payments: ModelPayment[], control = 1): string {
  const ymd = (iso: string) => iso.replace(/-/g, '');
  const isaControl = String(control).padStart(9, '0');
  const out: string[] = [
    `ISA*00*          *00*          *ZZ*PAYERID        *ZZ*SUPPLIERID     *261122*0900*U*00401*${isaControl}*0*P*>`,
    `GS*RA*PAYERID*SUPPLIERID*20261122*0900*${control}*X*004010`,
  ];
  payments.forEach((payment, index) => {
    const st = String(index + 1).padStart(4, '0');
    const body: string[] = [
      `ST*820*${st}`,
      `BPR*C*${r(payment.totalMinor)}*C*ACH*CCP*01*011000015*DA*123456789*1234567890**01*021000021*DA*987654321*${ymd(payment.paymentDate)}`,
      `TRN*1*${payment.paymentRef}*1234567890`,
      'CUR*PR*USD',
      `N1*PR*${payment.payer}`,
      'N1*PE*SUPPLIER',
      'ENT*1',
    ];
    for (const line of payment.lines.filter((l) => l.case === 'deduction-only')) body.push(`ADX*${r(-line.deductionMinor)}*06*CM*${line.reference}`);
    for (const line of payment.lines.filter((l) => l.case !== 'deduction-only')) {
      body.push(`RMR*IV*${line.reference}**${r(line.paidMinor)}*${r(line.grossMinor)}${line.discountMinor ? `*${r(line.discountMinor)}` : ''}`);
      if (line.deductionMinor) body.push(`ADX*${r(-line.deductionMinor)}*06`);
    }
    body.push(`SE*${body.length + 1}*${st}`);
    out.push(...body);
  });
  out.push(`GE*${payments.length}*${control}`, `IEA*1*${isaControl}`);
  return `${out.join('~\n')}~\n`;
}
