/**
 * Remittances that arrive by e-mail, as the pipeline uses them:
 *
 *   const message = await readMessage(bytes, limits);          // .eml or .msg, under limits
 *   const parts = remittanceParts(message, { limits });        // documents, body tables, skipped
 *   for (const doc of parts.documents) parseRemittanceFile(doc.bytes, ...)   // as any file
 *   for (const table of parts.bodyTables) remittancesFromRows(table.rows, ...)
 *   const payer = identifyPayer({ message, senders, invoices, references });
 *
 * and the mailbox edge: openMailbox (password or XOAUTH2 token) -> listNew(cursor) ->
 * fetchRaw -> move / flag, with MailboxError kinds ('auth' is never retried), and the OAuth2
 * device-code sign-in and refresh exchange for Microsoft 365 and Google.
 */
export { DEFAULT_MAIL_LIMITS, MAIL_LIMIT_SETTINGS, MailLimitError, type MailLimits } from './limits.js';
export { readMessage } from './reading/read-message.js';
export type { AutomationHeaders, ForwardedMessage, MailAddress, MailAttachment, MailHeader, MailMessage, QuotedOriginal } from './reading/message.js';
export {
  DEFAULT_PARTS_OPTIONS,
  remittanceParts,
  type DocumentOrigin,
  type MailDocument,
  type MessageParts,
  type PartsOptions,
  type SkippedPart,
} from './parts/remittance-parts.js';
export type { BodyTable } from './parts/body-tables.js';
export type { PaymentFields } from './parts/payment-fields.js';
export type { DocumentFormat as MailDocumentFormat } from './parts/attachment-kind.js';
export { messageKind, type MessageKind } from './parts/message-kind.js';
export { safeFileName } from './parts/file-name.js';
export { identifyPayer, normaliseName, type OpenInvoiceLookup, type PayerDecision, type PayerQuestion } from './payer.js';
export { Mailbox, openMailbox, uidSet, type MailCursor, type MailboxCredential, type MailboxSettings, type NewMessage, type NewMessages } from './imap/mailbox.js';
export { MailboxError, mailboxErrorFrom, type MailboxErrorKind } from './imap/errors.js';
export { IMAP_HOSTS, googleProvider, microsoftProvider, type OAuthProvider } from './oauth/providers.js';
export { accessTokenFromRefresh, finishDeviceSignIn, startDeviceSignIn, type SignInDeps } from './oauth/sign-in.js';
export { formPoster, type FormAnswer, type PostForm } from './oauth/http.js';
export { OAuthError, type DeviceCode, type OAuthClient, type Tokens } from './oauth/token-requests.js';
