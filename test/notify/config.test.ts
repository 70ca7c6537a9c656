import { describe, expect, it } from 'vitest';
import { parseNotifySettings } from '../../src/notify/config.js';

describe('notify settings', () => {
  it('fills the defaults', () => {
    const { settings, problems } = parseNotifySettings(
      {
        email: { host: 'smtp.example.com', username: 'robot@example.com', from: 'remit <robot@example.com>', to: ['ar@example.com'] },
        webhook: { url: 'https://hooks.slack.com/services/T/B/x' },
      },
      'notify',
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      email: {
        host: 'smtp.example.com',
        port: 587,
        secure: false,
        requireTls: true,
        username: 'robot@example.com',
        from: 'remit <robot@example.com>',
        to: ['ar@example.com'],
      },
      webhook: { url: 'https://hooks.slack.com/services/T/B/x', format: 'generic' },
      thresholds: { highValueUnappliedMinor: 500_000, deductionOverMinor: 100_000 },
      send: 'problems',
    });
  });

  it('reads every setting: port 465 is secure, thresholds are decimal text in minor units', () => {
    const { settings, problems } = parseNotifySettings(
      {
        send: 'always',
        email: { host: 'mail.example.com', port: 465, from: 'r@example.com', to: 'ar@example.com', subject_prefix: '[NWF]' },
        webhook: { url: 'https://example.webhook.office.com/x', format: 'teams' },
        thresholds: { high_value_unapplied: '12,500.50', deduction_over: 250 },
      },
      'notify',
    );
    expect(problems).toEqual([]);
    expect(settings?.email).toMatchObject({ port: 465, secure: true, requireTls: false, to: ['ar@example.com'], subjectPrefix: '[NWF]' });
    expect(settings?.email?.username).toBeUndefined();
    expect(settings?.webhook?.format).toBe('teams');
    expect(settings?.thresholds).toEqual({ highValueUnappliedMinor: 1_250_050, deductionOverMinor: 25_000 });
    expect(settings?.send).toBe('always');
  });

  it('no notify section: settings with no channel, nothing to send', () => {
    expect(parseNotifySettings(undefined, 'notify')).toEqual({
      problems: [],
      settings: { thresholds: { highValueUnappliedMinor: 500_000, deductionOverMinor: 100_000 }, send: 'problems' },
    });
  });

  it('reports every problem at once, each with its path', () => {
    const { settings, problems } = parseNotifySettings(
      {
        send: 'sometimes',
        colour: 'red',
        email: {
          port: 'abc',
          password: 'hunter2-never-here',
          from: 'not an address',
          to: ['ar@example.com', 'nobody', 42],
          subject_prefix: 'a\nBcc: evil@example.com',
        },
        webhook: { url: 'ftp://example.com/hook', format: 'discord' },
        thresholds: { high_value_unapplied: 'lots', deduction_over: '-5.00', typo: 1 },
      },
      'notify',
    );
    expect(settings).toBeUndefined();
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'notify.colour',
        'notify.send',
        'notify.email.host',
        'notify.email.port',
        'notify.email.password',
        'notify.email.from',
        'notify.email.to[1]',
        'notify.email.to[2]',
        'notify.email.subject_prefix',
        'notify.webhook.url',
        'notify.webhook.format',
        'notify.thresholds.high_value_unapplied',
        'notify.thresholds.deduction_over',
        'notify.thresholds.typo',
      ].sort(),
    );
    expect(byPath['notify.send']).toBe('must be always or problems, got "sometimes"');
    expect(byPath['notify.email.host']).toBe('is required');
    expect(byPath['notify.email.password']).toContain('keychain');
    expect(byPath['notify.webhook.format']).toBe('must be teams, slack or generic, got "discord"');
    expect(byPath['notify.thresholds.deduction_over']).toBe('must not be negative, got "-5.00"');
    expect(byPath['notify.thresholds.high_value_unapplied']).toContain('must be an amount such as "5000.00"');
    // A password written in the file is never repeated back.
    expect(JSON.stringify(problems)).not.toContain('hunter2-never-here');
  });

  it('a webhook URL (often the credential itself) is not echoed in problems', () => {
    const { problems } = parseNotifySettings({ webhook: { url: 'hxxps://hooks/secret-token-123' } }, 'notify');
    expect(problems).toEqual([{ path: 'notify.webhook.url', message: 'must be a web address starting with https://' }]);
  });

  it('a section with nowhere to send to, or of the wrong shape, is a problem', () => {
    expect(parseNotifySettings({ send: 'always' }, 'notify').problems).toEqual([
      { path: 'notify', message: 'says nothing about where to send: add email, webhook or both' },
    ]);
    expect(parseNotifySettings(['email'], 'notify').problems).toEqual([
      { path: 'notify', message: 'must be a mapping (email, webhook, thresholds, send), got a list' },
    ]);
    expect(parseNotifySettings({ email: 'smtp.example.com' }, 'notify').problems).toEqual([
      { path: 'notify.email', message: 'must be a mapping of keys to values, got "smtp.example.com"' },
    ]);
  });

  it('e-mail needs a host, a sender and at least one recipient', () => {
    const { problems } = parseNotifySettings({ email: { to: [] } }, 'notify');
    expect(problems).toEqual([
      { path: 'notify.email.host', message: 'is required' },
      { path: 'notify.email.from', message: 'is required' },
      { path: 'notify.email.to', message: 'must name at least one e-mail address' },
    ]);
  });
});
