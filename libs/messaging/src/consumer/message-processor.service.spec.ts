import { EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import { TopicNamer } from '../kafka/topic-namer';
import { resolveMessagingOptions } from '../messaging.options';
import { NoopMessagingMetrics } from '../metrics/messaging-metrics';
import type { ParkedRowsGauge } from '../parking/parked-rows.gauge';
import type { ParkedRowsRepository } from '../parking/parked-rows.repository';
import type { DeadLetterPublisher } from '../dead-letters/dead-letter.publisher';
import type { HandlerInvoker } from './handler-invoker';
import { HandlerRegistry } from './handler-registry';
import { MessageProcessor, type InboundMessage } from './message-processor.service';
import { MessageRouter } from './message-router';
import { PayloadValidator } from './payload-validator';
import { ProcessingAbortedError, type ProcessingControl } from './processing-control';

function inbound(type: string = EventTypes.UserUpserted): InboundMessage {
  const record = encodeBinary({ ...sampleCloudEvent(EventTypes.UserUpserted), type }, 'user-1');
  const message = { ...record, key: Buffer.from(record.key), offset: '42', timestamp: '0', attributes: 0 };
  return { topic: Topics.PlatformActivity, partition: 1, groupId: 'dispatcher', message };
}

describe('MessageProcessor', () => {
  let invoker: { invoke: jest.Mock };
  let deadLetters: { publish: jest.Mock };
  let metrics: NoopMessagingMetrics;
  let control: ProcessingControl;
  let processor: MessageProcessor;
  let parked: { parkDeadLetter: jest.Mock };

  function processorWith(maxMessageBytes?: number): MessageProcessor {
    const registry = new HandlerRegistry();
    registry.register(Topics.PlatformActivity, EventTypes.UserUpserted, { name: 'h', handle: jest.fn() });
    registry.ignore(Topics.PlatformActivity, [EventTypes.MessageCreated]);
    const options = resolveMessagingOptions({
      clientId: 'c',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      topicPrefix: 'p.',
      relay: { backoff: { initialMs: 1, maxMs: 2 } },
      maxMessageBytes,
    });
    return new MessageProcessor(
      options,
      new MessageRouter(registry, new PayloadValidator()),
      invoker as unknown as HandlerInvoker,
      deadLetters as unknown as DeadLetterPublisher,
      new TopicNamer('p.'),
      metrics,
      parked as unknown as ParkedRowsRepository,
      { refreshQuietly: jest.fn() } as unknown as ParkedRowsGauge,
    );
  }

  beforeEach(() => {
    invoker = { invoke: jest.fn().mockResolvedValue({ kind: 'handled' }) };
    deadLetters = { publish: jest.fn().mockResolvedValue(undefined) };
    parked = { parkDeadLetter: jest.fn().mockResolvedValue(undefined) };
    metrics = new NoopMessagingMetrics();
    control = { signal: new AbortController().signal, shouldContinue: () => true };
    processor = processorWith();
  });

  it('runs the handler with the Kafka coordinates of the record', async () => {
    await expect(processor.process(inbound(), control)).resolves.toBe('handled');

    expect(invoker.invoke).toHaveBeenCalledWith(
      expect.objectContaining({ type: EventTypes.UserUpserted }),
      expect.objectContaining({ name: 'h' }),
      { topic: Topics.PlatformActivity, partition: 1, offset: '42', key: 'user-1', groupId: 'dispatcher' },
      control,
    );
  });

  it('dead-letters an unknown type to the physical topic with its coordinates', async () => {
    const deadLettered = jest.spyOn(metrics, 'deadLettered');
    const message = inbound('platform.poll.created');

    await expect(processor.process(message, control)).resolves.toBe('dead-lettered');

    expect(deadLetters.publish).toHaveBeenCalledWith(
      message.message,
      expect.objectContaining({
        reason: 'unknown-type',
        topic: 'p.platform.activity.v1',
        partition: 1,
        offset: '42',
        groupId: 'dispatcher',
      }),
    );
    expect(deadLettered).toHaveBeenCalledWith(Topics.PlatformActivity, 'unknown-type');
    expect(invoker.invoke).not.toHaveBeenCalled();
  });

  it('dead-letters an event whose handler kept failing, with the error', async () => {
    invoker.invoke.mockResolvedValue({ kind: 'failed', error: new Error('no template for locale') });

    await expect(processor.process(inbound(), control)).resolves.toBe('dead-lettered');

    expect(deadLetters.publish).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ reason: 'handler-failed', error: 'no template for locale' }),
    );
  });

  it('counts a duplicate and an ignored type without dead-lettering them', async () => {
    invoker.invoke.mockResolvedValue({ kind: 'duplicate' });
    const duplicate = jest.spyOn(metrics, 'duplicate');
    const ignored = jest.spyOn(metrics, 'ignored');

    await expect(processor.process(inbound(), control)).resolves.toBe('duplicate');
    await expect(processor.process(inbound(EventTypes.MessageCreated), control)).resolves.toBe('ignored');

    expect(duplicate).toHaveBeenCalledWith(Topics.PlatformActivity, EventTypes.UserUpserted);
    expect(ignored).toHaveBeenCalledWith(Topics.PlatformActivity, EventTypes.MessageCreated);
    expect(deadLetters.publish).not.toHaveBeenCalled();
  });

  it('keeps retrying a failed dead-letter write rather than reporting an outcome', async () => {
    deadLetters.publish
      .mockRejectedValueOnce(new Error('broker down'))
      .mockRejectedValueOnce(new Error('again'));

    await expect(processor.process(inbound('x.y'), control)).resolves.toBe('dead-lettered');
    expect(deadLetters.publish).toHaveBeenCalledTimes(3);
  });

  it('gives up without an outcome (offset not to be committed) when stopping while the DLQ is down', async () => {
    deadLetters.publish.mockRejectedValue(new Error('broker down'));
    const stopping = { signal: AbortSignal.abort(), shouldContinue: () => false };

    await expect(processor.process(inbound('x.y'), stopping)).rejects.toThrow(ProcessingAbortedError);
  });

  it('parks a dead-letter copy Kafka refuses for good, with the reason, and lets the partition go on', async () => {
    const refused = Object.assign(new Error('Not authorized to access topic'), {
      name: 'KafkaJSProtocolError',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      retriable: false,
    });
    deadLetters.publish.mockRejectedValue(refused);

    await expect(processor.process(inbound('x.y'), control)).resolves.toBe('dead-lettered');

    expect(deadLetters.publish).toHaveBeenCalledTimes(1);
    expect(parked.parkDeadLetter).toHaveBeenCalledWith(
      expect.objectContaining({
        reason: 'rejected',
        error: 'Not authorized to access topic',
        topic: `${Topics.PlatformActivity}.dlq`,
        key: 'user-1',
        attempts: 1,
        headers: expect.objectContaining({ 'dlq-reason': 'unknown-type' }),
      }),
    );
  });

  it('parks a dead-letter copy above the record size limit without sending it', async () => {
    processor = processorWith(1024);
    const message = inbound('x.y');
    message.message.value = Buffer.alloc(2000, 'a');

    await expect(processor.process(message, control)).resolves.toBe('dead-lettered');

    expect(deadLetters.publish).not.toHaveBeenCalled();
    expect(parked.parkDeadLetter).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'too-large', attempts: 0, sizeBytes: expect.any(Number) }),
    );
  });

  it('holds the offset and keeps retrying while the broker is unreachable, parking nothing', async () => {
    const outage = Object.assign(new Error('Connection error: ECONNREFUSED'), {
      name: 'KafkaJSConnectionError',
    });
    deadLetters.publish.mockRejectedValueOnce(outage).mockResolvedValueOnce(undefined);

    await expect(processor.process(inbound('x.y'), control)).resolves.toBe('dead-lettered');

    expect(deadLetters.publish).toHaveBeenCalledTimes(2);
    expect(parked.parkDeadLetter).not.toHaveBeenCalled();
  });
});
