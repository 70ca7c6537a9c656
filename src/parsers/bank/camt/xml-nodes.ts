/**
 * XML for the camt reader, read with saxes (a streaming, non-validating parser that never
 * expands entities beyond the five predefined ones and character references; chosen over
 * fast-xml-parser, which builds the whole document in memory and has had a run of
 * DOCTYPE/entity-expansion advisories in 2026: GHSA-jmr7-xgp7-cmfj, GHSA-m7jm-9gc2-mpf2,
 * CVE-2026-33036). Hardening on top:
 * - a DOCTYPE anywhere is refused before parsing (no DTD, no entity definitions, so no
 *   billion laughs; saxes would also fail on the undefined entity references);
 * - a run of text longer than limits.maxFieldChars is refused before parsing (saxes keeps a
 *   whole text node in memory);
 * - nesting deeper than limits.maxXmlDepth is refused as it is read.
 * Elements are built into small trees only below the elements a reader asks for, and each
 * `emit` element (a camt Ntry) is handed over and dropped when it closes, so memory stays
 * flat however many entries a statement has.
 */
import { SaxesParser } from 'saxes';
import { ParseError, oneLine } from '../../../core/errors.js';
import type { BankLimits } from '../types.js';
import type { XmlNode } from '../markup-tree.js';


export interface XmlHandlers {
  /** Local names whose subtree is built (their descendants come with them). */
  collect: ReadonlySet<string>;
  /** Local names handed to `onElement` when they close, then dropped from their parent. */
  emit: ReadonlySet<string>;
  onOpen?(name: string, depth: number, line: number, attributes: Record<string, string>): void;
  /** `parent` is the collected element it sits in, if any (still being read). */
  onElement(node: XmlNode, path: readonly string[], parent: XmlNode | undefined): void;
}

/** Refuse what must never reach the parser; cheap scans over the text. */
export function guardXml(text: string, limits: BankLimits): void {
  const doctype = text.search(/<!DOCTYPE/i);
  if (doctype >= 0) throw new ParseError(`the XML declares a DOCTYPE at character ${doctype + 1}: refused (no DTDs or entity definitions are read)`);
  const entity = text.search(/<!ENTITY/i);
  if (entity >= 0) throw new ParseError(`the XML defines an ENTITY at character ${entity + 1}: refused`);
  let from = 0;
  for (;;) {
    const next = text.indexOf('<', from);
    const end = next < 0 ? text.length : next;
    if (end - from > limits.maxFieldChars) {
      throw new ParseError(`more than ${limits.maxFieldChars} characters of XML without markup at character ${from + 1}`, 'raise limits.maxFieldChars to read it');
    }
    if (next < 0) return;
    from = next + 1;
  }
}

export function parseXml(text: string, limits: BankLimits, handlers: XmlHandlers): void {
  guardXml(text, limits);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const path: string[] = [];
  const open: Array<XmlNode | undefined> = [];
  parser.on('error', (error) => {
    throw new ParseError(`not well-formed XML: ${oneLine(error.message, 200)}`);
  });
  parser.on('doctype', () => {
    throw new ParseError('the XML declares a DOCTYPE: refused');
  });
  parser.on('opentag', (tag) => {
    const colon = tag.name.indexOf(':');
    const name = colon >= 0 ? tag.name.slice(colon + 1) : tag.name;
    path.push(name);
    if (path.length > limits.maxXmlDepth) throw new ParseError(`XML nested deeper than ${limits.maxXmlDepth} elements at line ${parser.line}`, 'raise limits.maxXmlDepth to read it');
    handlers.onOpen?.(name, path.length, parser.line, tag.attributes as Record<string, string>);
    const parent = open[open.length - 1];
    if (parent || handlers.collect.has(name)) {
      const node: XmlNode = { name, attributes: tag.attributes as Record<string, string>, children: [], text: '', line: parser.line };
      parent?.children.push(node);
      open.push(node);
    } else open.push(undefined);
  });
  const addText = (text: string) => {
    const node = open[open.length - 1];
    if (node) node.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const node = open.pop();
    const name = path[path.length - 1]!;
    if (node && (handlers.emit.has(name) || open[open.length - 1] === undefined)) {
      const parent = open[open.length - 1];
      handlers.onElement(node, path, parent);
      if (parent && handlers.emit.has(name)) parent.children.pop();
    }
    path.pop();
  });
  parser.write(text).close();
}
