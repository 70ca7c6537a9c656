/**
 * What the ledger stores and gives back: typed records, camelCase, one type per concept of
 * DESIGN.md (the concepts themselves are in domain/; these add what storing them adds: ids,
 * times, who did it). Amounts are integer minor units.
 */
import type { Minor } from '../core/money.js';
import type { Candidate, LearnedRule, PendingLine } from '../domain/application.js';
import type { Diagnostic, DocumentFormat, DocumentStatus } from '../domain/document.js';

// Documents and batches

export interface DocumentRecord {
  id: number;
  sha256: string;
  originalName: string;
  source: string;
  format: DocumentFormat | null;
  status: DocumentStatus;
  error: string | null;
  diagnostics: Diagnostic[];
  sizeBytes: number;
  inboxPath: string;
  company: string;
  payer: string | null;
  batchId: number | null;
  receivedAt: string;
  remittanceCount: number;
  duplicateCount: number;
}

export type NewDocument = Omit<DocumentRecord, 'id' | 'receivedAt' | 'batchId'> & { batchId: number };

export type BatchKind = 'import' | 'fetch';

/** What a payer's documents proved about its dates. */
export interface PayerDateOrder {
  order: 'dmy' | 'mdy';
  documentId: number;
  originalName: string;
}

// Remittances

/** Where a remittance being stored came from and whose it is. */
export interface RemittanceContext {
  documentId: number;
  batchId: number;
  company: string;
  payer: string;
}

/** The same payment (payer + payment reference + date + total) from any file is stored once. */
export type InsertOutcome = { created: true; id: number } | { created: false; existingId: number; existingFile: string };

// Invoices

export interface SnapshotResult {
  snapshotId: number;
  added: number;
  updated: number;
  closed: number;
}

/** An invoice the same snapshot lists twice: the first listing is kept. */
export interface RepeatedInvoice {
  row: number | undefined;
  customer: string;
  number: string;
}

/** One invoice of a payer as an operator names it, with what is still open on it now. */
export interface InvoiceRecord {
  id: number;
  number: string;
  po: string | null;
  currency: string;
  /** Still open: the ERP's open amount less what remit applied that the ERP has not seen; 0 once closed. */
  remainingMinor: Minor;
  /** Listed by the newest snapshot. */
  open: boolean;
}

// Lines, applications, deductions

export type LineStatus = 'new' | 'applied' | 'review' | 'unapplied' | 'deduction';

/** A remittance line with its payment, as review and explain show it. */
export interface LineRecord {
  id: number;
  remittanceId: number;
  company: string;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  currency: string;
  lineNo: number;
  reference: string;
  po: string | null;
  paidMinor: Minor;
  unappliedMinor: Minor;
  status: LineStatus;
  note: string | null;
  /** The ranked choices the matcher left for a person. */
  candidates: Candidate[];
  /** The journal its payment was first exported in. */
  journalId: number | null;
}

export type ApplicationStatus = 'applied' | 'proposed';

export interface NewApplication {
  lineId: number;
  invoiceId: number;
  cashMinor: Minor;
  discountMinor: Minor;
  deductionMinor: Minor;
  writeOffMinor: Minor;
  method: string;
  confidence: number;
  explanation: string;
  status: ApplicationStatus;
  createdBy: string;
  /** The application this one undoes (its mirror image). */
  reversesId?: number;
}

export interface ApplicationRecord extends Required<Omit<NewApplication, 'reversesId'>> {
  id: number;
  invoiceNumber: string;
  reversesId: number | null;
  journalId: number | null;
  createdAt: string;
}

export type DeductionStatus = 'open' | 'reversed';

export interface NewDeduction {
  lineId: number;
  invoiceId: number | null;
  amountMinor: Minor;
  reasonCode: string;
  reasonRaw: string;
  status?: DeductionStatus;
  reversesId?: number;
}

export interface DeductionRecord {
  id: number;
  lineId: number;
  invoiceId: number | null;
  amountMinor: Minor;
  reasonCode: string;
  reasonRaw: string;
  status: DeductionStatus;
  reversesId: number | null;
  journalId: number | null;
}

