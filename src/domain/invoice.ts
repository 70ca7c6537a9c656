/** Invoices: the open items of the ERP's aging export, and what is still open on each now. */
import type { Minor } from '../core/money.js';

/** One open item as the ERP export lists it. */
export interface OpenItem {
  /** The row of the ERP file it came from, for messages. */
  row?: number;
  customer: string;
  customerName?: string | undefined;
  number: string;
  po?: string | undefined;
  invoiceDate?: string | undefined;
  dueDate?: string | undefined;
  currency: string;
  originalMinor: Minor;
  openMinor: Minor;
}

/** An invoice remit knows for a payer; `remainingMinor` is what is still open now. */
export interface Invoice {
  id: number;
  number: string;
  po?: string | undefined;
  currency: string;
  originalMinor: Minor;
  remainingMinor: Minor;
  /** False when the newest ERP snapshot no longer lists it (paid or closed there). */
  open: boolean;
  /** ISO invoice date from the ERP export. */
  invoiceDate?: string | undefined;
  /** ISO due date from the ERP export. */
  dueDate?: string | undefined;
  /** Early-payment terms, e.g. 2/10 net 30: discountPercent 2, discountDays 10 (from the invoice date). */
  discountPercent?: number | undefined;
  discountDays?: number | undefined;
}
