import { EventTypes, Topics, encodeBinary, type CloudEvent, type ConsumedRecord } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from '@notify/testing';
import { HandlerConflictError, HandlerRegistry } from './handler-registry';
import { MessageRouter } from './message-router';
import { PayloadValidator } from './payload-validator';

const topic = Topics.PlatformActivity;
const handler = { name: 'Users.onUpserted', handle: jest.fn() };

function record(overrides: Partial<CloudEvent<object>> = {}, type: string = EventTypes.UserUpserted) {
  const event = { ...sampleCloudEvent(EventTypes.UserUpserted), ...overrides, type };
  return encodeBinary(event, 'user-1');
}

describe('MessageRouter', () => {
  let router: MessageRouter;

  beforeEach(() => {
    const registry = new HandlerRegistry();
    registry.register(topic, EventTypes.UserUpserted, handler);
    registry.ignore(topic, [EventTypes.MessageCreated]);
    router = new MessageRouter(registry, new PayloadValidator());
  });

  it('hands a valid event of a handled type to its handler, with validated data', async () => {
    const decision = await router.route(topic, record());

    expect(decision).toMatchObject({ kind: 'handle', handler, event: { type: EventTypes.UserUpserted } });
    expect(decision.kind === 'handle' && decision.event.data).toEqual(
      sampleEventData(EventTypes.UserUpserted),
    );
  });

  it('recognises a null value on a compacted topic as a tombstone, and only there', async () => {
    await expect(router.route(Topics.PreferenceProfiles, { value: null })).resolves.toEqual({
      kind: 'tombstone',
    });
    await expect(router.route(topic, { value: null })).resolves.toMatchObject({
      kind: 'dead-letter',
      reason: 'invalid-envelope',
    });
  });

  it('dead-letters a record that is not a CloudEvent as invalid-envelope', async () => {
    const malformed: ConsumedRecord = { value: Buffer.from('{not json'), headers: record().headers };

    await expect(router.route(topic, malformed)).resolves.toMatchObject({
      kind: 'dead-letter',
      reason: 'invalid-envelope',
      error: expect.stringContaining('JSON'),
    });
    await expect(router.route(topic, { value: Buffer.from('{}'), headers: {} })).resolves.toMatchObject({
      reason: 'invalid-envelope',
    });
  });

  it('dead-letters a type outside the contract as unknown-type', async () => {
    await expect(router.route(topic, record({}, 'platform.poll.created'))).resolves.toMatchObject({
      kind: 'dead-letter',
      reason: 'unknown-type',
      error: 'unknown event type platform.poll.created',
    });
  });

  it('dead-letters a known type nobody handles as no-handler', async () => {
    const comment = encodeBinary(sampleCloudEvent(EventTypes.CommentCreated), 'content-1');

    await expect(router.route(topic, comment)).resolves.toMatchObject({
      kind: 'dead-letter',
      reason: 'no-handler',
    });
  });

  it('skips an ignored type without validating it', async () => {
    const message = encodeBinary(
      sampleCloudEvent(EventTypes.MessageCreated, { data: { broken: true } as never }),
      'k',
    );

    await expect(router.route(topic, message)).resolves.toMatchObject({ kind: 'ignore' });
  });

  it('dead-letters a handled type whose data breaks the contract as invalid-payload, naming the field', async () => {
    const data = { ...sampleEventData(EventTypes.UserUpserted), email: 'not-an-address' };

    await expect(router.route(topic, record({ data }))).resolves.toMatchObject({
      kind: 'dead-letter',
      reason: 'invalid-payload',
      error: expect.stringContaining('email'),
    });
  });

  it('routes per topic: the same type on another topic has no handler', async () => {
    await expect(router.route(Topics.CommunityEvents, record())).resolves.toMatchObject({
      reason: 'no-handler',
    });
  });
});

describe('HandlerRegistry', () => {
  it('refuses two handlers for one type on one topic', () => {
    const registry = new HandlerRegistry();
    registry.register(topic, EventTypes.UserUpserted, handler);

    expect(() => registry.register(topic, EventTypes.UserUpserted, { ...handler, name: 'Other.on' })).toThrow(
      HandlerConflictError,
    );
  });

  it('refuses a type that is both ignored and handled, whichever comes first', () => {
    const registry = new HandlerRegistry();
    registry.ignore(topic, [EventTypes.MentionCreated]);
    registry.register(topic, EventTypes.UserUpserted, handler);

    expect(() => registry.register(topic, EventTypes.MentionCreated, handler)).toThrow(HandlerConflictError);
    expect(() => registry.ignore(topic, [EventTypes.UserUpserted])).toThrow(HandlerConflictError);
  });

  it('lists topics with handlers or ignore lists', () => {
    const registry = new HandlerRegistry();
    registry.register(topic, EventTypes.UserUpserted, handler);
    registry.ignore(Topics.EmailFeedback, [EventTypes.EmailComplained]);

    expect(registry.topics().sort()).toEqual([Topics.EmailFeedback, Topics.PlatformActivity].sort());
  });
});