/** One manual action in the audit log. */
export interface AuditEntry {
  user: string;
  action: string;
  lineId: number | null;
  applicationId: number | null;
  detail: Record<string, unknown>;
}

export interface RuleRecord extends LearnedRule {
  id: number;
  createdAt: string;
  createdBy: string;
}

// Matching

/** Where a line stands: a decision that would leave both as they are changes nothing. */
export interface LineState {
  status: LineStatus;
  note: string | null;
}

/** One payer's lines waiting for a decision, and where the ones tried before stand. */
export interface MatchWork {
  company: string;
  payer: string;
  lines: PendingLine[];
  /** Lines decided before and tried again (unapplied or for review, with no application); the rest are new. */
  retried: ReadonlyMap<number, LineState>;
}

/** What one decision writes: the line's new state, and the applications and deductions it makes. */
export interface DecisionWrite {
  lineId: number;
  status: LineStatus;
  unappliedMinor: Minor;
  note: string;
  candidates: Candidate[] | null;
  applications: Array<Omit<NewApplication, 'lineId' | 'reversesId' | 'createdBy'>>;
  deductions: Array<Omit<NewDeduction, 'lineId' | 'status' | 'reversesId'>>;
}

// Journals

export interface JournalRecord {
  id: number;
  company: string;
  createdAt: string;
  format: string;
  file: string;
  lineCount: number;
  debitMinor: Minor;
  creditMinor: Minor;
  /** `recorded` while its files are not all in place yet (the next export or `--recover` finishes it), then `placed`. */
  state: JournalState;
  /** The day its entries are posted on (null for journals written before posting dates). */
  postingDate: string | null;
  /** sha256 of its first file. */
  sha256: string | null;
}

export type JournalState = 'recorded' | 'placed';

/** One file a journal writes: where, its sha256, and (ERP formats) its bytes; null content is rewritten from the journal's lines. */
export interface JournalFileRecord {
  seq: number;
  /** What the export's name gets (`.csv`, `-journal.csv`, `-2.csv`, `.txt`). */
  suffix: string;
  path: string;
  sha256: string;
  bytes: number;
  content: Buffer | null;
}

/** A remittance with something to post, before its lines are read. */
export interface PostableHeader {
  id: number;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  currency: string;
  totalMinor: Minor;
  /** Already in an earlier journal: only what changed since is posted. */
  late: boolean;
}

// Fetch runs

export interface PortalRunRecord {
  accountId: string;
  company: string;
  payer: string;
  status: 'ok' | 'failed';
  errorKind?: string | undefined;
  message?: string | undefined;
  rowsSeen: number;
  files: number;
  payments: number;
  fileErrors: number;
  attempts: number;
  artifacts?: string | undefined;
}

export interface FetchRunRecord {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  since: string;
  until: string;
}

/**
 * A portal account that later runs skip: the portal refused its credentials, and trying them
 * again would only lock the account. No secret in it.
 */
export interface PortalHold {
  accountId: string;
  /** The failure kind that set the hold: auth, locked, password-expired, mfa, captcha. */
  errorKind: string;
  /** What the portal said, in one line. */
  message: string;
  heldAt: string;
  runId: string | null;
}

/** Per portal account: the last success and how many runs have failed since. */
export interface PortalHealth {
  accountId: string;
  lastSuccess: string | null;
  lastStatus: string | null;
  failuresSince: number;
}

// Reports

export interface ApplicationRow {
  applicationId: number;
  lineId: number;
  company: string;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  lineNo: number;
  lineRef: string;
  invoiceNumber: string;
  cashMinor: Minor;
  discountMinor: Minor;
  deductionMinor: Minor;
  writeOffMinor: Minor;
  currency: string;
  method: string;
  confidence: number;
  status: ApplicationStatus;
  explanation: string;
  journalId: number | null;
}

/** A line a person must look at, or (lineId null) a payment flagged at import. */
export interface ExceptionRow {
  lineId: number | null;
  company: string;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  lineNo: number | null;
  lineRef: string | null;
  status: string;
  amountMinor: Minor;
  currency: string;
  note: string | null;
}

