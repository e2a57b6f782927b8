import { EventTypes, type EventDataMap } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { NotifiableEvent, NotifiableEventType } from '../policy/notifiable-event';
import { PortalLinks } from '../templates/portal-links';
import type { TemplateId } from '../templates/template-id';
import { communityOf } from '../testing/fixtures';
import { alertSummaryEntry } from './alert-summary-entry';
import type { ModelFacts } from '../sending/email-models';

function event<T extends NotifiableEventType>(type: T, data: Partial<EventDataMap[T]> = {}): NotifiableEvent {
  const sample = sampleCloudEvent(type);
  return { ...sample, data: { ...sample.data, ...data } } as NotifiableEvent;
}

const facts: ModelFacts = {
  recipientName: 'Marta',
  community: communityOf({ name: 'Green buyers' }),
  nameOf: (userId) => ({ 'user-1': 'Julie Requester' })[userId] ?? userId,
};
const portal = new PortalLinks('https://portal.example.org');

describe('alertSummaryEntry', () => {
  it.each<[string, TemplateId, NotifiableEvent, object]>([
    [
      'an access request by who asks',
      'access-request.moderator',
      event(EventTypes.AccessRequested),
      {
        alertKind: 'access-request',
        title: 'Julie Requester',
        url: 'https://portal.example.org/moderation/access-requests/access-request-1',
      },
    ],
    [
      'a submission by its title',
      'submission.moderator',
      event(EventTypes.SubmissionReceived, { title: 'Tender guide' }),
      {
        alertKind: 'submission',
        title: 'Tender guide',
        url: 'https://portal.example.org/moderation/submissions/submission-1',
      },
    ],
    [
      'a reminder by whose request it is about',
      'moderation.reminder',
      event(EventTypes.ReminderDue, { itemKind: 'submission', itemId: 'submission-9' }),
      {
        alertKind: 'reminder',
        title: 'Julie Requester',
        url: 'https://portal.example.org/moderation/submissions/submission-9',
      },
    ],
  ])('lists %s, with its community and a link to decide', (_name, template, alert, expected) => {
    expect(alertSummaryEntry(template, alert, facts, portal)).toEqual({
      ...expected,
      communityName: 'Green buyers',
      occurredAt: alert.time,
    });
  });

  it('refuses an email that is not an alert', () => {
    expect(() =>
      alertSummaryEntry('access-request.acknowledgement', event(EventTypes.AccessRequested), facts, portal),
    ).toThrow(/cannot be built/);
  });
});
