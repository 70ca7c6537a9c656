/**
 * One camt TxDtls: references, related parties and agents, amounts, remittance, purpose,
 * return reason. Element names as in camt.053.001.02 to .001.13 (ISO 20022 message
 * definitions, https://www.iso20022.org/iso-20022-message-definitions, "Bank-to-Customer
 * Cash Management"); where versions differ both forms are read:
 * - parties: Dbtr/Nm (.02-.07) or Dbtr/Pty/Nm (.08 on);
 * - agents: FinInstnId/BIC (.02) or FinInstnId/BICFI (.03 on);
 * - charges: repeated Chrgs/Amt (.02) or Chrgs/TtlChrgsAndTaxAmt and Chrgs/Rcrd/Amt (.03 on).
 * Usage follows the CGI-MP camt.053 implementation guide (Common Global Implementation,
 * https://www.swift.com/standards/iso-20022/common-global-implementation): EndToEndId is
 * the payer's reference, NOTPROVIDED when there is none.
 */
import { decimalPointMinor } from '../amounts.js';
import { addendaFacts, mayHoldAddenda } from '../addenda-820.js';
import { minorDigitsOf } from '../currency.js';
import type { BankEntryDetails, BankRemittance, Counterparty, RemittedDocument } from '../types.js';
import { at, child, childrenNamed, textAt, type XmlNode } from '../markup-tree.js';

export interface AmountAt {
  amountMinor: number;
  currency: string;
}

/** Amt-like element (text + Ccy attribute) to minor units, or a reason. */
export function amountOf(node: XmlNode | undefined, fallbackCurrency: string): AmountAt | { problem: string } | undefined {
  if (!node) return undefined;
  const currency = (node.attributes['Ccy'] ?? fallbackCurrency).trim().toUpperCase();
  const read = decimalPointMinor(node.text.trim(), currency);
  if (!read.ok) return { problem: `${node.name} (line ${node.line}): ${read.reason}` };
  return { amountMinor: read.minor, currency };
}

/** `debtorSide`: the counterparty is the debtor (money in, or a reversal of money out), else the creditor. */
export function detailsOf(tx: XmlNode, debtorSide: boolean, currency: string, problems: string[]): BankEntryDetails {
  const details: BankEntryDetails = {};
  const refs = child(tx, 'Refs');
  const endToEnd = textAt(refs, 'EndToEndId');
  if (endToEnd && endToEnd.toUpperCase() !== 'NOTPROVIDED') details.customerRef = endToEnd;
  const clearing = textAt(refs, 'ClrSysRef');
  if (clearing) details.traceNumber = clearing;
  const cheque = textAt(refs, 'ChqNb');
  if (cheque) {
    details.checkNumber = cheque;
    // A cheque's own number is its payer's reference (as BAI2 and MT940 report it).
    details.customerRef ??= cheque;
  }
  const uetr = textAt(refs, 'UETR');
  if (uetr) details.uetr = uetr;

  const counterparty = partyOf(tx, debtorSide);
  if (counterparty) details.counterparty = counterparty;

  const instructed = amountOf(at(tx, 'AmtDtls', 'InstdAmt', 'Amt'), currency);
  if (instructed && 'problem' in instructed) problems.push(instructed.problem);
  else if (instructed) details.instructedAmount = instructed;
  const charges = chargesOf(tx, currency, problems);
  if (charges) details.charges = charges;

  const remittance = remittanceOf(child(tx, 'RmtInf'), currency, problems);
  if (remittance) details.remittance = remittance;
  const purpose = textAt(tx, 'Purp', 'Cd') ?? textAt(tx, 'Purp', 'Prtry');
  if (purpose) details.purpose = purpose;
  const returnReason = textAt(tx, 'RtrInf', 'Rsn', 'Cd') ?? textAt(tx, 'RtrInf', 'Rsn', 'Prtry');
  if (returnReason) details.returnReason = returnReason;
  return details;
}

