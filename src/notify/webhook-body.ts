/**
 * The JSON body of the webhook POST, per format. Pure.
 *
 * - teams: a `message` with one Adaptive Card attachment. Both the Teams "Workflows"
 *   webhooks (which accept only Adaptive Cards) and the older Incoming Webhook connectors
 *   render it; `text` and `summary` are kept at the top for anything reading plain text.
 * - slack: `{ text, blocks }` as Slack incoming webhooks take it; `text` is the fallback
 *   shown in notifications.
 * - generic: `{ text, subject, summary }` where `summary` is the machine-readable JSON.
 *
 * Chat messages have size limits (Slack: 50 blocks, 3000 characters a section; Teams:
 * about 28 KB), so they list the first items and point to the e-mail / `remit review` for
 * the rest.
 */
import type { WebhookFormat } from './config.js';
import type { NotificationSummary } from './summary.js';

/** How many needs-attention items a chat message lists. */
export const CHAT_ITEMS = 25;

export function webhookBody(summary: NotificationSummary, format: WebhookFormat): unknown {
  switch (format) {
    case 'teams':
      return teamsBody(summary);
    case 'slack':
      return slackBody(summary);
    case 'generic':
      return { text: summary.text, subject: summary.subject, summary: summary.json };
  }
}

function listed(summary: NotificationSummary): { items: string[]; more: number } {
  const items = summary.needsAttention.slice(0, CHAT_ITEMS);
  return { items, more: summary.needsAttention.length - items.length };
}

function moreLine(more: number): string {
  return `... and ${more} more: see the e-mail, remit review and remit status.`;
}

/** Plain text for chat: subject, the listed items and the summary lines. */
function chatText(summary: NotificationSummary): string {
  const { items, more } = listed(summary);
  return [
    summary.subject,
    ...(items.length ? ['', `Needs attention (${summary.needsAttention.length}):`, ...items.map((m, i) => `${i + 1}. ${m}`)] : []),
    ...(more > 0 ? [moreLine(more)] : []),
    '',
    ...summary.overview,
  ].join('\n');
}

function teamsBody(summary: NotificationSummary): unknown {
  const { items, more } = listed(summary);
  const block = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text, wrap: true, ...extra });
  const body: unknown[] = [
    block(summary.subject, { weight: 'Bolder', size: 'Medium' }),
    block(summary.headline, { isSubtle: true, spacing: 'Small' }),
  ];
  if (items.length) {
    body.push(block(`Needs attention (${summary.needsAttention.length})`, { weight: 'Bolder', color: 'Attention', spacing: 'Medium' }));
    items.forEach((message, index) => body.push(block(`${index + 1}. ${message}`, { spacing: 'Small' })));
    if (more > 0) body.push(block(moreLine(more), { isSubtle: true, spacing: 'Small' }));
  } else {
    body.push(block('Nothing needs attention.', { color: 'Good', spacing: 'Medium' }));
  }
  body.push(block('Summary', { weight: 'Bolder', spacing: 'Medium' }));
  body.push({ type: 'FactSet', facts: summary.overview.map(fact) });
  return {
    type: 'message',
    summary: summary.subject,
    text: chatText(summary),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
        },
      },
    ],
  };
}

function fact(line: string): { title: string; value: string } {
  const cut = line.indexOf(': ');
  return cut > 0 ? { title: line.slice(0, cut), value: line.slice(cut + 2) } : { title: '', value: line };
}

const SLACK_SECTION_CHARS = 2900;

function slackBody(summary: NotificationSummary): unknown {
  const { items, more } = listed(summary);
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: cut(summary.subject, 150) } }];
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  if (items.length) {
    const lines = [
      `*Needs attention (${summary.needsAttention.length})*`,
      ...items.map((m, i) => `${i + 1}. ${slackEscape(m)}`),
      ...(more > 0 ? [slackEscape(moreLine(more))] : []),
    ];
    for (const chunk of chunks(lines, SLACK_SECTION_CHARS)) blocks.push(section(chunk));
  } else {
    blocks.push(section('Nothing needs attention.'));
  }
  blocks.push(section(cut(['*Summary*', ...summary.overview.map(slackEscape)].join('\n'), SLACK_SECTION_CHARS)));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(slackEscape(summary.headline), SLACK_SECTION_CHARS) }] });
  return { text: slackEscape(cut(chatText(summary), 3500)), blocks };
}

/** Slack reads `<...>` as links and mentions; payer text must not become one. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Lines joined into pieces of at most `max` characters (a single longer line is cut). */
function chunks(lines: string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = cut(raw, max);
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
