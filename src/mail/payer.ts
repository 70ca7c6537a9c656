/**
 * Who paid, for one message. First the sender: an address or @domain listed for a payer
 * (remit.yaml `payers.<ID>.senders`, and what remit learned when a person assigned one).
 * Else the content, with no configuration: every invoice reference the message names is an
 * open invoice of one customer, or one customer's name from the open-invoice file is in the
 * sender's display name or the text. Else a person decides, told why. Two payers in the
 * evidence is never settled by picking one. Pure: the open invoices come in as a lookup.
 */
import type { MailAddress, MailMessage } from './reading/message.js';
import { htmlTables } from './parts/html-tables.js';

export interface OpenInvoiceLookup {
  /** Customer ids whose open invoices this reference names (the lookup normalises as matching does). */
  customersOf(reference: string): string[];
  /** Every customer of the open-invoice file, with its name. */
  customers: Array<{ id: string; name: string }>;
}

export interface PayerQuestion {
  message: MailMessage;
  /** Address (`ap@payer.example`) or domain (`@payer.example`) -> payer id, lower case. */
  senders: Record<string, string>;
  invoices?: OpenInvoiceLookup;
  /** Line references already read from the message's documents and body tables. */
  references?: string[];
}

export type PayerDecision =
  | { payer: string; method: 'sender' | 'invoices' | 'name'; evidence: string[] }
  | { payer: undefined; reason: string; evidence: string[] };

/** The payer of a message, with the evidence for it, or why a person must decide. */
export function identifyPayer(question: PayerQuestion): PayerDecision {
  const evidence: string[] = [];
  const bySender = fromSenders(question.message, question.senders, evidence);
  if (bySender.conflict) return needsPerson(bySender.conflict, evidence);
  if (bySender.payer) return { payer: bySender.payer, method: 'sender', evidence };

  if (!question.invoices) return needsPerson(`no sender of the message is listed for a payer (${senderList(question.message)}); set payers.<ID>.senders`, evidence);
  const byInvoices = fromInvoices(question, question.invoices, evidence);
  const byName = fromNames(question.message, question.invoices, evidence);
  if (byInvoices.conflict) return needsPerson(byInvoices.conflict, evidence);
  if (byName.conflict) return needsPerson(byName.conflict, evidence);
  if (byInvoices.payer && byName.payer && byInvoices.payer !== byName.payer) {
    return needsPerson(`the invoices named are ${byInvoices.payer}'s but the message names ${byName.payer}`, evidence);
  }
  if (byInvoices.payer) return { payer: byInvoices.payer, method: 'invoices', evidence };
  if (byName.payer) return { payer: byName.payer, method: 'name', evidence };
  return needsPerson(
    `no sender is listed for a payer (${senderList(question.message)}), no open invoice is named and no customer's name appears; set payers.<ID>.senders or assign it by hand`,
    evidence,
  );
}

interface Finding {
  payer?: string;
  conflict?: string;
}

function needsPerson(reason: string, evidence: string[]): PayerDecision {
  return { payer: undefined, reason, evidence };
}

/** The outer sender, and the senders of forwarded or quoted originals (a colleague forwards the payer's mail). */
function senderChain(message: MailMessage): Array<{ address: MailAddress; role: string }> {
  const chain: Array<{ address: MailAddress; role: string }> = [];
  if (message.from?.address) chain.push({ address: message.from, role: 'sender' });
  const walk = (inner: MailMessage, role: string) => {
    if (inner.from?.address) chain.push({ address: inner.from, role });
    if (inner.quoted?.from?.address) chain.push({ address: inner.quoted.from, role: `${role}'s quoted original sender` });
    for (const next of inner.forwarded) walk(next.message, 'forwarded message sender');
  };
  if (message.quoted?.from?.address) chain.push({ address: message.quoted.from, role: 'quoted original sender' });
  for (const forwarded of message.forwarded) walk(forwarded.message, 'forwarded message sender');
  return chain;
}