function partyOf(tx: XmlNode, debtorSide: boolean): Counterparty | undefined {
  const parties = child(tx, 'RltdPties');
  const agents = child(tx, 'RltdAgts');
  const side = debtorSide ? 'Dbtr' : 'Cdtr';
  const party = child(parties, side);
  const partyBody = child(party, 'Pty') ?? party;
  const ultimate = child(parties, `Ultmt${side}`);
  const ultimateBody = child(ultimate, 'Pty') ?? ultimate;
  const counterparty: Counterparty = {};
  const name = textAt(partyBody, 'Nm');
  if (name) counterparty.name = name;
  const ultimateName = textAt(ultimateBody, 'Nm');
  if (ultimateName) counterparty.ultimateName = ultimateName;
  const account = accountIdOf(child(parties, `${side}Acct`));
  if (account) counterparty.account = account;
  const id = textAt(partyBody, 'Id', 'OrgId', 'Othr', 'Id') ?? textAt(partyBody, 'Id', 'OrgId', 'AnyBIC') ?? textAt(partyBody, 'Id', 'OrgId', 'BICOrBEI');
  if (id) counterparty.id = id;
  const agent = at(agents, `${side}Agt`, 'FinInstnId');
  const bankId = textAt(agent, 'BICFI') ?? textAt(agent, 'BIC') ?? textAt(agent, 'ClrSysMmbId', 'MmbId');
  if (bankId) counterparty.bankId = bankId;
  const bankName = textAt(agent, 'Nm');
  if (bankName) counterparty.bankName = bankName;
  return Object.keys(counterparty).length > 0 ? counterparty : undefined;
}

/** Acct/Id/IBAN or Acct/Id/Othr/Id. */
export function accountIdOf(account: XmlNode | undefined): string | undefined {
  return textAt(account, 'Id', 'IBAN') ?? textAt(account, 'Id', 'Othr', 'Id');
}

function chargesOf(tx: XmlNode, currency: string, problems: string[]): AmountAt | undefined {
  const blocks = childrenNamed(tx, 'Chrgs');
  if (blocks.length === 0) return undefined;
  const total = amountOf(child(blocks[0], 'TtlChrgsAndTaxAmt'), currency);
  if (total && 'problem' in total) {
    problems.push(total.problem);
    return undefined;
  }
  if (total) return total;
  let sum = 0;
  let sumCurrency: string | undefined;
  for (const block of blocks) {
    const records = childrenNamed(block, 'Rcrd');
    for (const amountNode of records.length > 0 ? records.map((r) => child(r, 'Amt')) : [child(block, 'Amt')]) {
      const amount = amountOf(amountNode, currency);
      if (!amount) continue;
      if ('problem' in amount) {
        problems.push(amount.problem);
        return undefined;
      }
      if (sumCurrency !== undefined && amount.currency !== sumCurrency) {
        problems.push(`charges in two currencies (line ${block.line}): not added up`);
        return undefined;
      }
      sumCurrency = amount.currency;
      sum += amount.amountMinor;
    }
  }
  return sumCurrency === undefined ? undefined : { amountMinor: sum, currency: sumCurrency };
}

function remittanceOf(rmtInf: XmlNode | undefined, currency: string, problems: string[]): BankRemittance | undefined {
  if (!rmtInf) return undefined;
  const remittance: BankRemittance = {};
  const lines = childrenNamed(rmtInf, 'Ustrd')
    .map((u) => u.text.trim())
    .filter((t) => t !== '');
  if (lines.length > 0) remittance.unstructured = lines;
  const creditorRefs: string[] = [];
  const documents: RemittedDocument[] = [];
  for (const strd of childrenNamed(rmtInf, 'Strd')) {
    const ref = textAt(strd, 'CdtrRefInf', 'Ref');
    if (ref) creditorRefs.push(ref);
    const docs = childrenNamed(strd, 'RfrdDocInf');
    const paid = amountOf(at(strd, 'RfrdDocAmt', 'RmtdAmt'), currency);
    if (paid && 'problem' in paid) problems.push(paid.problem);
    for (const doc of docs) {
      const number = textAt(doc, 'Nb');
      if (!number) continue;
      const document: RemittedDocument = { number };
      const kind = textAt(doc, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(doc, 'Tp', 'CdOrPrtry', 'Prtry');
      if (kind) document.kind = kind;
      // An amount belongs to a document only when its Strd names that one document.
      if (paid && !('problem' in paid) && docs.length === 1) document.amountMinor = paid.amountMinor;
      documents.push(document);
    }
    for (const extra of childrenNamed(strd, 'AddtlRmtInf')) {
      const text = extra.text.trim();
      if (text) (remittance.unstructured ??= []).push(text);
    }
  }
  if (creditorRefs.length > 0) remittance.creditorRefs = creditorRefs;
  if (documents.length > 0) remittance.documents = documents;
  for (const line of remittance.unstructured ?? []) {
    if (!mayHoldAddenda(line)) continue;
    const facts = addendaFacts(line, minorDigitsOf(currency) ?? 2);
    if (facts?.paymentRef && remittance.paymentRef === undefined) remittance.paymentRef = facts.paymentRef;
    if (facts?.documents) (remittance.documents ??= []).push(...facts.documents);
  }
  return Object.keys(remittance).length > 0 ? remittance : undefined;
}
