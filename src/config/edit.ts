/**
 * Changes to remit.yaml made by commands (portal add/remove). The document is edited in
 * place so the operator's comments and order survive, and the result is validated before
 * it is written.
 */
import { parseDocument, YAMLSeq, isMap, isSeq } from 'yaml';
import { UsageError } from '../core/errors.js';
import type { PortalAccount } from './schema.js';
import { parseConfigText } from './load.js';

export function addPortalAccount(text: string, account: PortalAccount, file: string): string {
  const doc = parseDocument(text);
  let portals = doc.get('portals');
  if (!isSeq(portals)) {
    portals = new YAMLSeq();
    doc.set('portals', portals);
  }
  const seq = portals as YAMLSeq;
  if (seq.items.some((item) => isMap(item) && item.get('id') === account.id)) {
    throw new UsageError(`a portal account "${account.id}" is already in remit.yaml`, 'choose another --id, or remit portal remove it first');
  }
  const entry: Record<string, unknown> = {
    id: account.id, company: account.company, payer: account.payer, recipe: account.recipe, url: account.url, username: account.username,
  };
  if (Object.keys(account.options).length) entry['options'] = account.options;
  seq.add(doc.createNode(entry));
  seq.flow = false;
  const out = doc.toString();
  parseConfigText(out, file);
  return out;
}

export function removePortalAccount(text: string, id: string, file: string): string {
  const doc = parseDocument(text);
  const portals = doc.get('portals');
  const index = isSeq(portals) ? portals.items.findIndex((item) => isMap(item) && item.get('id') === id) : -1;
  if (index < 0) throw new UsageError(`no portal account "${id}" in remit.yaml`, 'see remit portal list');
  (portals as YAMLSeq).items.splice(index, 1);
  const out = doc.toString();
  parseConfigText(out, file);
  return out;
}

/** Add ERP-posting keys (customers, formats, ...) to a company's `gl:` block, keeping the rest as written. */
export function setCompanyGl(text: string, company: string, settings: Record<string, unknown>, file: string): string {
  const doc = parseDocument(text);
  for (const [key, value] of Object.entries(settings)) doc.setIn(['companies', company, 'gl', key], doc.createNode(value));
  const out = doc.toString();
  parseConfigText(out, file);
  return out;
}
