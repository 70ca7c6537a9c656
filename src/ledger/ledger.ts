/**
 * The ledger as the pipeline sees it: typed records in and out, no business rule, no CLI
 * error. It is shaped for a backend across a network (PostgreSQL is planned): every call
 * returns a promise and works in batches (a payer's pending lines, a page of report rows,
 * one transaction per document), so a second backend implements this and nothing above it
 * changes. `sqlite/` is the embedded one.
 */
import type { Minor } from '../core/money.js';
import type { LearnedRule } from '../domain/application.js';
import type { Invoice } from '../domain/invoice.js';
import type { OpenItem } from '../domain/invoice.js';
import type { Diagnostic, DocumentStatus } from '../domain/document.js';
import type { JournalLine, PostableRemittance } from '../domain/journal.js';
import type { Remittance } from '../domain/remittance.js';
import type { BankEntryFacts, BankStatementFacts, ReconciliationDecision } from '../domain/bank.js';
import type { BankFileRecord, CashCounts, CashRemittance, CashRow, NewBankFile, PostableReconciliation, StatementOutcome, StoredBankEntry } from './bank-records.js';
import type {
  AddedCounts,
  ApplicationRecord,
  AuditEntry,
  BatchKind,
  DailyApplication,
  DeductionAging,
  IntakeRow,
  WorkQueueFigures,
  DecisionWrite,
  DeductionRecord,
  DeductionStatus,
  DocumentRecord,
  FetchRunRecord,
  InsertOutcome,
  InvoiceRecord,
  JournalFileRecord,
  JournalRecord,
  LedgerCounts,
  LedgerMark,
  LineRecord,
  LineStatus,
  ListingKind,
  Listings,
  MatchWork,
  NewApplication,
  NewDeduction,
  NewDocument,
  PayerDateOrder,
  PortalHealth,
  PortalHold,
  PortalRunRecord,
  PostableHeader,
  RemittanceContext,
  RepeatedInvoice,
  RuleRecord,
  RunFacts,
  SnapshotResult,
} from './records.js';
import type { MailStore } from './mail.js';

