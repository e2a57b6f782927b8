import { EventTypes, type EventDataMap } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { NotifiableEvent, NotifiableEventType } from '../policy/notifiable-event';
import { PortalLinks } from '../templates/portal-links';
import { communityOf } from '../testing/fixtures';
import { digestEntry } from './digest-entry';
import type { ModelFacts } from '../sending/email-models';

function event<T extends NotifiableEventType>(type: T, data: Partial<EventDataMap[T]> = {}): NotifiableEvent {
  const sample = sampleCloudEvent(type);
  return { ...sample, data: { ...sample.data, ...data } } as NotifiableEvent;
}

const community = communityOf;

const facts = (overrides: Partial<ModelFacts> = {}): ModelFacts => ({
  recipientName: 'Jean',
  community: community(),
  nameOf: (userId) => ({ 'user-1': 'Julie Requester', 'user-actor-1': 'Ada Author' })[userId] ?? userId,
  ...overrides,
});

describe('digestEntry', () => {
  const portal = new PortalLinks('https://portal.example.org');

  it('lists a private message by its sender, never its body', () => {
    expect(
      digestEntry(
        'activity.private-message',
        'privateMessages',
        event(EventTypes.MessageCreated),
        facts(),
        portal,
      ),
    ).toEqual({
      category: 'privateMessages',
      item: {
        title: 'Ada Author',
        url: 'https://platform.example.org/messages/1',
        occurredAt: '2025-03-01T09:30:00Z',
      },
    });
  });

  it('lists a new member with a link to the community', () => {
    expect(
      digestEntry(
        'community.member-joined.moderator',
        'communityActivity',
        event(EventTypes.MemberJoined),
        facts(),
        portal,
      ),
    ).toEqual({
      category: 'communityActivity',
      communityName: 'Green buyers',
      item: {
        title: 'Julie Requester',
        url: 'https://portal.example.org/communities/community-1',
        occurredAt: '2025-03-01T09:30:00Z',
      },
    });
  });

  it('lists published content under its community, without an excerpt when confidential', () => {
    const entry = digestEntry(
      'activity.content-published',
      'communityActivity',
      event(EventTypes.PlatformContentPublished),
      facts({ community: community({ confidential: true }) }),
      portal,
    );

    expect(entry).toMatchObject({
      communityName: 'Green buyers',
      item: { actorName: 'Ada Author', excerpt: undefined },
    });
  });
});
