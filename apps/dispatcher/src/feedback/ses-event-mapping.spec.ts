import { EventTypes } from '@notify/contracts';
import { feedbackEventsOf, UnreadableSesEventError } from './ses-event-mapping';

const mail = {
  messageId: 'ses-1',
  timestamp: '2026-03-03T10:00:00.000Z',
  destination: ['"Marc Dubois" <marc.dubois@example.org>'],
};
const at = '2026-03-03T10:00:04.000Z';

function mapped(event: object): ReturnType<typeof feedbackEventsOf> {
  return feedbackEventsOf(JSON.stringify({ mail, ...event }));
}

describe('feedbackEventsOf', () => {
  it.each([
    ['Send', {}, 'accepted', mail.timestamp, undefined],
    [
      'Delivery',
      { delivery: { timestamp: at, recipients: ['marc.dubois@example.org'] } },
      'delivered',
      at,
      undefined,
    ],
    [
      'DeliveryDelay',
      {
        deliveryDelay: {
          timestamp: at,
          delayType: 'MailboxFull',
          delayedRecipients: [{ emailAddress: 'marc.dubois@example.org', diagnosticCode: '452 4.2.2 full' }],
        },
      },
      'delayed',
      at,
      'MailboxFull: 452 4.2.2 full',
    ],
    ['Reject', { reject: { reason: 'Bad content' } }, 'rejected', mail.timestamp, 'Bad content'],
    [
      'RenderingFailure',
      { failure: { errorMessage: 'Attribute name is missing', templateName: 't' } },
      'rendering-failed',
      mail.timestamp,
      'Attribute name is missing',
    ],
  ])('maps %s to a status report per recipient', (eventType, detail, status, occurredAt, text) => {
    expect(mapped({ eventType, ...detail }).events).toEqual([
      {
        type: EventTypes.EmailStatusReported,
        data: {
          email: 'marc.dubois@example.org',
          status,
          messageId: 'ses-1',
          occurredAt,
          ...(text === undefined ? {} : { detail: text }),
        },
      },
    ]);
  });

  it.each([
    ['Permanent', 'permanent'],
    ['Transient', 'transient'],
    ['Undetermined', 'transient'],
  ])('maps a %s bounce to a %s bounce of each bounced recipient', (bounceType, expected) => {
    const { events } = mapped({
      eventType: 'Bounce',
      bounce: {
        bounceType,
        timestamp: at,
        bouncedRecipients: [
          { emailAddress: 'a@example.org', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
          { emailAddress: 'b@example.org' },
        ],
      },
    });

    expect(events).toEqual([
      {
        type: EventTypes.EmailBounced,
        data: {
          email: 'a@example.org',
          bounceType: expected,
          messageId: 'ses-1',
          diagnostic: 'smtp; 550 5.1.1 user unknown',
          occurredAt: at,
        },
      },
      {
        type: EventTypes.EmailBounced,
        data: { email: 'b@example.org', bounceType: expected, messageId: 'ses-1', occurredAt: at },
      },
    ]);
  });

  it('maps a complaint, also from the older notificationType field', () => {
    const { events } = mapped({
      notificationType: 'Complaint',
      complaint: { timestamp: at, complainedRecipients: [{ emailAddress: 'c@example.org' }] },
    });

    expect(events).toEqual([
      {
        type: EventTypes.EmailComplained,
        data: { email: 'c@example.org', messageId: 'ses-1', occurredAt: at },
      },
    ]);
  });

  it('leaves event types it does not track without events', () => {
    expect(mapped({ eventType: 'Open', open: {} })).toEqual({ sesType: 'Open', events: undefined });
  });

  it.each([['not json'], ['[1]'], [JSON.stringify({ eventType: 'Delivery', mail: {} })]])(
    'refuses a message that is not an SES event: %s',
    (message) => {
      expect(() => feedbackEventsOf(message)).toThrow(UnreadableSesEventError);
    },
  );
});
