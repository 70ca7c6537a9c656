/**
 * OFX markup, both kinds, read by one small tokenizer of our own (ofx-js was looked at and
 * not used: it rewrites SGML to XML with regular expressions, then re-slices the remaining
 * text for every tag, which is quadratic on a large file, and recurses once per nesting
 * level):
 * - OFX 1.x (SGML, OFX 1.6 spec section 2.2): elements carrying a value may omit their end
 *   tag, aggregates always close ("<TRNAMT>-45.54" inside "<STMTTRN>...</STMTTRN>");
 * - OFX 2.x (XML, OFX 2.1.1/2.2 section 2.2): every element closed, an <?xml?> and an
 *   <?OFX?> processing instruction first.
 * So: an element followed by text is a value and ends at the next tag, or at its own end
 * tag where one is written; an end tag closes whatever was left open inside it.
 * Spec: https://financialdataexchange.org/ofx (OFX 2.2 specification; OFX Banking, chapter 11).
 * Refused: DOCTYPE and ENTITY declarations; entities other than the five XML ones and
 * character references are left as written, never expanded.
 */
import { ParseError } from '../../../core/errors.js';
import type { XmlNode } from '../markup-tree.js';
import type { BankLimits } from '../types.js';

export interface OfxHandlers {
  /** Names whose subtree is built. */
  collect: ReadonlySet<string>;
  /** Names handed over (and dropped) when they close, like a transaction. */
  emit: ReadonlySet<string>;
  /** `ancestors` are the built elements it sits in, outermost first (still being read). */
  onElement(node: XmlNode, ancestors: readonly XmlNode[]): void;
}

interface OpenElement {
  name: string;
  node: XmlNode | undefined;
  hasText: boolean;
}

const NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;

export function readOfxMarkup(text: string, limits: BankLimits, handlers: OfxHandlers): void {
  const stack: OpenElement[] = [];
  let line = 1;
  let at = text.indexOf('<');
  if (at < 0) throw new ParseError('no OFX markup: no "<" in the file');
  line += countLines(text, 0, at);

  const close = (index: number) => {
    while (stack.length > index) {
      const element = stack.pop()!;
      const parent = stack[stack.length - 1]?.node;
      if (element.node && (handlers.emit.has(element.name) || !parent)) {
        handlers.onElement(element.node, stack.flatMap((s) => (s.node ? [s.node] : [])));
        if (parent && handlers.emit.has(element.name)) parent.children.pop();
      }
    }
  };

  while (at >= 0 && at < text.length) {
    const end = text.indexOf('>', at);
    if (end < 0) throw new ParseError(`a tag at line ${line} never ends: the file is cut short`);
    const tag = text.slice(at + 1, end);
    if (tag.length > limits.maxFieldChars) throw new ParseError(`a tag of more than ${limits.maxFieldChars} characters at line ${line}`);
    const next = text.indexOf('<', end + 1);
    const textEnd = next < 0 ? text.length : next;
    if (textEnd - end - 1 > limits.maxFieldChars) throw new ParseError(`more than ${limits.maxFieldChars} characters of text at line ${line}`, 'raise limits.maxFieldChars to read it');
    const content = text.slice(end + 1, textEnd);

    if (tag.startsWith('!')) {
      if (/^!(DOCTYPE|ENTITY)/i.test(tag)) throw new ParseError(`the OFX file declares <${tag.slice(0, 20)}…> at line ${line}: refused (no DTDs or entity definitions are read)`);
      if (tag.startsWith('!--') && !tag.endsWith('--')) {
        const commentEnd = text.indexOf('-->', at);
        if (commentEnd < 0) throw new ParseError(`a comment at line ${line} never ends`);
        line += countLines(text, at, commentEnd);
        at = text.indexOf('<', commentEnd + 3);
        continue;
      }
    } else if (tag.startsWith('?')) {
      // <?xml ...?> and <?OFX ...?> headers carry nothing the statement needs.
    } else if (tag.startsWith('/')) {
      const name = tag.slice(1).trim().toUpperCase();
      const index = findOpen(stack, name);
      if (index < 0) throw new ParseError(`</${name}> at line ${line} closes nothing that is open`);
      close(index);
    } else {
      const selfClosing = tag.endsWith('/');
      const name = (selfClosing ? tag.slice(0, -1) : tag).trim().split(/\s/)[0]!.toUpperCase();
      if (!NAME.test(name)) throw new ParseError(`<${name.slice(0, 20)}> at line ${line} is not an OFX element name`);
      const top = stack[stack.length - 1];
      if (top?.hasText) close(stack.length - 1);
      if (stack.length >= limits.maxXmlDepth) throw new ParseError(`OFX nested deeper than ${limits.maxXmlDepth} elements at line ${line}`, 'raise limits.maxXmlDepth to read it');
      const parent = stack[stack.length - 1]?.node;
      const node: XmlNode | undefined = parent || handlers.collect.has(name) ? { name, attributes: {}, children: [], text: '', line } : undefined;
      if (node && parent) parent.children.push(node);
      stack.push({ name, node, hasText: false });
      if (selfClosing) close(stack.length - 1);
      else {
        const value = content.trim();
        if (value !== '') {
          const element = stack[stack.length - 1]!;
          element.hasText = true;
          if (element.node) element.node.text = decodeEntities(value);
        }
      }
    }
    line += countLines(text, at, textEnd);
    at = next;
  }
  // Values left open at the end close themselves; an aggregate left open means the file stops early.
  while (stack.length > 0 && stack[stack.length - 1]!.hasText) close(stack.length - 1);
  if (stack.length > 0) throw new ParseError(`the file ends inside <${stack[stack.length - 1]!.name}> (opened ${stack.map((s) => s.name).join(' > ')}): it is cut short`);
}

function findOpen(stack: readonly OpenElement[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i -= 1) if (stack[i]!.name === name) return i;
  return -1;
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (whole, body: string) => {
    if (body.startsWith('#x')) return safeChar(Number.parseInt(body.slice(2), 16), whole);
    if (body.startsWith('#')) return safeChar(Number.parseInt(body.slice(1), 10), whole);
    return NAMED[body] ?? whole;
  });
}

function safeChar(code: number, whole: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}
