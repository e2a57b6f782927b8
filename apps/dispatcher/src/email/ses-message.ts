import type { MessageHeader, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { safeHttpUrl } from '../templates/safe-url';
import type { EmailSettings } from './email-settings';
import { PermanentEmailError } from './email.errors';
import type { OutgoingEmail } from './outgoing-email';

export const NOTIFICATION_ID_HEADER = 'X-Notification-Id';
export const LIST_UNSUBSCRIBE_HEADER = 'List-Unsubscribe';
export const LIST_UNSUBSCRIBE_POST_HEADER = 'List-Unsubscribe-Post';
/** RFC 8058: tells the mailbox provider a POST to the List-Unsubscribe URL unsubscribes at once. */
export const ONE_CLICK_UNSUBSCRIBE = 'List-Unsubscribe=One-Click';

const NOTIFICATION_TAG = 'notification-id';
const SES_TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;
const LINE_BREAK = /[\r\n]/;

/**
 * SendEmail input for one email: Simple content (SES builds the MIME message) with our own headers.
 * Throws PermanentEmailError when a header would carry a line break or the unsubscribe link is not http(s).
 */
export function toSendEmailInput(
  email: OutgoingEmail,
  settings: Pick<EmailSettings, 'fromAddress' | 'configurationSetName'>,
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
    Destination: { ToAddresses: [email.to] },
    ConfigurationSetName: settings.configurationSetName,
    // Tags travel into bounce and complaint notifications, linking them back to the notification.
    EmailTags: SES_TAG_VALUE.test(email.notificationId)
      ? [{ Name: NOTIFICATION_TAG, Value: email.notificationId }]
      : undefined,
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
        Headers: headers,
      },
    },
  };
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
