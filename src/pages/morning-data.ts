/** What the morning page shows, as the pipeline gathers it (pipeline/morning-report.ts). Amounts in minor units. */

export interface DayFigures {
  day: string;
  lines: number;
  autoLines: number;
  payments: number;
  autoPayments: number;
}

export interface MoneyCount {
  currency: string;
  count: number;
  amountMinor: number;
}

export interface MorningReport {
  generatedAt: string;
  company: string | null;
  /** The local day the report is for, and where "overnight" starts (an instant). */
  today: string;
  since: string;
  intake: Array<{ source: string; payer: string | null; files: number; failed: number; payments: number; amounts: Array<{ currency: string; amountMinor: number }>; failures: Array<{ name: string; message: string }> }>;
  /** Every day of the chart, oldest first. */
  days: DayFigures[];
  todayFigures: DayFigures;
  last30: Omit<DayFigures, 'day'>;
  queue: {
    review: number;
    proposals: number;
    unapplied: Array<MoneyCount & { bucket: string }>;
    unappliedTotals: MoneyCount[];
    /** The oldest lines waiting, with what the operator needs to act on them. */
    lines: Array<{ lineId: number | null; payer: string; paymentRef: string; paymentDate: string; lineNo: number | null; lineRef: string | null; status: string; amountMinor: number; currency: string; note: string | null }>;
    moreLines: number;
  };
  deductions: Array<MoneyCount & { bucket: string; reasonCode: string }>;
  deductionTotals: Array<MoneyCount & { reasonCode: string }>;
  status: {
    pendingExceptions: number;
    failedDocuments: number;
    flaggedPayments: number;
    openDeductions: number;
    openDeductionsMinor: number;
    lastRun: { runId: string; startedAt: string; finishedAt: string | null } | null;
    portals: Array<{ id: string; lastSuccess: string | null; consecutiveFailures: number; lastStatus: string; held?: { kind: string; since: string; reason: string } | null }>;
    /** Mailboxes read by remit mail fetch / remit run: a refused login is held until the secret is replaced. */
    mailboxes?: Array<{ id: string; lastSuccess: string | null; consecutiveFailures: number; lastStatus: string; loginRefused: string | null; waiting: number }>;
    /** The cash side (remit bank import, remit reconcile). */
    cash?: { entries: number; reconciled: number; unidentified: number; unidentifiedMinor: number; ignored: number; returned: number; pending: number; inTransit: number; notReceived: number };
  };
}