export interface DeductionRow {
  deductionId: number;
  lineId: number;
  company: string;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  lineNo: number;
  lineRef: string;
  invoiceNumber: string | null;
  amountMinor: Minor;
  currency: string;
  reasonCode: string;
  reasonRaw: string;
  status: DeductionStatus;
  journalId: number | null;
}

export interface DocumentRow {
  documentId: number;
  receivedAt: string;
  originalName: string;
  format: string | null;
  status: DocumentStatus;
  company: string;
  payer: string | null;
  remittanceCount: number;
  duplicateCount: number;
  firstProblem: string | null;
  batchId: number | null;
  sha256: string;
  /** `import`, `fetch:<account>`, `mail:<mailbox>`. */
  source: string;
  /** Why a person let this failed document go, and who. */
  dismissed: string | null;
}

export interface BatchRow {
  batchId: number;
  company: string;
  kind: BatchKind;
  startedAt: string;
  finishedAt: string | null;
  documents: number;
  payments: number;
  lines: number;
  totalMinor: Minor;
}

/** The listings `remit report` shows, by kind. */
export interface Listings {
  applications: ApplicationRow;
  exceptions: ExceptionRow;
  deductions: DeductionRow;
  documents: DocumentRow;
  batches: BatchRow;
}
export type ListingKind = keyof Listings;

/** Headline counts for summaries (demo, the nightly run). */
export interface LedgerCounts {
  documents: number;
  payments: number;
  lines: number;
  applied: number;
  appliedMinor: Minor;
  deductions: number;
  exceptions: number;
  failedDocuments: number;
}

/** Where each table of the ledger ended at a moment (its largest id): what is added after it is new. */
export interface LedgerMark {
  documents: number;
  remittances: number;
  lines: number;
  applications: number;
  deductions: number;
}

/** The rows written after a mark, counted as LedgerCounts counts the whole ledger. */
export type AddedCounts = Pick<LedgerCounts, 'documents' | 'payments' | 'lines' | 'applied' | 'appliedMinor' | 'deductions'>;

/** What was added since a run started, for its notification. */
export interface RunFacts {
  documentsImported: number;
  failedDocuments: Array<{ name: string; message: string }>;
  payments: Array<{ currency: string; count: number; amountMinor: Minor }>;
  applied: Array<{ currency: string; lines: number; amountMinor: Minor }>;
  deductions: Array<{ payer: string; paymentRef: string; amountMinor: Minor; reasonCode: string; currency: string; invoice: string | null }>;
  unapplied: Array<{ payer: string; paymentRef: string; lineRef: string; amountMinor: Minor; currency: string }>;
  unbalanced: Array<{ payer: string; paymentRef: string; reason: string }>;
  shortPays: Array<{ invoice: string; payer: string; paymentRef: string; currency: string; openMinor: Minor; paidMinor: Minor; deductionMinor: Minor }>;
}

// The morning report

/** What arrived from one source (import, `fetch:<account>`, `mail:<box>`) for one payer since a time. */
export interface IntakeRow {
  source: string;
  payer: string | null;
  files: number;
  failed: number;
  payments: number;
  amounts: Array<{ currency: string; amountMinor: Minor }>;
  failures: Array<{ name: string; message: string }>;
}

/** One day's lines and payments (by the day they arrived) and how many remit applied on its own. */
export interface DailyApplication {
  day: string;
  lines: number;
  /** Lines decided without a person: applied or recorded as a deduction, no manual application. */
  autoLines: number;
  payments: number;
  /** Payments none of whose lines needed a person. */
  autoPayments: number;
}

/** Money waiting for a person, by how old its payment is. */
export interface AgeBucket {
  /** `0-7`, `8-30`, `31-60`, `61-90`, `90+` (days since the payment date). */
  bucket: string;
  count: number;
  amountMinor: Minor;
  currency: string;
}

export interface WorkQueueFigures {
  /** Lines waiting for review (status review), and proposals waiting for a yes or no. */
  review: number;
  proposals: number;
  /** Lines with cash left unapplied, by age. */
  unapplied: AgeBucket[];
}

export interface DeductionAging extends AgeBucket {
  reasonCode: string;
}