function fromSenders(message: MailMessage, senders: Record<string, string>, evidence: string[]): Finding {
  const table = new Map(Object.entries(senders).map(([key, payer]) => [key.trim().toLowerCase(), payer]));
  const found = new Map<string, string>();
  for (const { address, role } of senderChain(message)) {
    const match = senderRule(address.address, table);
    if (!match) continue;
    evidence.push(`${role} ${address.address} is listed for ${match.payer} (${match.rule})`);
    if (!found.has(match.payer)) found.set(match.payer, address.address);
  }
  if (found.size > 1) {
    return { conflict: `senders of the message are listed for different payers: ${[...found].map(([payer, address]) => `${address} (${payer})`).join(', ')}` };
  }
  return found.size === 1 ? { payer: [...found.keys()][0]! } : {};
}

/** An exact address first, then its domain and each parent domain (ap@na.payer.example -> @payer.example). */
function senderRule(address: string, table: Map<string, string>): { payer: string; rule: string } | undefined {
  const exact = table.get(address);
  if (exact) return { payer: exact, rule: address };
  const domain = address.split('@')[1];
  if (!domain) return undefined;
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i += 1) {
    const rule = `@${labels.slice(i).join('.')}`;
    const payer = table.get(rule);
    if (payer) return { payer, rule };
  }
  return undefined;
}

const TOKEN = /[A-Za-z0-9#][A-Za-z0-9#/_.-]{2,40}/g;

function fromInvoices(question: PayerQuestion, invoices: OpenInvoiceLookup, evidence: string[]): Finding {
  const tokens = new Set<string>(question.references ?? []);
  for (const text of messageTexts(question.message)) {
    for (const match of text.matchAll(TOKEN)) {
      const token = match[0].replace(/[.\-/_]+$/, '');
      if (/\d/.test(token)) tokens.add(token);
    }
  }
  const byCustomer = new Map<string, string[]>();
  for (const token of tokens) {
    const customers = [...new Set(invoices.customersOf(token))];
    for (const customer of customers) byCustomer.set(customer, [...(byCustomer.get(customer) ?? []), token]);
  }
  if (byCustomer.size === 0) return {};
  const described = [...byCustomer].map(([customer, refs]) => `${customer}: ${refs.slice(0, 5).join(', ')}${refs.length > 5 ? ` and ${refs.length - 5} more` : ''}`);
  evidence.push(`open invoices named in the message: ${described.join('; ')}`);
  if (byCustomer.size > 1) return { conflict: `the invoice references belong to more than one customer (${described.join('; ')})` };
  return { payer: [...byCustomer.keys()][0]! };
}

const LEGAL = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc', 'lp', 'llp', 'gmbh', 'ag', 'sa', 'sas', 'bv', 'nv', 'pty', 'the']);

function fromNames(message: MailMessage, invoices: OpenInvoiceLookup, evidence: string[]): Finding {
  const text = ` ${normaliseName(messageTexts(message).join(' '))} `;
  const senderNames = senderChain(message).map(({ address }) => ` ${normaliseName(address.name)} `);
  const found = new Map<string, string>();
  for (const customer of invoices.customers) {
    const full = normaliseName(customer.name);
    const core = full.split(' ').filter((word) => !LEGAL.has(word)).join(' ');
    if (core.length < 3) continue;
    // One generic word ("target") is weak in running text; in a sender's display name it is not.
    const inText = text.includes(` ${full} `) || (core.includes(' ') && text.includes(` ${core} `));
    const inSender = senderNames.some((name) => name.includes(` ${core} `));
    if (!inText && !inSender) continue;
    evidence.push(`the name "${customer.name}" of ${customer.id} appears in the ${inSender ? "sender's display name" : 'message text'}`);
    found.set(customer.id, customer.name);
  }
  if (found.size > 1) return { conflict: `the message names more than one customer (${[...found].map(([id, name]) => `${name} (${id})`).join(', ')})` };
  return found.size === 1 ? { payer: [...found.keys()][0]! } : {};
}

/** "Home Depot U.S.A., Inc." -> "home depot usa inc": lower case, dots of abbreviations joined, punctuation a space. */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/\b([a-z])\.(?=\s|,|$)/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Subject, bodies (HTML as its text) and forwarded and quoted messages' text. */
function messageTexts(message: MailMessage): string[] {
  const texts = [message.subject, message.text];
  if (message.html) texts.push(htmlTables(message.html).text);
  for (const forwarded of message.forwarded) texts.push(...messageTexts(forwarded.message));
  return texts;
}

function senderList(message: MailMessage): string {
  const addresses = [...new Set(senderChain(message).map(({ address }) => address.address))];
  return addresses.length > 0 ? addresses.join(', ') : 'no sender address';
}
