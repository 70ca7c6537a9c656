import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { DEFAULT_THRESHOLDS, type EmailSettings, type NotifySettings } from '../../src/notify/config.js';
import { sendNotifications, type NotifyDeps } from '../../src/notify/send.js';
import { closedPort, parseMail, quietReport, sampleReport, startReceiver, startSmtp, type TestSmtp } from './helpers.js';

const USER = 'ar-robot@example.com';
const PASSWORD = 'S3cret-SMTP-pa55word';
const clock: Clock = { now: () => new Date('2024-05-01T05:43:00Z') };

function deps(password: string | undefined = PASSWORD, extra: Partial<NotifyDeps> = {}): NotifyDeps & { lines: string[] } {
  const lines: string[] = [];
  return { getSmtpPassword: async () => password, log: (line) => lines.push(line), clock, lines, ...extra };
}

function emailSettings(port: number, extra: Partial<EmailSettings> = {}): EmailSettings {
  // The test server offers no STARTTLS (it has no certificate this client would trust), so
  // plain AUTH is allowed here explicitly; the default refuses it (tested below).
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    requireTls: false,
    username: USER,
    from: 'remit <ar-robot@example.com>',
    to: ['ar-team@example.com', 'controller@example.com'],
    subjectPrefix: '[NWF]',
    ...extra,
  };
}

function settings(parts: Partial<NotifySettings>): NotifySettings {
  return { thresholds: DEFAULT_THRESHOLDS, send: 'problems', ...parts };
}

function noSecret(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  expect(text).not.toContain(Buffer.from(`\u0000${USER}\u0000${PASSWORD}`).toString('base64'));
}

describe('e-mail through a real SMTP server', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp(USER, PASSWORD);
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('logs in and delivers a summary naming the failing portal and the high-value unapplied line', async () => {
    const d = deps();
    const before = smtp.mails.length;
    const results = await sendNotifications(sampleReport(), settings({ email: emailSettings(smtp.port) }), d);
    expect(results).toEqual([{ channel: 'email', ok: true, message: `e-mail sent to 2 recipients through 127.0.0.1:${smtp.port}` }]);
    expect(smtp.mails).toHaveLength(before + 1);
    const mail = smtp.mails[before]!;
    expect(mail.user).toBe(USER);
    expect(mail.mailFrom).toBe('ar-robot@example.com');
    expect(mail.rcptTo).toEqual(['ar-team@example.com', 'controller@example.com']);
    const { headers, text, html } = parseMail(mail.raw);
    expect(headers['subject']).toBe('[NWF] remit run 2024-05-01: 7 items need attention');
    expect(headers['from']).toBe('remit <ar-robot@example.com>');
    expect(headers['to']).toBe('ar-team@example.com, controller@example.com');
    expect(headers['date']).toBe('Wed, 01 May 2024 05:43:00 +0000');
    expect(text).toContain('Portal account nwf-walmart (WALMART) failed');
    expect(text).toContain('Portal account nwf-target (TARGET) needs a person');
    expect(text).toContain('Unapplied cash USD 12,500.00 from AMAZON, payment EFT-7781, line "PO 884213"');
    expect(text).toContain('Payments: 6 received, USD 123,456.78');
    expect(html).toContain('nwf-walmart');
    expect(html).toContain('USD 12,500.00');
    noSecret(mail.raw);
    expect(d.lines).toEqual([`notify email: sent: e-mail sent to 2 recipients through 127.0.0.1:${smtp.port}`]);
  });

  it('a wrong password is a one-line failure that never shows the password', async () => {
    const wrong = 'Wr0ng-pa55word-xyz';
    const d = deps(wrong);
    const results = await sendNotifications(sampleReport(), settings({ email: emailSettings(smtp.port) }), d);
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result?.ok).toBe(false);
    expect(result?.message).toMatch(new RegExp(`^e-mail not sent: the SMTP server 127\\.0\\.0\\.1:${smtp.port} refused the login for ar-robot@example\\.com`));
    expect(result?.message).toContain('check notify.email.username and the SMTP password stored in the keychain');
    expect(result?.message).not.toContain('\n');
    for (const text of [result?.message ?? '', ...d.lines]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(Buffer.from(wrong).toString('base64'));
      noSecret(text);
    }
    expect(smtp.logins.at(-1)).toEqual({ username: USER, accepted: false });
  });

  it('the password is hidden even if it turns up in the report itself', async () => {
    const before = smtp.mails.length;
    const report = sampleReport({ documents: { imported: 1, failed: [{ name: 'x.pdf', message: `bad header near ${PASSWORD}` }] } });
    const [result] = await sendNotifications(report, settings({ email: emailSettings(smtp.port) }), deps());
    expect(result?.ok).toBe(true);
    const { text } = parseMail(smtp.mails[before]!.raw);
    expect(text).toContain('bad header near [hidden]');
    noSecret(smtp.mails[before]!.raw);
  });

  it('by default the password is not sent to a server that offers no encryption', async () => {
    const logins = smtp.logins.length;
    const mails = smtp.mails.length;
    const [result] = await sendNotifications(sampleReport(), settings({ email: emailSettings(smtp.port, { requireTls: true }) }), deps());
    expect(result?.ok).toBe(false);
    expect(result?.message).toContain('could not start encryption (STARTTLS)');
    expect(result?.message).toContain('remit does not send the SMTP password unencrypted');
    noSecret(result?.message ?? '');
    expect(smtp.logins.length).toBe(logins);
    expect(smtp.mails.length).toBe(mails);
  });

  it('secure: true against a STARTTLS port says which setting to change', async () => {
    const [result] = await sendNotifications(sampleReport(), settings({ email: emailSettings(smtp.port, { secure: true }) }), deps());
    expect(result).toEqual({
      channel: 'email',
      ok: false,
      message: `e-mail not sent: 127.0.0.1:${smtp.port} does not speak TLS from the first byte; set notify.email.secure: false for a STARTTLS port such as 587`,
    });
  });

  it('no SMTP password in the keychain: a clear failure, no connection made', async () => {
    const logins = smtp.logins.length;
    const [result] = await sendNotifications(sampleReport(), settings({ email: emailSettings(smtp.port) }), deps(PASSWORD, { getSmtpPassword: async () => undefined }));
    expect(result).toEqual({
      channel: 'email',
      ok: false,
      message: 'e-mail not sent: no SMTP password is stored for ar-robot@example.com; store it in the keychain (secret kind smtp), then run again',
    });
    expect(smtp.logins.length).toBe(logins);
  });

  it('send: problems with nothing to report sends nothing; send: always sends the quiet summary', async () => {
    const before = smtp.mails.length;
    const d = deps();
    expect(await sendNotifications(quietReport(), settings({ email: emailSettings(smtp.port), send: 'problems' }), d)).toEqual([]);
    expect(smtp.mails.length).toBe(before);
    expect(d.lines).toEqual(['notify: nothing needs attention, no notification sent (notify.send is "problems")']);

    const [result] = await sendNotifications(quietReport(), settings({ email: emailSettings(smtp.port), send: 'always' }), deps());
    expect(result?.ok).toBe(true);
    expect(parseMail(smtp.mails[before]!.raw).headers['subject']).toBe('[NWF] remit run 2024-05-01: nothing needs attention');
  });
});

