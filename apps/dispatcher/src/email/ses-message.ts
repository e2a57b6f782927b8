import type {
  BulkEmailEntry,
  MessageHeader,
  MessageTag,
  SendBulkEmailCommandInput,
  SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
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

type SenderSettings = Pick<EmailSettings, 'fromAddress' | 'configurationSetName' | 'fromIdentityArn'>;

/**
 * The inline template of a SendBulkEmail call: each part is one substitution, filled per entry with the email as
 * rendered here. SES inserts substituted values as they are, without escaping or evaluating them again.
 */
export const BULK_TEMPLATE = { Subject: '{{subject}}', Html: '{{html}}', Text: '{{text}}' } as const;

/** SES's limit on one entry's replacement data; a larger email goes alone through SendEmail. */
export const MAX_BULK_ENTRY_CHARS = 262_144;

/**
 * SendEmail input for one email: Simple content (SES builds the MIME message) with our own headers.
 * Throws PermanentEmailError when a header would carry a line break or the unsubscribe link is not http(s).
 */
export function toSendEmailInput(email: OutgoingEmail, settings: SenderSettings): SendEmailCommandInput {
  const headers = messageHeaders(email);
  return {
    ...sender(settings),
    Destination: { ToAddresses: [email.to] },
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

/**
 * One email as an entry of a SendBulkEmail call: the same recipient, headers and tags as its SendEmail, its rendered
 * subject and bodies as the entry's replacement data. Throws PermanentEmailError like `toSendEmailInput`; returns
 * undefined when the email is too large for an entry.
 */
export function toBulkEmailEntry(email: OutgoingEmail): BulkEmailEntry | undefined {
  const headers = messageHeaders(email);
  const data = JSON.stringify({ subject: email.subject, html: email.html, text: email.text });
  if (data.length > MAX_BULK_ENTRY_CHARS) {
    return undefined;
  }
  return {
    Destination: { ToAddresses: [email.to] },
    ReplacementHeaders: headers,
    ReplacementTags: emailTags(email),
    ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: data } },
  };
}

/** SendBulkEmail input for entries built by `toBulkEmailEntry`. */
export function toSendBulkEmailInput(
  entries: BulkEmailEntry[],
  settings: SenderSettings,
): SendBulkEmailCommandInput {
  return {
    ...sender(settings),
    DefaultContent: { Template: { TemplateContent: { ...BULK_TEMPLATE }, TemplateData: '{}' } },
    BulkEmailEntries: entries,
  };
}

function sender(settings: SenderSettings) {
  return {
    FromEmailAddress: settings.fromAddress,
    FromEmailAddressIdentityArn: settings.fromIdentityArn,
    ConfigurationSetName: settings.configurationSetName,
  };
}

function messageHeaders(email: OutgoingEmail): MessageHeader[] {
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
  return headers;
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
