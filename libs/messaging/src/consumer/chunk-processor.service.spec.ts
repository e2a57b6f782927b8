import { EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import { TopicNamer } from '../kafka/topic-namer';
import { resolveMessagingOptions } from '../messaging.options';
import { NoopMessagingMetrics } from '../metrics/messaging-metrics';
import type { ChunkTransaction, ChunkItem } from './chunk-transaction';
import { ChunkProcessor } from './chunk-processor.service';
import type { ParkedRowsGauge } from '../parking/parked-rows.gauge';
import type { ParkedRowsRepository } from '../parking/parked-rows.repository';
import type { DeadLetterPublisher } from '../dead-letters/dead-letter.publisher';
import type { HandlerInvoker } from './handler-invoker';
import { HandlerRegistry } from './handler-registry';
import { MessageProcessor, type InboundMessage } from './message-processor.service';
import { MessageRouter } from './message-router';
import { PayloadValidator } from './payload-validator';
import { ProcessingAbortedError, type ProcessingControl } from './processing-control';

function inbound(offset: number, type: string = EventTypes.UserUpserted, partition = 2): InboundMessage {
  const record = encodeBinary(
    { ...sampleCloudEvent(EventTypes.UserUpserted, { id: `e${offset}` }), type },
    'k',
  );
  const message = {
    ...record,
    key: Buffer.from(record.key),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
  };
  return { topic: Topics.PlatformActivity, partition, groupId: 'g', message };
}

describe('ChunkProcessor', () => {
  let transaction: { run: jest.Mock };
  let invoker: { invoke: jest.Mock };
  let deadLetters: { publish: jest.Mock };
  let metrics: NoopMessagingMetrics;
  let control: ProcessingControl;
  let durable: jest.Mock;
  let processor: ChunkProcessor;

  beforeEach(() => {
    const registry = new HandlerRegistry();
    registry.register(Topics.PlatformActivity, EventTypes.UserUpserted, { name: 'h', handle: jest.fn() });
    registry.ignore(Topics.PlatformActivity, [EventTypes.MessageCreated]);
    const router = new MessageRouter(registry, new PayloadValidator());
    transaction = {
      run: jest.fn((items: ChunkItem[]) => Promise.resolve(items.map(() => 'handled'))),
    };
    invoker = { invoke: jest.fn().mockResolvedValue({ kind: 'handled' }) };
    deadLetters = { publish: jest.fn().mockResolvedValue(undefined) };
    metrics = new NoopMessagingMetrics();
    control = { signal: new AbortController().signal, shouldContinue: () => true };
    durable = jest.fn();
    const options = resolveMessagingOptions({
      clientId: 'c',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      relay: { backoff: { initialMs: 1, maxMs: 2 } },
      consumer: { chunkSize: 5 },
    });
    const records = new MessageProcessor(
      options,
      router,
      invoker as unknown as HandlerInvoker,
      deadLetters as unknown as DeadLetterPublisher,
      new TopicNamer(''),
      metrics,
      { parkDeadLetter: jest.fn() } as unknown as ParkedRowsRepository,
      { refreshQuietly: jest.fn() } as unknown as ParkedRowsGauge,
    );
    processor = new ChunkProcessor(
      options,
      router,
      transaction as unknown as ChunkTransaction,
      records,
      metrics,
    );
  });

  const offsetsOf = (mock: jest.Mock): string[] =>
    mock.mock.calls.map(([record]: [InboundMessage]) => record.message.offset);

  it('handles the chunk in one transaction and settles ignored and invalid records on their own', async () => {
    const consumed = jest.spyOn(metrics, 'consumed');
    const records = [
      inbound(10),
      inbound(11, EventTypes.MessageCreated),
      inbound(12, 'x.unknown'),
      inbound(13),
    ];

    await processor.process(records, control, durable);

    expect(transaction.run).toHaveBeenCalledTimes(1);
    const [items] = transaction.run.mock.calls[0] as [ChunkItem[]];
    expect(items.map((item) => [item.event.id, item.context])).toEqual([
      [
        'e10',
        { topic: Topics.PlatformActivity, partition: 2, offset: '10', key: 'k', groupId: 'g', attempt: 1 },
      ],
      [
        'e13',
        { topic: Topics.PlatformActivity, partition: 2, offset: '13', key: 'k', groupId: 'g', attempt: 1 },
      ],
    ]);
    expect(invoker.invoke).not.toHaveBeenCalled();
    expect(deadLetters.publish).toHaveBeenCalledWith(
      records[2].message,
      expect.objectContaining({ reason: 'unknown-type' }),
    );
    expect(offsetsOf(durable)).toEqual(['10', '11', '12', '13']);
    expect(consumed).toHaveBeenCalledTimes(4);
  });

  it('counts the duplicates the chunk transaction found', async () => {
    transaction.run.mockResolvedValue(['handled', 'duplicate']);
    const duplicate = jest.spyOn(metrics, 'duplicate');

    await processor.process([inbound(1), inbound(2)], control, durable);

    expect(duplicate).toHaveBeenCalledTimes(1);
    expect(offsetsOf(durable)).toEqual(['1', '2']);
  });

  it('falls back to one transaction per record when the chunk fails, dead-lettering only the bad record', async () => {
    transaction.run.mockRejectedValue(new Error('violates check constraint'));
    invoker.invoke.mockImplementation((event: { id: string }) =>
      Promise.resolve(
        event.id === 'e2' ? { kind: 'failed', error: new Error('bad record') } : { kind: 'handled' },
      ),
    );

    await processor.process([inbound(1), inbound(2), inbound(3)], control, durable);

    expect(invoker.invoke.mock.calls.map(([event]: [{ id: string }]) => event.id)).toEqual([
      'e1',
      'e2',
      'e3',
    ]);
    expect(deadLetters.publish).toHaveBeenCalledTimes(1);
    expect(deadLetters.publish).toHaveBeenCalledWith(
      expect.objectContaining({ offset: '2' }),
      expect.objectContaining({ reason: 'handler-failed', error: 'bad record' }),
    );
    expect(offsetsOf(durable)).toEqual(['1', '2', '3']);
  });

  it('stops the one-by-one fallback when the partition must be let go', async () => {
    transaction.run.mockRejectedValue(new Error('deadlock detected'));
    let remaining = 1;
    const stopping = { signal: control.signal, shouldContinue: () => remaining-- > 0 };

    await processor.process([inbound(1), inbound(2), inbound(3)], stopping, durable);

    expect(offsetsOf(durable)).toEqual(['1']);
  });

  it('resolves no record past a dead letter it could not write before stopping', async () => {
    deadLetters.publish.mockRejectedValue(new Error('broker down'));
    const stopping = { signal: AbortSignal.abort(), shouldContinue: () => false };

    await expect(
      processor.process([inbound(1), inbound(2, 'x.unknown'), inbound(3)], stopping, durable),
    ).rejects.toThrow(ProcessingAbortedError);

    expect(transaction.run).toHaveBeenCalledTimes(1);
    expect(offsetsOf(durable)).toEqual(['1']);
  });

  it('opens no transaction for a chunk with nothing to handle', async () => {
    await processor.process([inbound(1, EventTypes.MessageCreated)], control, durable);

    expect(transaction.run).not.toHaveBeenCalled();
    expect(offsetsOf(durable)).toEqual(['1']);
  });

  describe('chunks of several partitions', () => {
    const idsOf = (call: unknown[]): string[] => (call[0] as ChunkItem[]).map((item) => item.event.id);
    /** Each partition's own durable callback, recording the offsets it was given. */
    const durables = () => [jest.fn(), jest.fn(), jest.fn(), jest.fn()];

    it('share the next transaction when they arrive while one runs, up to the chunk size', async () => {
      const [a, b, c, d] = durables();

      await Promise.all([
        processor.process([inbound(1, undefined, 0)], control, a),
        processor.process([inbound(2, undefined, 1), inbound(3, undefined, 1)], control, b),
        processor.process([inbound(4, undefined, 3), inbound(5, undefined, 3)], control, c),
        processor.process([inbound(6, undefined, 4), inbound(7, undefined, 4)], control, d),
      ]);

      // The first runs at once; the next two wait for it and share one; the fourth would pass the chunk size of 5.
      expect(transaction.run.mock.calls.map(idsOf)).toEqual([['e1'], ['e2', 'e3', 'e4', 'e5'], ['e6', 'e7']]);
      expect([a, b, c, d].map(offsetsOf)).toEqual([['1'], ['2', '3'], ['4', '5'], ['6', '7']]);
    });

    it('are tried alone when the shared transaction fails, then record by record', async () => {
      transaction.run.mockImplementation((items: ChunkItem[]) => {
        const ids = items.map((item) => item.event.id);
        // The shared one fails, and so does the chunk holding e3 on its own.
        return ids.length === 3 || (ids.includes('e3') && ids.length === 1)
          ? Promise.reject(new Error('violates check constraint'))
          : Promise.resolve(items.map(() => 'handled'));
      });
      const [a, b, c] = durables();

      await Promise.all([
        processor.process([inbound(1, undefined, 0)], control, a),
        processor.process([inbound(2, undefined, 1), inbound(4, undefined, 1)], control, b),
        processor.process([inbound(3, undefined, 3)], control, c),
      ]);

      expect(transaction.run.mock.calls.map(idsOf)).toEqual([
        ['e1'],
        ['e2', 'e4', 'e3'],
        ['e2', 'e4'],
        ['e3'],
      ]);
      expect(invoker.invoke.mock.calls.map(([event]: [{ id: string }]) => event.id)).toEqual(['e3']);
      expect([a, b, c].map(offsetsOf)).toEqual([['1'], ['2', '4'], ['3']]);
    });
  });
});
