import { EventTypes, PayloadValidationError, Topics } from '@notify/contracts';
import { sampleEventData } from '@notify/testing';
import { TraceContext } from '@notify/observability';
import type { EntityManager } from 'typeorm';
import { resolveMessagingOptions } from '../messaging.options';
import type { OutboxRepository } from './outbox.repository';
import { HttpStatus } from '@nestjs/common';
import { OutboxEventTooLargeError } from './outbox-event-too-large.error';
import { OutboxTopicMismatchError, OutboxWriter } from './outbox.writer';

describe('OutboxWriter', () => {
  const manager = {} as EntityManager;
  let repository: { insert: jest.Mock };
  let writer: OutboxWriter;

  beforeEach(() => {
    repository = { insert: jest.fn().mockResolvedValue(undefined) };
    const options = resolveMessagingOptions({
      clientId: 'communities',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:notify:communities',
    });
    writer = new OutboxWriter(options, repository as unknown as OutboxRepository);
  });

  it('stores a binary-mode CloudEvent keyed by the aggregate, on the catalog topic, in the given transaction', async () => {
    const data = sampleEventData(EventTypes.MemberJoined, { communityId: 'community-9' });

    const event = await writer.publish(manager, { type: EventTypes.MemberJoined, data });

    expect(event).toMatchObject({
      specversion: '1.0',
      source: 'urn:notify:communities',
      type: EventTypes.MemberJoined,
    });
    expect(repository.insert).toHaveBeenCalledWith(manager, {
      topic: Topics.CommunityEvents,
      messageKey: 'community-9',
      eventType: EventTypes.MemberJoined,
      eventId: event.id,
      payload: data,
      headers: expect.objectContaining({
        ce_id: event.id,
        ce_type: EventTypes.MemberJoined,
        ce_source: 'urn:notify:communities',
        'content-type': 'application/json',
        traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
      }),
    });
  });

  it('continues the current trace', async () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

    const event = await TraceContext.run(parent, () =>
      writer.publish(manager, { type: EventTypes.MemberLeft, data: sampleEventData(EventTypes.MemberLeft) }),
    );

    expect(event.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
  });

  it('refuses invalid data before anything is stored', async () => {
    const data = { ...sampleEventData(EventTypes.MemberJoined), joinedVia: 'teleport' } as never;

    await expect(writer.publish(manager, { type: EventTypes.MemberJoined, data })).rejects.toThrow(
      PayloadValidationError,
    );
    expect(repository.insert).not.toHaveBeenCalled();
  });

  it('refuses a topic that is not the type’s topic', async () => {
    const outbound = {
      type: EventTypes.MemberJoined,
      topic: Topics.ModerationEvents,
      data: sampleEventData(EventTypes.MemberJoined),
    };

    await expect(writer.publish(manager, outbound)).rejects.toThrow(OutboxTopicMismatchError);
  });

  it('uses an explicit key when given', async () => {
    const data = sampleEventData(EventTypes.MemberJoined);

    await writer.publish(manager, { type: EventTypes.MemberJoined, data, key: 'explicit' });

    expect(repository.insert).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ messageKey: 'explicit' }),
    );
  });

  it('refuses an event above the record size limit as HTTP 413 naming its largest field, storing nothing', async () => {
    const options = resolveMessagingOptions({
      clientId: 'communities',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:notify:communities',
      maxMessageBytes: 1024,
    });
    const small = new OutboxWriter(options, repository as unknown as OutboxRepository);
    const data = sampleEventData(EventTypes.SubmissionReceived, { excerpt: 'x'.repeat(1900) });

    const refusal = small.publish(manager, { type: EventTypes.SubmissionReceived, data });

    await expect(refusal).rejects.toThrow(OutboxEventTooLargeError);
    const error = (await refusal.catch((caught: unknown) => caught)) as OutboxEventTooLargeError;
    expect(error.getStatus()).toBe(HttpStatus.PAYLOAD_TOO_LARGE);
    expect(error.getResponse()).toMatchObject({
      statusCode: 413,
      field: 'data.excerpt',
      message: expect.stringMatching(
        /above the 1024-byte limit of a Kafka record; its largest field is data\.excerpt/,
      ),
    });
    expect(repository.insert).not.toHaveBeenCalled();
  });
});
