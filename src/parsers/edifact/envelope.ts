/**
 * The EDIFACT envelope: UNB/UNZ interchanges, optional UNG/UNE groups, UNH/UNT messages.
 * Checks every count and reference the sender declared (UNT: segments UNH..UNT inclusive;
 * UNE: messages; UNZ: groups, or messages when there are no groups) because a mismatch means
 * segments were lost or added; only messages whose UNT checks pass are handed on.
 */
import { at, type Diagnostics } from '../edi/diagnostics.js';
import { checkCount, compareControl, reportUnclosed, type Counted } from '../edi/envelope.js';
import { component, type Segment } from './segments.js';

/** One UNH..UNT message that passed its own UNT checks. */
export interface Message {
  /** UNH01 message reference number. */
  ref: string;
  /** UNH02 message type, e.g. REMADV. */
  type: string;
  /** UNH02 version and release, e.g. "D:96A". */
  version: string;
  /** UNB04 preparation date (YYMMDD or CCYYMMDD), the last-resort payment date; '' when unknown. */
  interchangeDate: string;
  unh: Segment;
  /** The segments between UNH and UNT. */
  body: Segment[];
}

interface OpenInterchange {
  unb: Segment;
  messages: number;
  groups: number;
}
interface OpenGroup {
  ung: Segment;
  messages: number;
}
interface OpenMessage {
  unh: Segment;
  body: Segment[];
  interchange: OpenInterchange | undefined;
}

const KEPT = 'its complete messages are kept';

/** Walk the segments, check the envelope, return the messages that are whole. */
export function readMessages(segments: Segment[], diagnostics: Diagnostics): Message[] {
  const messages: Message[] = [];
  let interchange: OpenInterchange | undefined;
  let group: OpenGroup | undefined;
  let message: OpenMessage | undefined;
  let reportedNoUnb = false;

  const abandonMessage = (before: string): void => {
    if (!message) return;
    const ref = component(message.unh, 1);
    reportUnclosed(diagnostics, { level: `message ${ref}`, opener: message.unh, trailer: 'UNT' }, before, `message ${ref} skipped`);
    message = undefined;
  };
  const abandonGroup = (before: string): void => {
    if (!group) return;
    reportUnclosed(diagnostics, { level: `group ${component(group.ung, 5)}`, opener: group.ung, trailer: 'UNE' }, before, KEPT);
    group = undefined;
  };
  const abandonInterchange = (before: string): void => {
    if (!interchange) return;
    const { unb } = interchange;
    reportUnclosed(diagnostics, { level: `interchange ${component(unb, 5)}`, opener: unb, trailer: 'UNZ' }, before, KEPT);
    interchange = undefined;
  };

  for (const segment of segments) {
    const where = `${segment.tag} (segment ${segment.number})`;
    switch (segment.tag) {
      case 'UNB':
        abandonMessage(where);
        abandonGroup(where);
        abandonInterchange(where);
        interchange = { unb: segment, messages: 0, groups: 0 };
        break;
      case 'UNG':
        abandonMessage(where);
        abandonGroup(where);
        if (interchange) interchange.groups += 1;
        group = { ung: segment, messages: 0 };
        break;
      case 'UNH':
        abandonMessage(where);
        if (!interchange && !reportedNoUnb) {
          // Some systems export bare messages; the data is still whole if UNT checks out.
          diagnostics.fail(`UNH outside an interchange: no UNB (segment ${segment.number})`, at(segment), 'read anyway');
          reportedNoUnb = true;
        }
        if (interchange) interchange.messages += 1;
        if (group) group.messages += 1;
        message = { unh: segment, body: [], interchange };
        break;
      case 'UNT':
        if (!message) diagnostics.fail(`UNT without UNH (segment ${segment.number})`, at(segment), 'segment ignored');
        else {
          const whole = closeMessage(message, segment, diagnostics);
          if (whole) messages.push(whole);
        }
        message = undefined;
        break;
      case 'UNE':
        abandonMessage(where);
        if (!group) diagnostics.fail(`UNE without UNG (segment ${segment.number})`, at(segment), 'segment ignored');
        else checkTrailer(segment, { owner: `group ${component(group.ung, 5)}`, actual: group.messages, noun: 'messages' }, component(group.ung, 5), diagnostics);
        group = undefined;
        break;
      case 'UNZ':
        abandonMessage(where);
        abandonGroup(where);
        if (!interchange) diagnostics.fail(`UNZ without UNB (segment ${segment.number})`, at(segment), 'segment ignored');
        else {
          const [count, noun] = interchange.groups > 0 ? [interchange.groups, 'groups'] : [interchange.messages, 'messages'];
          const ref = component(interchange.unb, 5);
          checkTrailer(segment, { owner: `interchange ${ref}`, actual: count, noun }, ref, diagnostics);
        }
        interchange = undefined;
        break;
      default:
        if (message) message.body.push(segment);
        else diagnostics.fail(`${segment.tag} outside a message (segment ${segment.number})`, at(segment), 'segment ignored');
    }
  }
  const end = `the end of the file (segment ${(segments.at(-1)?.number ?? 0) + 1})`;
  abandonMessage(end);
  abandonGroup(end);
  abandonInterchange(end);
  return messages;
}

function closeMessage(open: OpenMessage, unt: Segment, diagnostics: Diagnostics): Message | undefined {
  const { unh, body } = open;
  const ref = component(unh, 1);
  const skipped = `message ${ref} skipped`;
  if (!checkCount(diagnostics, unt, component(unt, 1), { owner: 'message', actual: body.length + 2, noun: 'segments' }, skipped)) {
    return undefined;
  }
  if (!referencesAgree(unt, component(unt, 2), 'UNH', ref, diagnostics, skipped)) return undefined;
  return {
    ref,
    type: component(unh, 2, 0),
    version: `${component(unh, 2, 1)}:${component(unh, 2, 2)}`,
    interchangeDate: open.interchange ? component(open.interchange.unb, 4, 0) : '',
    unh,
    body,
  };
}

/** A UNE or UNZ: its count of what it closes, and its reference against the opener's. */
function checkTrailer(trailer: Segment, counted: Counted, ref: string, diagnostics: Diagnostics): void {
  checkCount(diagnostics, trailer, component(trailer, 1), counted, KEPT);
  referencesAgree(trailer, component(trailer, 2), '', ref, diagnostics, KEPT);
}

/** A trailer's reference against its opener's: a different one fails; the same one padded differently is a warning. */
function referencesAgree(trailer: Segment, written: string, openerTag: string, opener: string, diagnostics: Diagnostics, consequence: string): boolean {
  const match = compareControl(written, opener);
  if (match === 'same') return true;
  const against = openerTag === '' ? opener : `${openerTag} ${opener}`;
  if (match === 'padded') {
    diagnostics.warning(`${trailer.tag} reference "${written}" is "${opener}" written with other padding (segment ${trailer.number}); accepted`, at(trailer));
    return true;
  }
  diagnostics.fail(`${trailer.tag} reference ${written} does not match ${against} (segment ${trailer.number})`, at(trailer), consequence);
  return false;
}
