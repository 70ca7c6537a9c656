/**
 * A message as remit reads it, the same shape whether it came as RFC 5322 (.eml, IMAP) or as
 * an Outlook .msg. Everything is decoded: header words (RFC 2047), file names (RFC 2231),
 * transfer encodings and charsets.
 */

export interface MailAddress {
  /** The display name, decoded ("THD Vendor Payments"); empty when none. */
  name: string;
  /** The address in lower case ("vendorpayments@homedepot.example"); empty when none. */
  address: string;
}

export interface MailHeader {
  /** Lower-case name. */
  key: string;
  /** Unfolded value, encoded words not decoded. */
  value: string;
}

/** The headers that tell an automatic or bulk message from one a payer sent. */
export interface AutomationHeaders {
  autoSubmitted?: string;
  xAutoreply?: string;
  precedence?: string;
  listUnsubscribe?: string;
  listId?: string;
  /** The top-level Content-Type value ("multipart/report"). */
  contentType?: string;
  /** The report-type parameter of a multipart/report ("delivery-status"). */
  reportType?: string;
}

export interface MailAttachment {
  /** Where it sits, for messages to an operator: "attachment 2", "inline part 1". */
  part: string;
  /** The name as the sender gave it, decoded; undefined when the part names none. */
  fileName: string | undefined;
  /** Lower-case MIME type as declared ("application/octet-stream" says little). */
  contentType: string;
  disposition: 'attachment' | 'inline' | undefined;
  /** Content-ID without angle brackets, when the part has one. */
  contentId: string | undefined;
  /** True when the HTML body refers to it by cid: (a logo, a signature image). */
  referencedByHtml: boolean;
  /** The METHOD of a calendar part (REQUEST, CANCEL), when it is one. */
  calendarMethod: string | undefined;
  bytes: Uint8Array;
}

/** A message the sender quoted in the body ("Fwd:", "-----Original Message-----"). */
export interface QuotedOriginal {
  from: MailAddress | undefined;
  subject: string | undefined;
  /** The date as written in the quoted header block. */
  date: string | undefined;
  /** The quoted text after the header block, quote marks ("> ") removed. */
  text: string;
}

export interface MailMessage {
  format: 'eml' | 'msg';
  /** Without angle brackets; undefined when the message has none. */
  messageId: string | undefined;
  from: MailAddress | undefined;
  to: MailAddress[];
  subject: string;
  /** ISO 8601 when the Date header reads as a date, else the header as written. */
  date: string | undefined;
  headers: MailHeader[];
  automation: AutomationHeaders;
  /** The text/plain body (all text/plain parts shown inline, joined). */
  text: string;
  /** The text/html body, when there is one. */
  html: string | undefined;
  attachments: MailAttachment[];
  /** message/rfc822 parts (and .msg attached to .msg), each read as a message. */
  forwarded: ForwardedMessage[];
  /** A forwarded original quoted in the body, when the body holds one. */
  quoted: QuotedOriginal | undefined;
}

export interface ForwardedMessage {
  /** Where it sat in the outer message ("attachment 3"). */
  part: string;
  fileName: string | undefined;
  message: MailMessage;
}