describe('e-mail to a server that is not there', () => {
  it('a closed port gives ok:false with a one-line message, quickly', async () => {
    const port = await closedPort();
    const started = Date.now();
    const d = deps();
    const [result] = await sendNotifications(sampleReport(), settings({ email: emailSettings(port) }), d);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toEqual({
      channel: 'email',
      ok: false,
      message: `e-mail not sent: could not connect to the SMTP server 127.0.0.1:${port}: connection refused (check notify.email.host and port)`,
    });
    noSecret(d.lines.join('\n'));
  });
});

describe('webhook to a local HTTP receiver', () => {
  it('generic: { text, summary } with the machine-readable summary', async () => {
    const receiver = await startReceiver();
    try {
      const [result] = await sendNotifications(sampleReport(), settings({ webhook: { url: receiver.url, format: 'generic' } }), deps());
      expect(result).toEqual({ channel: 'webhook', ok: true, message: `webhook (generic) accepted by ${new URL(receiver.url).origin} (HTTP 200)` });
      expect(receiver.posts).toHaveLength(1);
      const post = receiver.posts[0]!;
      expect(post.method).toBe('POST');
      expect(post.path).toBe('/hooks/T000/B000/xoxb-secret-token');
      expect(post.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(post.body);
      expect(body.text).toContain('Portal account nwf-walmart (WALMART) failed');
      expect(body.subject).toBe('remit run 2024-05-01: 7 items need attention');
      expect(body.summary.runId).toBe('20240501-053000-ab12');
      expect(body.summary.needsAttention).toHaveLength(7);
      expect(body.summary.needsAttention[3]).toMatchObject({
        kind: 'high-value-unapplied',
        payer: 'AMAZON',
        paymentRef: 'EFT-7781',
        lineRef: 'PO 884213',
        currency: 'USD',
        amountMinor: 1_250_000,
      });
      expect(body.summary.applied).toEqual({ lines: 41, totals: [{ currency: 'USD', amountMinor: 11_000_000, amount: '110000.00' }] });
    } finally {
      await receiver.close();
    }
  });

  it('slack: { text, blocks } with the items in mrkdwn sections', async () => {
    const receiver = await startReceiver();
    try {
      const [result] = await sendNotifications(sampleReport(), settings({ webhook: { url: receiver.url, format: 'slack' } }), deps());
      expect(result?.ok).toBe(true);
      const body = JSON.parse(receiver.posts[0]!.body);
      expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
      expect(body.text).toContain('remit run 2024-05-01: 7 items need attention');
      expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'remit run 2024-05-01: 7 items need attention' } });
      const sections = body.blocks.filter((b: { type: string }) => b.type === 'section').map((b: { text: { type: string; text: string } }) => b.text);
      expect(sections.every((t: { type: string }) => t.type === 'mrkdwn')).toBe(true);
      expect(sections[0].text).toContain('*Needs attention (7)*');
      expect(sections[0].text).toContain('nwf-walmart');
      expect(sections[0].text).toContain('USD 12,500.00');
      for (const t of sections) expect(t.text.length).toBeLessThanOrEqual(3000);
    } finally {
      await receiver.close();
    }
  });

  it('teams: a message with an Adaptive Card and a plain text', async () => {
    const receiver = await startReceiver({ status: 202, body: '' });
    try {
      const [result] = await sendNotifications(sampleReport(), settings({ webhook: { url: receiver.url, format: 'teams' } }), deps());
      expect(result).toMatchObject({ ok: true, message: expect.stringContaining('(HTTP 202)') });
      const body = JSON.parse(receiver.posts[0]!.body);
      expect(body.type).toBe('message');
      expect(body.text).toContain('nwf-walmart');
      expect(body.summary).toBe('remit run 2024-05-01: 7 items need attention');
      expect(body.attachments).toHaveLength(1);
      const card = body.attachments[0];
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card.content.type).toBe('AdaptiveCard');
      expect(card.content.version).toBe('1.4');
      const texts = card.content.body.filter((b: { type: string }) => b.type === 'TextBlock').map((b: { text: string }) => b.text);
      expect(texts).toContain('Needs attention (7)');
      expect(texts.some((t: string) => t.startsWith('1. Portal account nwf-target (TARGET) needs a person'))).toBe(true);
      expect(texts.some((t: string) => t.includes('USD 12,500.00'))).toBe(true);
      const facts = card.content.body.find((b: { type: string }) => b.type === 'FactSet').facts;
      expect(facts).toContainEqual({ title: 'Payments', value: '6 received, USD 123,456.78' });
    } finally {
      await receiver.close();
    }
  });

  it('an error status is a failure naming only the host, never the token in the path', async () => {
    const receiver = await startReceiver({ status: 400, body: 'invalid_payload' });
    try {
      const [result] = await sendNotifications(sampleReport(), settings({ webhook: { url: receiver.url, format: 'slack' } }), deps());
      expect(result).toEqual({
        channel: 'webhook',
        ok: false,
        message: `webhook not sent: ${new URL(receiver.url).origin} answered HTTP 400: invalid_payload`,
      });
      expect(result?.message).not.toContain('xoxb-secret-token');
    } finally {
      await receiver.close();
    }
  });

  it('a receiver that never answers times out as a failure', async () => {
    const receiver = await startReceiver({ hang: true });
    try {
      const [result] = await sendNotifications(sampleReport(), settings({ webhook: { url: receiver.url, format: 'generic' } }), deps(PASSWORD, { timeoutMs: 300 }));
      expect(result).toEqual({ channel: 'webhook', ok: false, message: `webhook not sent: ${new URL(receiver.url).origin} did not answer within 300 ms` });
    } finally {
      await receiver.close();
    }
  });

  it('a closed port is a failure', async () => {
    const port = await closedPort();
    const [result] = await sendNotifications(sampleReport(), settings({ webhook: { url: `http://127.0.0.1:${port}/hook/tok`, format: 'teams' } }), deps());
    expect(result).toEqual({ channel: 'webhook', ok: false, message: `webhook not sent: could not connect to http://127.0.0.1:${port}: connection refused` });
  });

  it('both channels: one result each, e-mail first; nothing posted when send: problems has nothing to say', async () => {
    const smtp = await startSmtp(USER, PASSWORD);
    const receiver = await startReceiver();
    try {
      const both = settings({ email: emailSettings(smtp.port), webhook: { url: receiver.url, format: 'generic' } });
      const results = await sendNotifications(sampleReport(), both, deps());
      expect(results.map((r) => [r.channel, r.ok])).toEqual([
        ['email', true],
        ['webhook', true],
      ]);
      expect(await sendNotifications(quietReport(), both, deps())).toEqual([]);
      expect(smtp.mails).toHaveLength(1);
      expect(receiver.posts).toHaveLength(1);
    } finally {
      await receiver.close();
      await smtp.close();
    }
  });
});
