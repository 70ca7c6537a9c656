/** The headers that say a message was sent by a machine, to a list, or as a report. */
import type { AutomationHeaders, MailHeader } from './message.js';

/** The headers RFC 3834 (Auto-Submitted), RFC 2369 (List-*), RFC 6522 (reports) and common practice use. */
export function automationHeaders(headers: MailHeader[]): AutomationHeaders {
  const first = (key: string) => headers.find((header) => header.key === key)?.value.trim();
  const result: AutomationHeaders = {};
  const set = (field: keyof AutomationHeaders, value: string | undefined) => {
    if (value !== undefined && value !== '') result[field] = value;
  };
  set('autoSubmitted', first('auto-submitted'));
  set('xAutoreply', first('x-autoreply') ?? first('x-autorespond'));
  set('precedence', first('precedence'));
  set('listUnsubscribe', first('list-unsubscribe'));
  set('listId', first('list-id'));
  const contentType = first('content-type');
  if (contentType) {
    set('contentType', contentType.split(';')[0]!.trim().toLowerCase());
    set('reportType', /report-type\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase());
  }
  return result;
}
