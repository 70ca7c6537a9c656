/**
 * What the bank-statement readers return: statements of one account each, with their
 * entries in file order, and diagnostics. One shape for BAI2, camt.052/053/054, MT940/942
 * and OFX, so reconciliation never needs to know which format the bank sent.
 *
 * Amounts are integer minor units of the entry's currency (see currency.ts); an entry's
 * amount is signed, credit (money in) > 0. Dates are ISO `YYYY-MM-DD`. A field the file does
 * not give is absent, never invented.
 */
import type { Minor } from '../../core/money.js';
import type { Diagnostic } from '../types.js';

export type BankFormat = 'bai2' | 'camt.052' | 'camt.053' | 'camt.054' | 'mt940' | 'mt942' | 'ofx';

export interface BankParseResult {
  format: BankFormat;
  /** The file's own identity where it has one: BAI2 01 file id, camt GrpHdr/MsgId, MT940 first :20:. */
  fileId?: string;
  /** When the bank made the file, as written (ISO date or date-time). */
  createdAt?: string;
  statements: BankStatement[];
  diagnostics: Diagnostic[];
}

/** The bank that holds the account, by whichever identifiers the file gives. */
export interface BankIdentity {
  /** US ABA routing number (9 digits). */
  aba?: string;
  bic?: string;
  /** Another clearing-system member id (camt ClrSysMmbId that is not USABA). */
  memberId?: string;
  name?: string;
}

export interface BankBalance {
  amountMinor: Minor;
  date?: string;
  /** The code the file used: BAI2 type code (010), camt balance type (OPBD), MT940 tag (60F). */
  code: string;
}

/**
 * One account's activity for one reporting period: a BAI2 03..49 account block, a camt
 * Stmt/Rpt/Ntfctn, an MT940/942 message, an OFX STMTRS/CCSTMTRS.
 */
export interface BankStatement {
  format: BankFormat;
  /** Where it starts in the file ("line 3"). */
  location: string;
  bank?: BankIdentity;
  accountId: string;
  accountIdKind: 'iban' | 'number';
  currency: string;
  /**
   * BAI2: the 01 record's file id; camt: Stmt/Id; MT940: :20:; OFX: the STMTTRNRS TRNUID.
   * Not unique across banks: pair it with the account.
   */
  statementId?: string;
  /** camt ElctrncSeqNb (else LglSeqNb), MT940 :28C:, BAI2 group number within the file. */
  sequence?: string;
  /** The day the statement is for: BAI2 as-of date, camt ToDtTm day, MT940 :62: date, OFX DTEND day. */
  date?: string;
  fromDate?: string;
  toDate?: string;
  openingBooked?: BankBalance;
  closingBooked?: BankBalance;
  openingAvailable?: BankBalance;
  closingAvailable?: BankBalance;
  entries: BankEntry[];
}

/** The bank's own codes for an entry, exactly as given; classifyEntry reads them. */
export interface BankTypeCode {
  /** BAI2 3-digit type code (record 16 field 2, or camt Prtry/Cd issued by BAI). */
  bai2?: string;
  /** ISO 20022 bank transaction code (camt BkTxCd/Domn). */
  iso?: { domain: string; family: string; subFamily: string };
  /** camt BkTxCd/Prtry, MT940 :86: DK business transaction code (GVC, issuer "DK"). */
  proprietary?: { code: string; issuer?: string };
  /** MT940/942 :61: transaction type identification: S/N/F + 3 characters (NTRF, S103). */
  swift?: string;
  /** OFX TRNTYPE (CREDIT, DEBIT, INT, FEE, DEP, XFER, CHECK, ...). */
  ofx?: string;
}

/** BAI2 funds availability of a detail record (funds type and the fields that go with it). */
export interface FundsAvailability {
  /** 0 immediate, 1 one-day, 2 two-or-more-day, S distributed, V value-dated, D distributed by days, Z unknown. */
  type: string;
  immediateMinor?: Minor;
  oneDayMinor?: Minor;
  twoOrMoreDaysMinor?: Minor;
  valueDate?: string;
  valueTime?: string;
  /** Funds type D: amount available after each number of days. */
  byDays?: Array<{ days: number; amountMinor: Minor }>;
}

/** The other side of the money: the debtor for a credit, the creditor for a debit (for a reversal, of the entry it undoes). */
export interface Counterparty {
  name?: string;
  /** camt UltmtDbtr / UltmtCdtr, SEPA ABWA+/ABWE+: who the payment was really on behalf of. */
  ultimateName?: string;
  /** Account number or IBAN. */
  account?: string;
  /** Their bank: BIC or routing number (camt DbtrAgt, BAI2 "ORD INST:", :86: ?30). */
  bankId?: string;
  bankName?: string;
  /** An identifier the rail gives them: ACH company id ("ORIG ID:"), camt Id/OrgId/Othr/Id. */
  id?: string;
}

export interface RemittedDocument {
  number: string;
  /** camt RfrdDocInf/Tp code (CINV, CREN...), 820 RMR01 qualifier (IV, PO...). */
  kind?: string;
  /** What was paid on it: camt RfrdDocAmt/RmtdAmt, 820 RMR04; only when it belongs to this one document. */
  amountMinor?: Minor;
}