export interface Ledger {
  readonly documents: DocumentStore;
  readonly remittances: RemittanceStore;
  readonly invoices: InvoiceStore;
  readonly matching: MatchStore;
  readonly decisions: DecisionStore;
  readonly journals: JournalStore;
  readonly fetches: FetchStore;
  readonly reports: ReportStore;
  readonly bank: BankStore;
  readonly mail: MailStore;
  /**
   * Run `work` in one transaction: all of it reaches the ledger, or none. Inside, use the
   * `tx` it is given; calls on the outer ledger wait until the transaction ends.
   */
  transaction<T>(work: (tx: Ledger) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** A consistent copy of the whole ledger written to `file` while it stays in use (SQLite's online backup). */
  backupTo(file: string): Promise<void>;
}

/** Original files and the batches they arrive in. */
export interface DocumentStore {
  startBatch(company: string, kind: BatchKind, note: string | null): Promise<number>;
  /** Mark the batch finished; a batch that recorded nothing is not kept (false). */
  closeBatch(batchId: number): Promise<boolean>;
  /**
   * Batches a stopped process left open (no finish time): the empty ones removed, the others
   * closed at their last document and noted as interrupted. Only for a caller holding the
   * workspace lock, when no other writer can have a batch open. Returns how many of each.
   */
  closeInterruptedBatches(): Promise<{ removed: number; closed: number }>;
  /** Every document's kept original as recorded (for `remit doctor`), oldest first. */
  originals(): Promise<Array<{ id: number; sha256: string; inboxPath: string; originalName: string; sizeBytes: number }>>;
  bySha(sha256: string): Promise<DocumentRecord | undefined>;
  /** Documents that failed and were not dismissed, oldest first (to read again after a settings change). */
  failed(company?: string): Promise<DocumentRecord[]>;
  byIds(ids: readonly number[]): Promise<DocumentRecord[]>;
  /** A person let failed documents go: kept, no longer counted as failed. Returns how many. */
  dismiss(ids: readonly number[], user: string, reason: string): Promise<number>;
  /** Insert a document, or replace a failed one with the same content (a retried file); returns its id. */
  record(document: NewDocument): Promise<number>;
  setOutcome(documentId: number, outcome: { status: DocumentStatus; remittanceCount: number; duplicateCount: number; diagnostics: Diagnostic[] }): Promise<void>;
  /** The order of day and month the payer's documents proved, and the document that proved it last. */
  payerDateOrder(company: string, payer: string): Promise<PayerDateOrder | undefined>;
  rememberPayerDateOrder(company: string, payer: string, order: 'dmy' | 'mdy', documentId: number): Promise<void>;
}

export interface RemittanceStore {
  /** Store a payment with its lines, unless the same payment is already in the ledger (from any file). */
  insert(remittance: Remittance, context: RemittanceContext, flag?: string): Promise<InsertOutcome>;
  /** Mark a payment for a person, with the reason shown in report exceptions. */
  flag(remittanceId: number, reason: string): Promise<void>;
}

export interface InvoiceStore {
  /** Load one ERP snapshot of a company (in the caller's transaction); rows may arrive as a stream. */
  importSnapshot(company: string, rows: Iterable<OpenItem>, sourceName: string, sha256: string): Promise<SnapshotResult & { repeated: RepeatedInvoice[] }>;
  latestSnapshotId(company: string): Promise<number | null>;
  /** Every customer code the company's open-invoice files have named. */
  customers(company: string): Promise<string[]>;
  /** Has any open-invoice file of the company named this customer? One look-up by key, not the list. */
  hasCustomer(company: string, customer: string): Promise<boolean>;
  /** A payer's invoice by its number as the ERP writes it. */
  byNumber(company: string, payer: string, number: string): Promise<InvoiceRecord | undefined>;
  /** Every invoice the newest snapshot lists open, with its customer and the customer's name (to tell who a message is from). */
  openNumbers(company: string): Promise<Array<{ customer: string; customerName: string | null; number: string }>>;
}

/** The matcher's work, a payer at a time, and where its decisions are written. */
export interface MatchStore {
  payersWithWork(company?: string): Promise<Array<{ company: string; payer: string }>>;
  /** One payer's lines waiting for a decision, in payment order, with their adjustments. */
  pendingFor(company: string, payer: string): Promise<MatchWork>;
  /** Every invoice of a payer with what is still open on it (closed ones included: for what a person types). */
  invoicesForPayer(company: string, payer: string): Promise<Invoice[]>;
  /** What `remit match` decides a payer's lines against: its open invoices, through their own index, whatever the size of history. */
  openInvoicesFor(company: string, payer: string): Promise<Invoice[]>;
  /** The payer's closed invoices whose number is one of `numbers`, each found by its key (never a read of every closed one). */
  closedInvoicesNamed(company: string, payer: string, numbers: readonly string[]): Promise<Invoice[]>;
  /** Write one payer's decisions (in the caller's transaction). */
  write(decisions: readonly DecisionWrite[], createdBy: string): Promise<void>;
  /** Payments with no line left new are matched. */
  markMatched(): Promise<void>;
}

/** What operators do by hand, as records: the rules about them are the pipeline's. */
export interface DecisionStore {
  line(lineId: number): Promise<LineRecord | undefined>;
  /** Lines of payments with this reference (and line number, when given), for what a person types. */
  linesOfPayment(paymentRef: string, lineNo?: number): Promise<number[]>;
  /** Lines that name this invoice (their reference as written) or were applied to it. */
  linesNamingInvoice(number: string): Promise<number[]>;
  application(applicationId: number): Promise<ApplicationRecord | undefined>;
  applicationsOf(lineId: number): Promise<ApplicationRecord[]>;
  /** The application that undoes this one, if any. */
  reversalOf(applicationId: number): Promise<number | undefined>;
  /** A proposal of exactly this cash (and nothing else) to this invoice. */
  proposal(lineId: number, invoiceId: number, cashMinor: Minor): Promise<number | undefined>;
  confirmProposal(applicationId: number, user: string, note: string): Promise<void>;
  addApplication(application: NewApplication): Promise<number>;
  setLine(lineId: number, state: { status: LineStatus; note: string; unappliedMinor?: Minor; addUnappliedMinor?: Minor }): Promise<void>;
  /** Open, unreversed deductions of a line (of one invoice, when given). */
  openDeductions(lineId: number, invoiceId?: number | null): Promise<DeductionRecord[]>;
  addDeduction(deduction: NewDeduction): Promise<number>;
  setDeductionStatus(deductionId: number, status: DeductionStatus): Promise<void>;
  recodeDeductions(lineId: number, reasonCode: string): Promise<number>;
  audit(entry: AuditEntry): Promise<void>;
  rules(): Promise<RuleRecord[]>;
  /** Remember a rule; false when it was known already. */
  addRule(rule: LearnedRule, user: string): Promise<boolean>;
  /** Forget a rule; false when there was none of that id. */
  removeRule(ruleId: number): Promise<boolean>;
}

export interface JournalStore {
  /** The company's matched payments with something to post, in posting order. */
  postableHeaders(company: string): Promise<PostableHeader[]>;
  /** One payment with what it posts that no journal has yet. */
  postable(header: PostableHeader): Promise<PostableRemittance>;
  /** The id the next journal will have, so its file can be named before it is recorded. */
  nextId(): Promise<number>;
  /** Record a journal as it is written, in the caller's transaction: start, post each payment, finish. */
  start(id: number, company: string, format: string, file: string, lastSnapshotId: number | null, postingDate?: string): Promise<void>;
  post(id: number, lines: readonly JournalLine[], remittance: PostableRemittance): Promise<void>;
  /** Record lines that post no remittance (a reconciled bank entry's). */
  postLines(id: number, lines: readonly JournalLine[]): Promise<void>;
  /** The journal's totals and files, recorded `recorded` (or, with no files given, `placed` at once as before). */
  finish(id: number, totals: { lineCount: number; debitMinor: Minor; creditMinor: Minor }, files?: readonly JournalFileRecord[]): Promise<void>;
  /** Every file of the journal is in place. */
  markPlaced(id: number): Promise<void>;
  /** Journals recorded whose files are not all in place yet, oldest first. */
  unplaced(): Promise<JournalRecord[]>;
  /** The files a journal writes (none for a journal written before they were recorded). */
  filesOf(id: number): Promise<JournalFileRecord[]>;
  /** Every journal, newest first. */
  list(company?: string): Promise<JournalRecord[]>;
  byId(id: number): Promise<JournalRecord | undefined>;
  /** A journal's lines in order, a page at a time. */
  linesOf(id: number): AsyncIterable<readonly JournalLine[]>;
}

/** Fetch runs and portal downloads: what makes fetching incremental. */
export interface FetchStore {
  startRun(runId: string, since: string, until: string, dryRun: boolean): Promise<number>;
  finishRun(fetchRunId: number): Promise<void>;
  recordPortal(fetchRunId: number, record: PortalRunRecord): Promise<void>;
  /** The last day a fetch of this account covered successfully. */
  lastGoodDay(accountId: string): Promise<string | undefined>;
  lastRun(): Promise<FetchRunRecord | undefined>;
  knownRows(accountId: string): Promise<Set<string>>;
  recordDownload(accountId: string, rowId: string, sha256: string): Promise<void>;
  portalHealth(): Promise<PortalHealth[]>;
  /** Hold an account (replacing an earlier hold): later runs skip it until the hold is cleared. */
  holdAccount(hold: Omit<PortalHold, 'heldAt'>): Promise<void>;
  /** End a hold; false when the account was not held. */
  clearHold(accountId: string): Promise<boolean>;
  holds(): Promise<PortalHold[]>;
}

/** Read-only queries behind reports, status and summaries. */
export interface ReportStore {
  /** A listing a page at a time, oldest first (a year of data never sits in memory). */
  listing<K extends ListingKind>(kind: K, company?: string): AsyncIterable<ReadonlyArray<Listings[K]>>;
  count(kind: ListingKind, company?: string): Promise<number>;
  /** Lines that need a person (the line rows of the exceptions listing). */
  exceptionCount(company?: string): Promise<number>;
  /** Open deductions: all of them, and how many stand alone (no invoice: the payer's own debit memos). */
  openDeductions(): Promise<{ count: number; amountMinor: Minor; standalone: number }>;
  failedDocumentCount(company?: string): Promise<number>;
  /** Payments flagged at import (lines that do not reach the stated total, an error named in the file). */
  flaggedPaymentCount(company?: string): Promise<number>;
  /** What was added since a run started, for its notification. */
  since(startedAt: string): Promise<RunFacts>;
  counts(company?: string): Promise<LedgerCounts>;
  /** The largest id of each table now: one look-up each, whatever the size of the ledger. */
  mark(): Promise<LedgerMark>;
  /** What was written after `mark`, read by id from it (the new rows only). */
  addedAfter(mark: LedgerMark): Promise<AddedCounts>;
  /** What arrived since a time, by source and payer. */
  intake(since: string, company?: string): Promise<IntakeRow[]>;
  /** Lines and payments by the day they arrived, from `fromDay` on, and how many were applied without a person. */
  dailyApplication(fromDay: string, company?: string): Promise<DailyApplication[]>;
  /** What waits for a person, the unapplied cash by age (days from payment date to `today`). */
  workQueue(today: string, company?: string): Promise<WorkQueueFigures>;
  /** Open deductions by reason code and age. */
  deductionAging(today: string, company?: string): Promise<DeductionAging[]>;
}

/** Bank files, statements and entries, and what reconciliation decided for each entry. */
export interface BankStore {
  fileBySha(sha256: string): Promise<BankFileRecord | undefined>;
  /** Record a bank file (in the caller's transaction, with its statements and entries). */
  recordFile(file: NewBankFile): Promise<number>;
  finishFile(fileId: number, outcome: { statements: number; entries: number; duplicates: number; diagnostics: Diagnostic[] }): Promise<void>;
  /** Store a statement, or find the same one already stored (account, currency, date, statement id). */
  addStatement(fileId: number, company: string, statement: BankStatementFacts): Promise<StatementOutcome>;
  /** Store an entry; false when the same entry (account, currency, bank reference, day, amount) is stored already. */
  addEntry(statementId: number, company: string, accountId: string, entry: BankEntryFacts): Promise<boolean>;
  /** Every entry of a company in one currency, or all currencies, in value-date order, with its current decision. */
  entries(company: string): Promise<StoredBankEntry[]>;
  /** Every remittance of a company with the cash that came for it. */
  cashRemittances(company: string): Promise<CashRemittance[]>;
  /** Record (or replace) the decision for an entry. */
  decide(entryId: number, decision: ReconciliationDecision, createdBy: string): Promise<void>;
  /** Every name the company's invoices and remittances give each payer (the ERP's customer name, the payer's own). */
  payerNames(company: string): Promise<Array<{ payer: string; name: string }>>;
  /** Payment references of a payer's remittances whose cash arrived (reconciled, not returned since). */
  paidPaymentRefs(company: string, payer: string): Promise<string[]>;
  /** Companies with bank entries. */
  companies(): Promise<string[]>;
  cashRows(company?: string): Promise<CashRow[]>;
  counts(company?: string): Promise<CashCounts>;
  /** Reconciled and returned entries of a company that no journal has posted, in entry order. */
  postableReconciliations(company: string): Promise<PostableReconciliation[]>;
  /** Mark entries as posted by a journal (in the journal's transaction). */
  markPosted(journalId: number, postings: ReadonlyArray<{ entryId: number; reconciliationId: number }>): Promise<void>;
}
