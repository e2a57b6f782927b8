import type { MessageHeader, MessageTag, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { safeHttpUrl } from '../templates/safe-url';
import type { EmailSettings } from './email-settings';
import { PermanentEmailError } from './email.errors';
import type { OutgoingEmail } from './outgoing-email';

export const NOTIFICATION_ID_HEADER = 'X-Notification-Id';
export const LIST_UNSUBSCRIBE_HEADER = 'List-Unsubscribe';
export const LIST_UNSUBSCRIBE_POST_HEADER = 'List-Unsubscribe-Post';
/** RFC 8058: tells the mailbox provider a POST to the List-Unsubscribe URL unsubscribes at once. */
export const ONE_CLICK_UNSUBSCRIBE = 'List-Unsubscribe=One-Click';

export const SES_TAGS = {
  notificationId: 'notification-id',
  template: 'template',
  category: 'category',
} as const;
const SES_TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;
const SES_TAG_INVALID = /[^A-Za-z0-9_-]/g;
const LINE_BREAK = /[\r\n]/;

/**
 * SendEmail input for one email: Simple content (SES builds the MIME message) with our own headers.
 * Throws PermanentEmailError when a header would carry a line break or the unsubscribe link is not http(s).
 */
export function toSendEmailInput(
  email: OutgoingEmail,
  settings: Pick<EmailSettings, 'fromAddress' | 'configurationSetName' | 'fromIdentityArn'>,
): SendEmailCommandInput {
  singleLine('recipient', email.to);
  singleLine('subject', email.subject);
  const headers: MessageHeader[] = [
    { Name: NOTIFICATION_ID_HEADER, Value: singleLine('notification id', email.notificationId) },
  ];
  if (email.unsubscribe !== undefined) {
    headers.push(
      { Name: LIST_UNSUBSCRIBE_HEADER, Value: listUnsubscribe(email.unsubscribe) },
      { Name: LIST_UNSUBSCRIBE_POST_HEADER, Value: ONE_CLICK_UNSUBSCRIBE },
    );
  }
  return {
    FromEmailAddress: settings.fromAddress,
    FromEmailAddressIdentityArn: settings.fromIdentityArn,
    Destination: { ToAddresses: [email.to] },
    ConfigurationSetName: settings.configurationSetName,
    EmailTags: emailTags(email),
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
        Headers: headers,
      },
    },
  };
}

/** Tags travel into every SES event of the email (`mail.tags`), linking it back to the notification. */
function emailTags(email: OutgoingEmail): MessageTag[] | undefined {
  const tags: MessageTag[] = [];
  // The id must stay exact to be traced back, so an id SES cannot carry is left out rather than altered.
  if (SES_TAG_VALUE.test(email.notificationId)) {
    tags.push({ Name: SES_TAGS.notificationId, Value: email.notificationId });
  }
  for (const name of ['template', 'category'] as const) {
    const value = email[name]?.replace(SES_TAG_INVALID, '_').slice(0, 256);
    if (value) {
      tags.push({ Name: SES_TAGS[name], Value: value });
    }
  }
  return tags.length > 0 ? tags : undefined;
}

function listUnsubscribe(unsubscribe: NonNullable<OutgoingEmail['unsubscribe']>): string {
  const url = safeHttpUrl(singleLine('unsubscribe url', unsubscribe.url));
  if (url === undefined) {
    throw new PermanentEmailError('invalid-message', 'the unsubscribe link must be an http(s) URL');
  }
  const targets = [`<${url}>`];
  if (unsubscribe.mailto !== undefined) {
    targets.push(`<mailto:${encodeURI(singleLine('unsubscribe mailto', unsubscribe.mailto))}>`);
  }
  return targets.join(', ');
}

function singleLine(field: string, value: string): string {
  if (value.trim() === '' || LINE_BREAK.test(value)) {
    throw new PermanentEmailError('invalid-message', `the ${field} must be one non-empty line`);
  }
  return value;
}
