/**
 * Changes to remit.yaml's `mail.mailboxes` made by `remit mail add | remove`: the document
 * is edited in place (the operator's comments and order survive) and validated before it is
 * written. Never a secret: those go to the keychain.
 */
import { parseDocument, YAMLMap, YAMLSeq, isMap, isSeq } from 'yaml';
import { UsageError } from '../core/errors.js';
import { parseConfigText } from './load.js';
import type { Mailbox } from './schema.js';

function mailboxesOf(doc: ReturnType<typeof parseDocument>, create: boolean): YAMLSeq | undefined {
  let mail = doc.get('mail');
  if (!isMap(mail)) {
    if (!create) return undefined;
    mail = new YAMLMap();
    doc.set('mail', mail);
  }
  let list = (mail as YAMLMap).get('mailboxes');
  if (!isSeq(list)) {
    if (!create) return undefined;
    list = new YAMLSeq();
    (mail as YAMLMap).set('mailboxes', list);
  }
  return list as YAMLSeq;
}

/** remit.yaml with the mailbox added, or with the one of the same id replaced when `replace`. */
export function addMailboxEntry(text: string, mailbox: Mailbox, file: string, options: { replace?: boolean } = {}): string {
  const doc = parseDocument(text);
  const seq = mailboxesOf(doc, true)!;
  const at = seq.items.findIndex((item) => isMap(item) && item.get('id') === mailbox.id);
  if (at >= 0 && !options.replace) throw new UsageError(`a mailbox "${mailbox.id}" is already in remit.yaml`, 'choose another --id, pass --replace, or remit mail remove it first');
  const entry: Record<string, unknown> = {
    id: mailbox.id, company: mailbox.company, host: mailbox.host, port: mailbox.port, tls: mailbox.tls, user: mailbox.user, folder: mailbox.folder,
    ...(mailbox.processedFolder ? { processed_folder: mailbox.processedFolder } : {}),
    ...(mailbox.caFile ? { ca_file: mailbox.caFile } : {}),
    auth: mailbox.auth,
  };
  if (mailbox.oauth) {
    const o = mailbox.oauth;
    entry['oauth'] = {
      provider: o.provider, client_id: o.clientId, ...(o.tenant ? { tenant: o.tenant } : {}), ...(o.tokenUrl ? { token_url: o.tokenUrl } : {}),
      ...(o.deviceCodeUrl ? { device_code_url: o.deviceCodeUrl } : {}), ...(o.scope ? { scope: o.scope } : {}),
    };
  }
  const node = doc.createNode(entry);
  if (at >= 0) seq.items[at] = node;
  else seq.add(node);
  seq.flow = false;
  const out = doc.toString();
  parseConfigText(out, file);
  return out;
}

export function removeMailboxEntry(text: string, id: string, file: string): string {
  const doc = parseDocument(text);
  const seq = mailboxesOf(doc, false);
  const index = seq ? seq.items.findIndex((item) => isMap(item) && item.get('id') === id) : -1;
  if (!seq || index < 0) throw new UsageError(`no mailbox "${id}" in remit.yaml`, 'see remit mail list');
  seq.items.splice(index, 1);
  const out = doc.toString();
  parseConfigText(out, file);
  return out;
}
