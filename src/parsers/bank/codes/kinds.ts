/** The kinds of money classifyEntry tells apart, shared by the code tables. */

export type EntryKind =
  | 'customer-receipt'
  | 'returned-item'
  | 'bank-fee'
  | 'interest'
  | 'payroll'
  | 'vendor-payment'
  | 'other-debit'
  | 'other-credit';

/** How a customer receipt arrived. */
export type ReceiptChannel = 'ach' | 'wire' | 'lockbox' | 'check-deposit' | 'book-transfer' | 'direct-debit' | 'transfer';

export interface CodeMeaning {
  kind: EntryKind;
  channel?: ReceiptChannel;
  /** The code's name in its list, for the explanation. */
  meaning: string;
}
