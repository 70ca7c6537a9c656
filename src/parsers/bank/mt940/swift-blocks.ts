/**
 * SWIFT FIN text to messages and fields. A file holds either whole FIN messages
 * ({1:basic header}{2:application header}{3:...}{4:CRLF fields CRLF-}{5:...}) one after
 * another, or just the block 4 fields of each statement (as many banks export them),
 * messages then separated by a line "-" or by the next :20:.
 * A field starts at a line ":tag:" (2 digits and an optional letter); the lines after it up
 * to the next field are its continuation lines (SWIFT forbids them to start with ':' or '-').
 * FIN block structure: SWIFT User Handbook, "FIN Service Description", and the MT 940
 * format, https://www2.swift.com/knowledgecentre/publications/us9m_20230720/2.0 (Category 9).
 */
import { ParseError } from '../../../core/errors.js';

export interface SwiftField {
  tag: string;
  /** The field's lines joined with "\n" (the first without its ":tag:"). */
  value: string;
  line: number;
}

export interface SwiftMessage {
  /** 940, 942, ... from block 2; undefined for bare block-4 text. */
  type?: string;
  /** Sender BIC of an output message (block 2 MIR). */
  senderBic?: string;
  fields: SwiftField[];
  line: number;
  /** Whether the message's end was seen ("-}" in a FIN message, "-" or the next :20: otherwise). */
  complete: boolean;
}

const FIELD = /^:(\d{2}[A-Z]?):/;

/** `onSkipped` hears of lines before the first field that are not SWIFT (a bank's file header). */
export function* swiftMessages(text: string, maxFieldChars: number, onSkipped: (line: number) => void): Generator<SwiftMessage> {
  let current: SwiftMessage | undefined;
  let field: SwiftField | undefined;
  let inBlocks = false;
  let started = false;
  let line = 0;
  let at = 0;
  const length = text.length;
  while (at < length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = length;
    line += 1;
    if (end - at > maxFieldChars) throw new ParseError(`line ${line} is ${end - at} characters long, over the limit of ${maxFieldChars}`, 'raise limits.maxFieldChars to read it');
    let raw = text.slice(at, end);
    at = end + 1;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    raw = raw.replace(/[\x01\x03]/g, '');
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);

    if (raw.startsWith('{1:')) {
      if (current) yield current;
      const header = /\{2:([IO])(\d{3})([^}]*)\}/.exec(raw);
      current = { fields: [], line, complete: false };
      if (header) {
        current.type = header[2]!;
        const bic = header[1] === 'O' ? outputSender(header[3]!) : undefined;
        if (bic) current.senderBic = bic;
      }
      field = undefined;
      inBlocks = true;
      const body = raw.indexOf('{4:');
      const rest = body >= 0 ? raw.slice(body + 3).trim() : '';
      if (rest && FIELD.test(rest)) field = addField(current, rest, line);
      continue;
    }
    const trimmed = raw.trimEnd();
    if (trimmed === '-}' || trimmed.startsWith('-}')) {
      if (current) current.complete = true;
      field = undefined;
      continue;
    }
    if (!inBlocks && trimmed === '-') {
      if (current) {
        current.complete = true;
        yield current;
      }
      current = undefined;
      field = undefined;
      continue;
    }
    if (trimmed === '') continue;
    if (FIELD.test(trimmed)) {
      started = true;
      if (!inBlocks && trimmed.startsWith(':20:') && current && current.fields.length > 0) {
        current.complete = true;
        yield current;
        current = undefined;
      }
      current ??= { fields: [], line, complete: false };
      field = addField(current, trimmed, line);
      continue;
    }
    if (field) {
      field.value += `\n${trimmed}`;
      if (field.value.length > maxFieldChars) throw new ParseError(`field :${field.tag}: at line ${field.line} runs past ${maxFieldChars} characters`, 'raise limits.maxFieldChars to read it');
      continue;
    }
    if (current?.complete) continue; // {5:} trailer blocks and the like after a message's end
    if (!current && !inBlocks && !started) {
      onSkipped(line);
      continue;
    }
    throw new ParseError(`line ${line} is neither a SWIFT field nor part of one: "${trimmed.slice(0, 24).replace(/[^\x20-\x7e]/g, '?')}"`);
  }
  if (current) {
    if (!inBlocks && current.fields.length > 0) current.complete = current.fields.some((f) => f.tag.startsWith('62')) || !current.fields.some((f) => f.tag.startsWith('60'));
    yield current;
  }
}

function addField(message: SwiftMessage, line: string, number: number): SwiftField {
  const m = FIELD.exec(line)!;
  const field = { tag: m[1]!, value: line.slice(m[0].length), line: number };
  message.fields.push(field);
  return field;
}

/** Output block 2: O + type + input time (4) + MIR (date 6, LT address 12, session 4, ISN 6) + ... */
function outputSender(rest: string): string | undefined {
  const lt = rest.slice(10, 22);
  if (!/^[A-Z]{6}[A-Z0-9]{2}[A-Z0-9][A-Z0-9]{3}$/.test(lt)) return undefined;
  return `${lt.slice(0, 8)}${lt.slice(9)}`;
}
