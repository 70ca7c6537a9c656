/** The GL accounts a company's journal posts to (remit.yaml `companies.<C>.gl`). */
export interface GlAccounts {
  bankClearing: string;
  accountsReceivable: string;
  discountsAllowed: string;
  unappliedCash: string;
  /** Small differences written off within matching.write_off_tolerance. */
  writeOff: string;
  /** Deduction account per reason code; `default` catches the rest. */
  deductions: Record<string, string>;
}

export const DEFAULT_DEDUCTION_ACCOUNTS: Record<string, string> = {
  default: '1290',
  shortage: '1291',
  damaged: '1292',
  pricing: '1293',
  'co-op': '1294',
  'late-delivery': '1295',
};
