/**
 * A small, strict XML well-formedness checker for the generated scheduler definitions:
 * one root, balanced and matching tags, quoted attributes without duplicates, only the five
 * predefined entities and character references, comments without "--". Returns the tree.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside, entities decoded, comments left out. */
  text: string;
}

export interface XmlDocument {
  declaration: Record<string, string> | undefined;
  doctype: string | undefined;
  comments: string[];
  root: XmlElement;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(text: string): XmlDocument {
  let i = 0;
  const comments: string[] = [];
  const fail = (why: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new Error(`not well-formed XML at line ${line}: ${why}`);
  };
  const skipSpace = (): void => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail(`expected a name, saw ${JSON.stringify(text.slice(i, i + 10))}`);
    i += m![0].length;
    return m![0];
  };
  const decode = (raw: string): string => {
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(raw)) fail('a control character');
    return raw.replace(/&([^;&\s]*);?/g, (all, ref: string) => {
      if (!all.endsWith(';')) fail(`a bare & (${JSON.stringify(all)})`);
      if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
      const value = ENTITIES[ref];
      if (value === undefined) fail(`unknown entity &${ref};`);
      return value!;
    });
  };
  const comment = (): void => {
    const end = text.indexOf('-->', i + 4);
    if (end < 0) fail('unterminated comment');
    const body = text.slice(i + 4, end);
    if (body.includes('--') || body.endsWith('-')) fail('"--" inside a comment');
    comments.push(body);
    i = end + 3;
  };
  const misc = (): void => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', i)) comment();
      else if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        if (/^<\?xml[\s?]/i.test(text.slice(i, i + 6))) fail('an XML declaration that is not at the very start');
        i = end + 2;
      } else return;
    }
  };
  const attributes = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (text[i] === '>' || text.startsWith('/>', i) || text.startsWith('?>', i)) return out;
      if (i === before) fail('attributes must be separated by space');
      const key = name();
      skipSpace();
      if (text[i] !== '=') fail(`attribute ${key} without =`);
      i++;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail(`attribute ${key} is not quoted`);
      const end = text.indexOf(quote!, i + 1);
      if (end < 0) fail(`attribute ${key} is not closed`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail(`"<" in attribute ${key}`);
      if (key in out) fail(`attribute ${key} twice`);
      out[key] = decode(raw);
      i = end + 1;
    }
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected an element');
    i++;
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    el.attributes = attributes();
    if (text.startsWith('/>', i)) {
      i += 2;
      return el;
    }
    if (text[i] !== '>') fail(`tag <${el.name}> not closed`);
    i++;
    for (;;) {
      if (i >= text.length) fail(`<${el.name}> is never closed`);
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (text[i] !== '>') fail(`</${closing}> not closed`);
        i++;
        return el;
      }
      if (text.startsWith('<!--', i)) comment();
      else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        el.text += text.slice(i + 9, end);
        i = end + 3;
      } else if (text[i] === '<') el.children.push(element());
      else {
        const next = text.indexOf('<', i);
        const raw = text.slice(i, next < 0 ? text.length : next);
        if (raw.includes(']]>')) fail('"]]>" in text');
        el.text += decode(raw);
        i = next < 0 ? text.length : next;
      }
    }
  };

  let declaration: Record<string, string> | undefined;
  if (text.startsWith('<?xml')) {
    i = 5;
    declaration = attributes();
    if (!text.startsWith('?>', i)) fail('XML declaration not closed');
    i += 2;
  }
  misc();
  let doctype: string | undefined;
  if (text.startsWith('<!DOCTYPE', i)) {
    const end = text.indexOf('>', i);
    doctype = text.slice(i, end + 1);
    i = end + 1;
    misc();
  }
  const root = element();
  misc();
  if (i !== text.length) fail('content after the root element (a second root?)');
  return { declaration, doctype, comments, root };
}

/** The child elements on a path like `Settings/RestartOnFailure/Interval`. */
export function at(el: XmlElement, path: string): XmlElement {
  let here = el;
  for (const step of path.split('/')) {
    const matches = here.children.filter((child) => child.name === step);
    if (matches.length !== 1) throw new Error(`expected one <${step}> in <${here.name}>, found ${matches.length}`);
    here = matches[0]!;
  }
  return here;
}

export function textAt(el: XmlElement, path: string): string {
  return at(el, path).text.trim();
}

/**
 * Bytes of a Windows task file: UTF-16LE with a byte-order mark, and a declaration saying
 * UTF-16. Returns the text.
 */
export function decodeUtf16Task(bytes: Buffer): string {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error('no UTF-16LE byte-order mark');
  if (bytes.length % 2 !== 0) throw new Error('odd number of bytes for UTF-16');
  const text = bytes.subarray(2).toString('utf16le');
  if (Buffer.from(text, 'utf16le').compare(bytes.subarray(2)) !== 0) throw new Error('bytes do not round-trip as UTF-16LE');
  return text;
}
