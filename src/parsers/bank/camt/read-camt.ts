/**
 * ISO 20022 bank-to-customer cash management messages: camt.053 BkToCstmrStmt/Stmt
 * (statement), camt.052 BkToCstmrAcctRpt/Rpt (intraday report), camt.054
 * BkToCstmrDbtCdtNtfctn/Ntfctn (debit/credit notification), versions .001.02 to .001.13
 * read by element names (which these versions share, apart from the differences handled
 * in camt-entry.ts and transaction-details.ts).
 * Message definitions: https://www.iso20022.org/iso-20022-message-definitions ("Bank-to-
 * Customer Cash Management", camt.052/053/054); usage: CGI-MP camt.053 guide,
 * https://www.swift.com/standards/iso-20022/common-global-implementation.
 *
 * Checks (error diagnostics; strict: ParseError): opening booked + booked entries = closing
 * booked; TxsSummry counts, sums and net against the entries. The XML is never trusted:
 * see xml-nodes.ts for DOCTYPE, entity, size and depth guards.
 */
import { ParseError } from '../../../core/errors.js';
import { countEntry, type ReadContext, type ReadOutcome } from '../reader.js';
import type { BankEntry, BankFormat, BankStatement } from '../types.js';
import { readCamtEntry } from './camt-entry.js';
import { checkStatement, newTotals, statementOf, type RunningTotals } from './camt-statement.js';
import { textAt, type XmlNode } from '../markup-tree.js';
import { parseXml } from './xml-nodes.js';

const ROOTS: Record<string, { format: BankFormat; statement: string }> = {
  BkToCstmrStmt: { format: 'camt.053', statement: 'Stmt' },
  BkToCstmrAcctRpt: { format: 'camt.052', statement: 'Rpt' },
  BkToCstmrDbtCdtNtfctn: { format: 'camt.054', statement: 'Ntfctn' },
};
const NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.001\.(\d{2})/;

interface Open {
  statement: BankStatement | undefined;
  totals: RunningTotals;
  position: number;
}

export function readCamt(text: string, context: ReadContext): ReadOutcome {
  const { diagnostics, sink, limits } = context;
  let format: BankFormat | undefined;
  let statementName = '';
  let namespace: { format: string; version: string } | undefined;
  let fileId: string | undefined;
  let createdAt: string | undefined;
  let statements = 0;
  const open = new Map<XmlNode, Open>();

  const begin = (node: XmlNode, state: Open, entryCurrency: string | undefined): BankStatement => {
    if (state.statement) return state.statement;
    const statement = statementOf(node, format!, entryCurrency, diagnostics);
    state.statement = statement;
    statements += 1;
    sink.begin(statement);
    return statement;
  };
  const stateOf = (node: XmlNode): Open => {
    let state = open.get(node);
    if (!state) {
      state = { statement: undefined, totals: newTotals(), position: 0 };
      open.set(node, state);
    }
    return state;
  };

  parseXml(text, limits, {
    collect: new Set(['GrpHdr', 'Stmt', 'Rpt', 'Ntfctn']),
    emit: new Set(['Ntry']),
    onOpen(name, depth, line, attributes) {
      if (depth === 1) {
        if (name !== 'Document') throw new ParseError(`the XML root is <${name}> at line ${line}, not an ISO 20022 <Document>`);
        for (const value of Object.values(attributes)) {
          const m = NAMESPACE.exec(value);
          if (m) namespace = { format: m[1]!, version: m[2]! };
        }
      }
      if (depth === 2) {
        const root = ROOTS[name];
        if (!root) throw new ParseError(`<Document> holds <${name}>, not a camt.052, camt.053 or camt.054 message`);
        format = root.format;
        statementName = root.statement;
        if (namespace && namespace.format !== format) diagnostics.warning(`the namespace says ${namespace.format} but the message is ${format}; read as ${format}`, `line ${line}`);
        const version = namespace ? Number(namespace.version) : undefined;
        if (version !== undefined && (version < 2 || version > 13)) diagnostics.warning(`${format}.001.${namespace!.version} is outside .001.02-.001.13; read by the element names those versions share`, `line ${line}`);
      }
    },
    onElement(node, path, parent) {
      if (node.name === 'GrpHdr') {
        fileId = textAt(node, 'MsgId');
        createdAt = textAt(node, 'CreDtTm');
        return;
      }
      if (node.name === 'Ntry') {
        if (!parent || parent.name !== statementName) {
          diagnostics.error(`an Ntry outside a ${statementName}; skipped`, `line ${node.line}`);
          return;
        }
        const state = stateOf(parent);
        state.position += 1;
        const read = readCamtEntry(node, textAt(parent, 'Acct', 'Ccy'), state.position);
        if (!read.ok) {
          state.position -= 1;
          diagnostics.error(read.reason, `line ${node.line}`);
          return;
        }
        const statement = begin(parent, state, read.entry.currency);
        for (const problem of read.problems) diagnostics.warning(problem, `line ${node.line}`);
        addUp(read.entry, statement, state.totals, diagnostics);
        countEntry(context);
        sink.entry(read.entry, statement);
        return;
      }
      if (node.name === statementName && path.length === 3) {
        const state = stateOf(node);
        const statement = begin(node, state, undefined);
        checkStatement(node, statement, state.totals, diagnostics);
        sink.end(statement);
        open.delete(node);
      }
    },
  });
  if (!format) throw new ParseError('no camt message in the XML');
  const outcome: ReadOutcome = { format, statements };
  if (fileId) outcome.fileId = fileId;
  if (createdAt) outcome.createdAt = createdAt;
  return outcome;
}

function addUp(entry: BankEntry, statement: BankStatement, totals: RunningTotals, diagnostics: ReadContext['diagnostics']): void {
  totals.count += 1;
  const side = entry.amountMinor > 0 ? totals.credits : totals.debits;
  side.count += 1;
  side.sum += Math.abs(entry.amountMinor);
  if (entry.currency !== statement.currency) {
    diagnostics.warning(`entry in ${entry.currency} on a ${statement.currency} statement: left out of the balance check`, entry.location);
    return;
  }
  if (entry.status === 'booked') totals.booked += entry.amountMinor;
}
