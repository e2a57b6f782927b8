import { PermanentEmailError } from './email.errors';
import type { OutgoingEmail } from './outgoing-email';
import {
  BULK_TEMPLATE,
  MAX_BULK_ENTRY_CHARS,
  toBulkEmailEntry,
  toSendBulkEmailInput,
  toSendEmailInput,
} from './ses-message';

const settings = {
  fromAddress: '"Public Buyers Community" <no-reply@buyers.example.eu>',
  configurationSetName: 'notifications',
  fromIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/buyers.example.eu',
};
const email: OutgoingEmail = {
  to: 'marc.dubois@example.org',
  subject: 'Welcome to Public Procurement Law',
  html: '<p>Hello</p>',
  text: 'Hello',
  notificationId: '0b7d6c1e-3f0a-4d7e-9d55-6f1b2a9c8e01',
};

describe('toSendEmailInput', () => {
  it('sends simple content with both parts, the sender, the recipient and the configuration set', () => {
    const input = toSendEmailInput(email, settings);

    expect(input.FromEmailAddress).toBe(settings.fromAddress);
    expect(input.Destination).toEqual({ ToAddresses: ['marc.dubois@example.org'] });
    expect(input.ConfigurationSetName).toBe('notifications');
    expect(input.FromEmailAddressIdentityArn).toBe(settings.fromIdentityArn);
    expect(input.Content?.Simple?.Subject).toEqual({ Data: email.subject, Charset: 'UTF-8' });
    expect(input.Content?.Simple?.Body).toEqual({
      Html: { Data: '<p>Hello</p>', Charset: 'UTF-8' },
      Text: { Data: 'Hello', Charset: 'UTF-8' },
    });
    expect(input.EmailTags).toEqual([{ Name: 'notification-id', Value: email.notificationId }]);
  });

  it('tags the email with its notification id, template and category, made safe for SES tag values', () => {
    const input = toSendEmailInput(
      { ...email, template: 'access-request.rejected', category: 'transactional' },
      settings,
    );

    expect(input.EmailTags).toEqual([
      { Name: 'notification-id', Value: email.notificationId },
      { Name: 'template', Value: 'access-request_rejected' },
      { Name: 'category', Value: 'transactional' },
    ]);
  });

  it('always carries X-Notification-Id and no unsubscribe headers for emails that cannot be switched off', () => {
    expect(toSendEmailInput(email, settings).Content?.Simple?.Headers).toEqual([
      { Name: 'X-Notification-Id', Value: email.notificationId },
    ]);
  });

  it('adds RFC 8058 one-click unsubscribe headers when an unsubscribe link is given', () => {
    const input = toSendEmailInput(
      {
        ...email,
        unsubscribe: {
          url: 'https://preferences.example.org/unsubscribe/abc.def',
          mailto: 'unsubscribe@buyers.example.eu',
        },
      },
      settings,
    );

    expect(input.Content?.Simple?.Headers).toEqual([
      { Name: 'X-Notification-Id', Value: email.notificationId },
      {
        Name: 'List-Unsubscribe',
        Value:
          '<https://preferences.example.org/unsubscribe/abc.def>, <mailto:unsubscribe@buyers.example.eu>',
      },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
  });

  it('leaves out the tag when the notification id has characters SES tags do not allow', () => {
    expect(
      toSendEmailInput({ ...email, notificationId: 'delivery:42/7' }, settings).EmailTags,
    ).toBeUndefined();
  });

  it.each([
    ['a subject with a line break', { subject: 'Hi\r\nBcc: x@y.z' }],
    ['a recipient with a line break', { to: 'a@b.c\nBcc: x@y.z' }],
    ['a notification id with a line break', { notificationId: 'id\r\nX-Evil: 1' }],
    ['an empty recipient', { to: ' ' }],
    ['a javascript: unsubscribe link', { unsubscribe: { url: 'javascript:alert(1)' } }],
    ['an unsubscribe link with a line break', { unsubscribe: { url: 'https://x.org/u\r\nX-Evil: 1' } }],
  ])('refuses %s as a permanent error', (_case, change) => {
    expect(() => toSendEmailInput({ ...email, ...change }, settings)).toThrow(PermanentEmailError);
  });
});

describe('toBulkEmailEntry', () => {
  const unsubscribed = { ...email, unsubscribe: { url: 'https://preferences.example.org/unsubscribe/abc' } };

  it('carries the recipient, headers and tags of the SendEmail, and the rendered email as replacement data', () => {
    const single = toSendEmailInput(unsubscribed, settings);
    const entry = toBulkEmailEntry({ ...unsubscribed, subject: 'Thresholds {{2026}} & <rules>' });

    expect(entry?.Destination).toEqual(single.Destination);
    expect(entry?.ReplacementHeaders).toEqual(single.Content?.Simple?.Headers);
    expect(entry?.ReplacementTags).toEqual(single.EmailTags);
    expect(
      JSON.parse(entry?.ReplacementEmailContent?.ReplacementTemplate?.ReplacementTemplateData ?? ''),
    ).toEqual({
      subject: 'Thresholds {{2026}} & <rules>',
      html: '<p>Hello</p>',
      text: 'Hello',
    });
  });

  it('leaves an email too large for an entry to SendEmail', () => {
    expect(toBulkEmailEntry({ ...email, html: 'x'.repeat(MAX_BULK_ENTRY_CHARS) })).toBeUndefined();
  });

  it('refuses header injection as SendEmail does', () => {
    expect(() => toBulkEmailEntry({ ...email, to: 'a@example.org\r\nBcc: b@example.org' })).toThrow(
      PermanentEmailError,
    );
  });

  it('sends the entries with the sender, the configuration set and a template of three substitutions', () => {
    const entry = toBulkEmailEntry(email);
    const input = toSendBulkEmailInput(entry ? [entry] : [], settings);

    expect(input.FromEmailAddress).toBe(settings.fromAddress);
    expect(input.FromEmailAddressIdentityArn).toBe(settings.fromIdentityArn);
    expect(input.ConfigurationSetName).toBe('notifications');
    expect(input.DefaultContent?.Template?.TemplateContent).toEqual(BULK_TEMPLATE);
    expect(input.BulkEmailEntries).toEqual([entry]);
  });
});
