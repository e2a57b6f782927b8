import { EventTypes, type EmailStatus, type EventDataMap } from '@notify/contracts';

type FeedbackType =
  typeof EventTypes.EmailBounced | typeof EventTypes.EmailComplained | typeof EventTypes.EmailStatusReported;

/** One feedback event for one recipient, to be written through the outbox. */
export type FeedbackEvent = { [T in FeedbackType]: { type: T; data: EventDataMap[T] } }[FeedbackType];

/** The SES event notification carried in an SNS message (event publishing, or identity notifications). */
interface SesEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; timestamp?: string; destination?: string[] };
  bounce?: {
    bounceType?: string;
    timestamp?: string;
    bouncedRecipients?: { emailAddress?: string; diagnosticCode?: string }[];
  };
  complaint?: { timestamp?: string; complainedRecipients?: { emailAddress?: string }[] };
  delivery?: { timestamp?: string; recipients?: string[] };
  deliveryDelay?: {
    timestamp?: string;
    delayType?: string;
    delayedRecipients?: { emailAddress?: string; diagnosticCode?: string }[];
  };
  reject?: { reason?: string };
  failure?: { errorMessage?: string; templateName?: string };
}

export class UnreadableSesEventError extends Error {}

/**
 * The feedback events of one SES event, one per recipient; `undefined` for event types the dispatcher does not
 * track (Open, Click, Subscription). Throws UnreadableSesEventError when the message is not an SES event.
 */
export function feedbackEventsOf(message: string): { sesType: string; events: FeedbackEvent[] | undefined } {
  const event = parse(message);
  const sesType = event.eventType ?? event.notificationType ?? '';
  const messageId = event.mail?.messageId;
  if (!messageId) {
    throw new UnreadableSesEventError('the SES event names no mail.messageId');
  }
  const sentAt = event.mail?.timestamp ?? new Date().toISOString();
  const status = (
    email: string | undefined,
    value: EmailStatus,
    occurredAt: string,
    detail?: string,
  ): FeedbackEvent => ({
    type: EventTypes.EmailStatusReported,
    data: withoutUndefined({
      email: bare(email),
      status: value,
      messageId,
      occurredAt,
      detail: text(detail),
    }),
  });

  switch (sesType) {
    case 'Send':
      return {
        sesType,
        events: recipients(event.mail?.destination).map((to) => status(to, 'accepted', sentAt)),
      };
    case 'Delivery':
      return {
        sesType,
        events: recipients(event.delivery?.recipients).map((to) =>
          status(to, 'delivered', event.delivery?.timestamp ?? sentAt),
        ),
      };
    case 'DeliveryDelay':
      return {
        sesType,
        events: (event.deliveryDelay?.delayedRecipients ?? []).map((recipient) =>
          status(
            recipient.emailAddress,
            'delayed',
            event.deliveryDelay?.timestamp ?? sentAt,
            [event.deliveryDelay?.delayType, recipient.diagnosticCode].filter(Boolean).join(': '),
          ),
        ),
      };
    case 'Reject':
      return {
        sesType,
        events: recipients(event.mail?.destination).map((to) =>
          status(to, 'rejected', sentAt, event.reject?.reason),
        ),
      };
    case 'RenderingFailure':
      return {
        sesType,
        events: recipients(event.mail?.destination).map((to) =>
          status(to, 'rendering-failed', sentAt, event.failure?.errorMessage),
        ),
      };
    case 'Bounce':
      return {
        sesType,
        events: (event.bounce?.bouncedRecipients ?? []).map((recipient) => ({
          type: EventTypes.EmailBounced,
          data: withoutUndefined({
            email: bare(recipient.emailAddress),
            // Undetermined bounces are treated like transient ones: the address stays usable.
            bounceType: event.bounce?.bounceType === 'Permanent' ? 'permanent' : 'transient',
            messageId,
            diagnostic: text(recipient.diagnosticCode),
            occurredAt: event.bounce?.timestamp ?? sentAt,
          }),
        })),
      };
    case 'Complaint':
      return {
        sesType,
        events: (event.complaint?.complainedRecipients ?? []).map((recipient) => ({
          type: EventTypes.EmailComplained,
          data: {
            email: bare(recipient.emailAddress),
            messageId,
            occurredAt: event.complaint?.timestamp ?? sentAt,
          },
        })),
      };
    default:
      return { sesType, events: undefined };
  }
}

function parse(message: string): SesEvent {
  try {
    const value = JSON.parse(message) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value;
    }
  } catch {
    // Reported below as unreadable.
  }
  throw new UnreadableSesEventError('the SNS message does not carry an SES event');
}

function recipients(list: string[] | undefined): string[] {
  return Array.isArray(list) ? list : [];
}

/** `"Name" <a@b.example>` → `a@b.example`. */
function bare(address: string | undefined): string {
  const value = address ?? '';
  return /<([^>]+)>\s*$/.exec(value)?.[1] ?? value.trim();
}

/** Provider text, trimmed to what the contract carries; empty text is left out. */
function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim().slice(0, 2000);
  return trimmed ? trimmed : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  const copy = { ...value };
  for (const key of Object.keys(copy) as (keyof T)[]) {
    if (copy[key] === undefined) {
      delete copy[key];
    }
  }
  return copy;
}
