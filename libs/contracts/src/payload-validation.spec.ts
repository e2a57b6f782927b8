import {
  AccessRequestApprovedData,
  ALL_EVENT_TYPES,
  CommentCreatedData,
  EVENT_CATALOG,
  EventType,
  EventTypes,
  MessageCreatedData,
  PayloadValidationError,
  UnknownEventTypeError,
  validatePayload,
} from './index';
import { validationRulesOf } from '../test/support/validation-rules';
import { sampleEventData } from '../test/support/sample-event-data';

async function rejection(type: string, data: unknown): Promise<PayloadValidationError> {
  try {
    await validatePayload(type, data);
  } catch (error) {
    if (error instanceof PayloadValidationError) {
      return error;
    }
    throw error;
  }
  throw new Error(`${type} data was accepted`);
}

const requiredFields = (type: EventType): [EventType, string][] =>
  [...validationRulesOf(EVENT_CATALOG[type].payload as new () => object)]
    .filter(([, rule]) => !rule.optional)
    .map(([field]) => [type, field]);

const optionalFields = (type: EventType): [EventType, string][] =>
  [...validationRulesOf(EVENT_CATALOG[type].payload as new () => object)]
    .filter(([, rule]) => rule.optional)
    .map(([field]) => [type, field]);

describe('validatePayload', () => {
  it.each(ALL_EVENT_TYPES)('accepts the sample data of %s as an instance of its class', async (type) => {
    const instance = await validatePayload(type, sampleEventData(type));

    expect(instance).toBeInstanceOf(EVENT_CATALOG[type].payload);
    expect(JSON.parse(JSON.stringify(instance))).toEqual(sampleEventData(type));
  });

  it.each(ALL_EVENT_TYPES.flatMap(requiredFields))(
    'rejects %s without %s and names the field',
    async (type, field) => {
      const { [field]: _removed, ...data } = sampleEventData(type) as unknown as Record<string, unknown>;

      const error = await rejection(type, data);

      expect(error.fields).toEqual([field]);
      expect(error.message).toContain(`${field} is required`);
      expect(error.eventType).toBe(type);
    },
  );

  it.each(ALL_EVENT_TYPES.flatMap(optionalFields))(
    'accepts %s without the optional %s',
    async (type, field) => {
      const { [field]: _removed, ...data } = sampleEventData(type) as unknown as Record<string, unknown>;

      await expect(validatePayload(type, data)).resolves.not.toHaveProperty(field);
    },
  );

  it('reads a null optional field as absent', async () => {
    const instance = await validatePayload(
      EventTypes.MentionCreated,
      sampleEventData(EventTypes.MentionCreated, { excerpt: null as unknown as string }),
    );

    expect(instance.excerpt).toBeUndefined();
  });

  it('tolerates and drops fields it does not know, at any depth', async () => {
    const data = {
      ...sampleEventData(EventTypes.MentionCreated),
      priority: 'high',
      actor: { userId: 'user-actor-1', displayName: 'Ada Author', avatarUrl: 'https://x.example.org/a.png' },
    };

    const instance = await validatePayload(EventTypes.MentionCreated, data);

    expect(instance).not.toHaveProperty('priority');
    expect(instance.actor).toEqual({ userId: 'user-actor-1', displayName: 'Ada Author' });
  });

  it('never lets a private message body through', async () => {
    const instance = await validatePayload(EventTypes.MessageCreated, {
      ...sampleEventData(EventTypes.MessageCreated),
      body: 'the private text',
    });

    expect(instance).toBeInstanceOf(MessageCreatedData);
    expect(JSON.stringify(instance)).not.toContain('the private text');
  });

  it('names nested fields by their dotted path', async () => {
    const community = sampleEventData(EventTypes.CommunityCreated);
    const error = await rejection(EventTypes.CommunityCreated, {
      ...community,
      moderators: [
        community.moderators[0],
        { userId: 'user-2', displayName: 'Bo', contactEmail: 'bo-at-example' },
      ],
    });
    const mention = await rejection(EventTypes.MentionCreated, {
      ...sampleEventData(EventTypes.MentionCreated),
      actor: { displayName: 'Ada' },
    });

    expect(error.fields).toEqual(['moderators.1.contactEmail']);
    expect(error.violations[0].problems).toEqual(['contactEmail must be an email address']);
    expect(mention.fields).toEqual(['actor.userId']);
  });

  it('rejects a nested object given as a string', async () => {
    const error = await rejection(EventTypes.MessageCreated, {
      ...sampleEventData(EventTypes.MessageCreated),
      sender: 'user-actor-1',
    });

    expect(error.fields).toEqual(['sender']);
  });

  it.each([
    ['locale', EventTypes.UserUpserted, { locale: 'en_GB' }],
    ['time zone', EventTypes.UserUpserted, { timeZone: 'Central European Time' }],
    ['email', EventTypes.UserUpserted, { email: 'user-1.example.org' }],
    ['url scheme', EventTypes.MessageCreated, { url: 'javascript:alert(1)' }],
    ['relative url', EventTypes.PlatformContentPublished, { url: '/c/1' }],
    ['blank title', EventTypes.SubmissionReceived, { title: '   ' }],
    ['oversized title', EventTypes.SubmissionReceived, { title: 't'.repeat(301) }],
    ['oversized excerpt', EventTypes.SubmissionReceived, { excerpt: 'e'.repeat(2001) }],
    ['oversized id', EventTypes.MemberJoined, { userId: 'u'.repeat(201) }],
    ['date without offset', EventTypes.AccessRequested, { requestedAt: '2025-03-01T09:30:00' }],
    ['unknown visibility', EventTypes.CommunityCreated, { visibility: 'secret' }],
    ['string boolean', EventTypes.CommunityCreated, { moderated: 'true' }],
    ['fractional revision', EventTypes.PreferenceProfileChanged, { revision: 1.5 }],
    ['unknown bounce type', EventTypes.EmailBounced, { bounceType: 'soft' }],
  ] as const)('rejects a bad %s', async (_label, type, overrides) => {
    const error = await rejection(type, { ...sampleEventData(type), ...overrides });

    expect(error.fields).toEqual(Object.keys(overrides));
  });

  it('accepts http URLs on hosts without a top-level domain', async () => {
    await expect(
      validatePayload(EventTypes.MessageCreated, {
        ...sampleEventData(EventTypes.MessageCreated),
        url: 'http://localhost:3000/messages/1',
      }),
    ).resolves.toBeInstanceOf(MessageCreatedData);
  });

  it('requires a reason for rejections but not for approvals', async () => {
    const { reason: _reason, ...approval } = sampleEventData(EventTypes.AccessRequestRejected);

    await expect(validatePayload(EventTypes.AccessRequestApproved, approval)).resolves.toBeInstanceOf(
      AccessRequestApprovedData,
    );
    await expect(rejection(EventTypes.AccessRequestRejected, approval)).resolves.toMatchObject({
      fields: ['reason'],
    });
    await expect(
      rejection(EventTypes.SubmissionRejected, {
        ...sampleEventData(EventTypes.SubmissionRejected),
        reason: '',
      }),
    ).resolves.toMatchObject({ fields: ['reason'] });
  });

  it('does not let community activity be switched off', async () => {
    const profile = sampleEventData(EventTypes.PreferenceProfileChanged);
    const error = await rejection(EventTypes.PreferenceProfileChanged, {
      ...profile,
      preferences: { ...profile.preferences, mentions: 'never', communityActivity: 'never' },
    });

    expect(error.fields).toEqual(['preferences.communityActivity']);
  });

  it('counts a repeated comment recipient once and needs at least one', async () => {
    const comment = sampleEventData(EventTypes.CommentCreated);

    const instance = await validatePayload(EventTypes.CommentCreated, {
      ...comment,
      recipientUserIds: ['user-1', 'user-2', 'user-1'],
    });

    expect(instance).toBeInstanceOf(CommentCreatedData);
    expect(instance.recipientUserIds).toEqual(['user-1', 'user-2']);
    await expect(
      rejection(EventTypes.CommentCreated, { ...comment, recipientUserIds: [] }),
    ).resolves.toMatchObject({
      fields: ['recipientUserIds'],
    });
    await expect(
      rejection(EventTypes.CommentCreated, { ...comment, recipientUserIds: ['user-1', 42] }),
    ).resolves.toMatchObject({ fields: ['recipientUserIds'] });
  });

  it('rejects a NUL character, which PostgreSQL cannot store, in ids and text', async () => {
    const comment = sampleEventData(EventTypes.CommentCreated);

    await expect(
      rejection(EventTypes.CommentCreated, { ...comment, recipientUserIds: ['user-1', 'user\u00002'] }),
    ).resolves.toMatchObject({ fields: ['recipientUserIds'] });
    await expect(
      rejection(EventTypes.CommentCreated, { ...comment, commentId: 'comment\u0000', excerpt: 'Hi\u0000' }),
    ).resolves.toMatchObject({ fields: ['commentId', 'excerpt'] });
  });

  it.each([null, [], 'text', 42])('rejects data that is not an object (%p)', async (data) => {
    const error = await rejection(EventTypes.MemberLeft, data);

    expect(error.fields).toEqual([]);
    expect(error.message).toMatch(/data must be a JSON object/);
  });

  it('rejects an event type outside the contract', async () => {
    await expect(validatePayload('platform.poll.created', {})).rejects.toThrow(UnknownEventTypeError);
    await expect(validatePayload('platform.poll.created', {})).rejects.toMatchObject({
      eventType: 'platform.poll.created',
    });
  });
});
