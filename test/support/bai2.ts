/**
 * A small BAI2 file written for a test, its control totals computed as BAI2 defines them
 * (BAI Cash Management Balance Reporting Specifications, Version 2, published by BAI, bai.org):
 * an account's 49 total is the sum of the amounts of its 03 and 16 records, with the count of
 * its records from 03 to 49; the 98 and 99 totals sum those below them.
 */
export interface Bai2Account {
  account: string;
  currency: string;
  openingMinor: number;
  /** type code, signed amount in minor units (credits > 0), bank reference, customer reference, text. */
  entries: Array<{ type: string; amountMinor: number; bankRef: string; customerRef?: string; text?: string }>;
}

export function bai2File(asOf: string, fileId: string, accounts: Bai2Account[]): string {
  const day = asOf.replace(/-/g, '').slice(2);
  const lines = [`01,NWF,LAKESHORE,${day},0600,${fileId},80,,2/`, `02,NWF,071000013,1,${day},0600,,2/`];
  let groupTotal = 0;
  let groupRecords = 2;
  for (const a of accounts) {
    const closing = a.openingMinor + a.entries.reduce((sum, e) => sum + e.amountMinor, 0);
    const records = [`03,${a.account},${a.currency},010,${a.openingMinor},,,015,${closing},,/`];
    let total = a.openingMinor + closing;
    for (const e of a.entries) {
      records.push(`16,${e.type},${Math.abs(e.amountMinor)},0,${e.bankRef},${e.customerRef ?? ''},${e.text ?? ''}`);
      total += Math.abs(e.amountMinor);
    }
    records.push(`49,${total},${records.length + 1}/`);
    lines.push(...records);
    groupTotal += total;
    groupRecords += records.length;
  }
  lines.push(`98,${groupTotal},${accounts.length},${groupRecords}/`);
  lines.push(`99,${groupTotal},1,${lines.length + 1}/`);
  return `${lines.join('\n')}\n`;
}
