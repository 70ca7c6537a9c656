/**
 * An X12 820 (004010) interchange at scale, streamed: one ISA/GS, one ST/SE transaction per
 * payment. The payer is named in N1*PR with its EDI id; the payer's own deductions are
 * ENT-level ADX, short pays an ADX after their RMR, as in writers/x12.ts.
 */
import { formatMinor } from '../../../core/money.js';
import type { ModelPayment } from '../demo-model.js';
import { SCALE_REASONS, type ScalePayer } from './payers.js';
import { FileSink } from './sink.js';

const CONTROL = '000000001';

/** X12 R type: no trailing zeros. */
function r(minor: number): string {
  return formatMinor(minor).replace(/\.?0+$/, '') || '0';
}

function reasonCode(raw: string): string {
  return SCALE_REASONS.find((reason) => reason.raw === raw)?.x12 ?? '06';
}

export class X12File {
  private readonly sink: FileSink;
  private transactions = 0;
  /** RMR segments written (the issue counts 820 size in RMR). */
  rmr = 0;
  lines = 0;

  constructor(path: string) {
    this.sink = new FileSink(path);
    this.sink.write(
      `ISA*00*          *00*          *ZZ*PAYERHUB       *ZZ*SUPPLIERID     *261122*0900*U*00401*${CONTROL}*0*P*>~\n` +
        'GS*RA*PAYERHUB*SUPPLIERID*20261122*0900*1*X*004010~\n',
    );
  }

  add(payment: ModelPayment, payer: ScalePayer): void {
    this.transactions += 1;
    const st = String(this.transactions).padStart(4, '0');
    const body: string[] = [
      `ST*820*${st}`,
      `BPR*C*${r(payment.totalMinor)}*C*ACH*CCP*01*011000015*DA*123456789*1234567890**01*021000021*DA*987654321*${payment.paymentDate.replace(/-/g, '')}`,
      `TRN*1*${payment.paymentRef}*1234567890`,
      'CUR*PR*USD',
      `N1*PR*${payer.name}*91*${payer.ediId}`,
      'N1*PE*SUPPLIER',
      'ENT*1',
    ];
    for (const line of payment.lines) {
      if (line.case === 'deduction-only') body.push(`ADX*${r(-line.deductionMinor)}*${reasonCode(line.reasonRaw)}*CM*${line.reference}`);
    }
    for (const line of payment.lines) {
      if (line.case === 'deduction-only') continue;
      body.push(`RMR*IV*${line.reference}**${r(line.paidMinor)}*${r(line.grossMinor)}${line.discountMinor ? `*${r(line.discountMinor)}` : ''}`);
      this.rmr += 1;
      if (line.deductionMinor) body.push(`ADX*${r(-line.deductionMinor)}*${reasonCode(line.reasonRaw)}`);
    }
    body.push(`SE*${body.length + 1}*${st}`);
    this.sink.write(`${body.join('~\n')}~\n`);
    this.lines += payment.lines.length;
  }

  close(): void {
    this.sink.write(`GE*${this.transactions}*1~\nIEA*1*${CONTROL}~\n`);
    this.sink.close();
  }
}