export interface BankRemittance {
  /** Free text lines as the bank gave them (camt Ustrd, MT940 /REMI/USTD//, SVWZ+, BAI2 "REMI:"). */
  unstructured?: string[];
  /** Structured creditor references: camt Strd/CdtrRefInf/Ref, MT940 /CDTRREF/ (e.g. RF creditor references). */
  creditorRefs?: string[];
  /** Invoices and credit notes named: camt Strd/RfrdDocInf/Nb, 820 addenda RMR segments. */
  documents?: RemittedDocument[];
  /** The payer's payment reference from 820 addenda (TRN02, the reassociation trace). */
  paymentRef?: string;
}

/** What every entry and every part of a batched entry can carry. */
export interface BankEntryDetails {
  /**
   * The customer's reference: BAI2 customer reference; camt EndToEndId (not NOTPROVIDED),
   * else Refs/ChqNb; MT940 :61: owner reference before `//` (not NONREF), else :86: /EREF/
   * or EREF+; OFX REFNUM, else CHECKNUM.
   */
  customerRef?: string;
  /** ACH trace number (BAI2 "TRACE#:"), camt Refs/ClrSysRef, Fedwire IMAD. */
  traceNumber?: string;
  /** camt Refs/ChqNb, OFX CHECKNUM, BAI2 customer reference of a check paid (474/475), MT940 owner reference of a cheque entry (NCHK). */
  checkNumber?: string;
  /** SWIFT gpi UETR. */
  uetr?: string;
  counterparty?: Counterparty;
  remittance?: BankRemittance;
  /** What the payer sent before charges (camt AmtDtls/InstdAmt, MT940 /OCMT/). */
  instructedAmount?: { amountMinor: Minor; currency: string };
  /** Charges taken on the way (camt Chrgs/TtlChrgsAndTaxAmt or the sum of Chrgs records, MT940 /CHGS/). */
  charges?: { amountMinor: Minor; currency: string };
  /** ISO 20022 purpose code (camt Purp/Cd, MT940 /PURP/, SEPA PURP+). */
  purpose?: string;
  /** Why an item came back (camt RtrInf/Rsn/Cd, MT940 /RTRN/). */
  returnReason?: string;
}

export interface BankEntry extends BankEntryDetails {
  /**
   * The bank's reference for this entry, stable across re-downloads and formats:
   * BAI2 16 bank reference; camt AcctSvcrRef, else NtryRef; MT940 :61: after `//`; OFX FITID.
   * Absent when the file gives none (a warning says so).
   */
  bankRef?: string;
  /** 1-based position of the entry within its statement. */
  position: number;
  bookingDate?: string;
  valueDate?: string;
  /** Signed, credit (money in) > 0, in minor units of `currency`. */
  amountMinor: Minor;
  currency: string;
  typeCode: BankTypeCode;
  /** The format's own reversal mark: camt RvslInd, MT940 RC/RD. (BAI2 says it by type code.) */
  reversal: boolean;
  /** camt Sts (BOOK/PDNG/INFO); MT942 EC/ED are expected (pending); other formats report booked entries. */
  status: 'booked' | 'pending' | 'info';
  /** Items in a deposit: camt Btch/NbOfTxs (or NbOfTxs), BAI2/MT940 "n ITEMS" in a deposit's text. */
  itemCount?: number;
  funds?: FundsAvailability;
  /** The bank's free text, whole: BAI2 16 text with its 88 continuations, camt AddtlNtryInf, MT940 :61: supplementary details and :86:, OFX NAME and MEMO. */
  text?: string;
  /** A batched camt entry with several TxDtls: one part each; the entry's own detail fields are then left empty. */
  parts?: BankEntryPart[];
  /** Where it is in the file ("line 14"). */
  location: string;
}

export interface BankEntryPart extends BankEntryDetails {
  /** This part's own amount, signed like the entry's, when given. */
  amountMinor?: Minor;
  currency?: string;
  /** camt TxDtls/Refs/AcctSvcrRef. */
  bankRef?: string;
}

/** Resource limits: a file past any of them gives a ParseError naming the limit. */
export interface BankLimits {
  maxBytes: number;
  maxEntries: number;
  /** Longest single record, field or XML text. */
  maxFieldChars: number;
  maxXmlDepth: number;
  /** A file with more problems than this is not a bank file of that format: stop reading. */
  maxProblems: number;
}

export const DEFAULT_BANK_LIMITS: BankLimits = {
  /** Under V8's longest string (2^29 - 24 characters): the text of a bigger file could not be held. */
  maxBytes: 500_000_000,
  maxEntries: 10_000_000,
  maxFieldChars: 65_536,
  maxXmlDepth: 64,
  maxProblems: 1_000,
};

export interface BankParseOptions {
  /** Name of the original file. Not read: the format comes from the content, and messages leave naming the file to the caller. */
  fileName?: string;
  /** Fail with ParseError on the first problem that is an error (a total off, a bad entry); default false. */
  strict?: boolean;
  limits?: Partial<BankLimits>;
}
