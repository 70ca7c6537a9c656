/** Notifications after `remit run`: settings, the summary a person reads, and sending it. */
export {
  parseNotifySettings,
  DEFAULT_THRESHOLDS,
  type EmailSettings,
  type NotifyProblem,
  type NotifySettings,
  type NotifyThresholds,
  type SendPolicy,
  type WebhookFormat,
  type WebhookSettings,
} from './config.js';
export type * from './report.js';
export { buildSummary, attentionItems, money, type AttentionItem, type AttentionKind, type NotificationJson, type NotificationSummary } from './summary.js';
export { webhookBody } from './webhook-body.js';
export { sendNotifications, sendEmail, postWebhook, type ChannelResult, type NotifyDeps } from './send.js';
