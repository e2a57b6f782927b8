import {
  ALL_EVENT_TYPES,
  ALL_TOPICS,
  COMPACTED_TOPICS,
  deadLetterTopic,
  DEFAULT_PREFERENCES,
  EVENT_CATALOG,
  eventKey,
  EventTypes,
  eventTypesOfTopic,
  isEventType,
  isTopic,
  Topics,
  validatePayload,
} from './index';
import { sampleEventData } from '../test/support/sample-event-data';

describe('event catalog', () => {
  it('defines every event type, each on a known topic', () => {
    expect(Object.keys(EVENT_CATALOG).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const type of ALL_EVENT_TYPES) {
      expect(isTopic(EVENT_CATALOG[type].topic)).toBe(true);
    }
  });

  it('prefixes every event type with the owner of its topic', () => {
    const ownerOf = (topic: string) => topic.split('.')[0];
    for (const type of ALL_EVENT_TYPES) {
      const topic = EVENT_CATALOG[type].topic;
      expect({ type, owner: type.split('.')[0] }).toEqual({ type, owner: ownerOf(topic) });
    }
  });

  it('lists the event types of a topic', () => {
    expect(eventTypesOfTopic(Topics.EmailFeedback)).toEqual([
      EventTypes.EmailBounced,
      EventTypes.EmailComplained,
      EventTypes.EmailStatusReported,
    ]);
    expect(ALL_TOPICS.flatMap(eventTypesOfTopic).sort()).toEqual([...ALL_EVENT_TYPES].sort());
  });

  it('recognises its own event types only', () => {
    expect(isEventType(EventTypes.ReminderDue)).toBe(true);
    expect(isEventType('moderation.reminder.sent')).toBe(false);
  });

  it.each([
    [EventTypes.UserUpserted, 'user-1'],
    [EventTypes.MentionCreated, 'user-1'],
    [EventTypes.CommentCreated, 'content-1'],
    [EventTypes.MessageCreated, 'user-1'],
    [EventTypes.PlatformContentPublished, 'community-1'],
    [EventTypes.MemberJoined, 'community-1'],
    [EventTypes.SubmissionRejected, 'community-1'],
    [EventTypes.PreferenceProfileChanged, 'user-1'],
    [EventTypes.EmailBounced, 'user-1@example.org'],
  ] as const)('keys %s by its aggregate id', (type, key) => {
    expect(eventKey(type, sampleEventData(type))).toBe(key);
  });

  it('refuses to key an event whose key field is empty', () => {
    expect(() =>
      eventKey(EventTypes.MemberLeft, sampleEventData(EventTypes.MemberLeft, { communityId: '' })),
    ).toThrow(/communityId/);
  });
});

describe('topics', () => {
  it('names dead-letter topics after their source topic', () => {
    expect(deadLetterTopic(Topics.CommunityEvents)).toBe('communities.events.v1.dlq');
    expect(deadLetterTopic(`t-abc.${Topics.PlatformActivity}`)).toBe('t-abc.platform.activity.v1.dlq');
  });

  it('compacts only the profile topic', () => {
    expect(COMPACTED_TOPICS).toEqual([Topics.PreferenceProfiles]);
  });
});

describe('default preferences', () => {
  it('are a valid preference set', async () => {
    await expect(
      validatePayload(
        EventTypes.PreferenceProfileChanged,
        sampleEventData(EventTypes.PreferenceProfileChanged, { preferences: { ...DEFAULT_PREFERENCES } }),
      ),
    ).resolves.toMatchObject({ preferences: DEFAULT_PREFERENCES });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(DEFAULT_PREFERENCES)).toBe(true);
  });
});
