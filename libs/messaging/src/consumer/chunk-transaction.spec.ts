import { EventTypes } from '@notify/contracts';
import { recordingDataSource, sampleCloudEvent, type TransactionRecord } from '@notify/testing';
import type { EntityManager } from 'typeorm';
import { inboxKey, type InboxRepository } from '../inbox/inbox.repository';
import { resolveMessagingOptions } from '../messaging.options';
import { ChunkTransaction, type ChunkItem } from './chunk-transaction';
import type { MessageContext } from './handler-context';
import { HandlerDeadlineError } from './handler-deadline';

const HANDLER_TIMEOUT_MS = 250;

function item(id: string, handle: jest.Mock): ChunkItem {
  const event = sampleCloudEvent(EventTypes.UserUpserted, { id });
  return {
    event,
    handler: { name: 'h', handle },
    context: { topic: 'platform.activity.v1', partition: 0, offset: id, key: null, groupId: 'g', attempt: 1 },
  };
}

describe('ChunkTransaction', () => {
  const tx = {} as EntityManager;
  let record: TransactionRecord;
  let inbox: { claimMany: jest.Mock };
  let transaction: ChunkTransaction;

  beforeEach(() => {
    const recording = recordingDataSource(tx);
    record = recording.record;
    inbox = { claimMany: jest.fn() };
    const options = resolveMessagingOptions({
      clientId: 'c',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      consumer: { handlerTimeoutMs: HANDLER_TIMEOUT_MS },
    });
    transaction = new ChunkTransaction(options, recording.dataSource, inbox as unknown as InboxRepository);
  });

  it('claims every event with one inbox call and runs the new ones in order, in the same transaction', async () => {
    const calls: string[] = [];
    const handle = jest.fn((event: { id: string }, manager: EntityManager) => {
      expect(manager).toBe(tx);
      calls.push(event.id);
      return Promise.resolve();
    });
    const items = [item('a', handle), item('b', handle), item('c', handle)];
    inbox.claimMany.mockResolvedValue(
      new Set(['a', 'c'].map((eventId) => inboxKey({ source: items[0].event.source, eventId }))),
    );

    await expect(transaction.run(items)).resolves.toEqual(['handled', 'duplicate', 'handled']);

    expect(record).toEqual({ committed: 1, rolledBack: 0, closed: 0 });
    expect(inbox.claimMany).toHaveBeenCalledWith(tx, [
      expect.objectContaining({
        eventId: 'a',
        topic: 'platform.activity.v1',
        eventType: EventTypes.UserUpserted,
      }),
      expect.objectContaining({ eventId: 'b' }),
      expect.objectContaining({ eventId: 'c' }),
    ]);
    expect(calls).toEqual(['a', 'c']);
    expect(handle).toHaveBeenCalledWith(
      expect.anything(),
      tx,
      expect.objectContaining({ offset: 'a', attempt: 1 }),
    );
  });

  it('treats a second copy of an event within the chunk as a duplicate', async () => {
    const handle = jest.fn().mockResolvedValue(undefined);
    const first = item('a', handle);
    const copy = { ...item('a', handle), context: { ...first.context, offset: 'a-again' } };
    inbox.claimMany.mockResolvedValue(new Set([inboxKey({ source: first.event.source, eventId: 'a' })]));

    await expect(transaction.run([first, copy])).resolves.toEqual(['handled', 'duplicate']);
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('lets a handler error escape the transaction, so the whole chunk rolls back', async () => {
    const handle = jest.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('bad record'));
    const items = [item('a', handle), item('b', handle), item('c', handle)];
    inbox.claimMany.mockResolvedValue(
      new Set(items.map(({ event }) => inboxKey({ source: event.source, eventId: event.id }))),
    );

    await expect(transaction.run(items)).rejects.toThrow('bad record');
    expect(handle).toHaveBeenCalledTimes(2);
    expect(record).toEqual({ committed: 0, rolledBack: 1, closed: 0 });
  });

  it('abandons the chunk when one handler runs past its deadline, and runs none of the later ones', async () => {
    const handle = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockImplementationOnce(() => new Promise(() => undefined));
    const items = [item('a', handle), item('b', handle), item('c', handle)];
    inbox.claimMany.mockResolvedValue(
      new Set(items.map(({ event }) => inboxKey({ source: event.source, eventId: event.id }))),
    );

    await expect(transaction.run(items)).rejects.toEqual(new HandlerDeadlineError(HANDLER_TIMEOUT_MS));
    expect(handle).toHaveBeenCalledTimes(2);
    expect(record).toEqual({ committed: 0, rolledBack: 0, closed: 1 });
  });

  it('gives each handler of the chunk its own deadline', async () => {
    const slowButInTime = () => new Promise<void>((resolve) => setTimeout(resolve, HANDLER_TIMEOUT_MS * 0.4));
    const handle = jest.fn(slowButInTime);
    const items = [item('a', handle), item('b', handle), item('c', handle)];
    inbox.claimMany.mockResolvedValue(
      new Set(items.map(({ event }) => inboxKey({ source: event.source, eventId: event.id }))),
    );

    await expect(transaction.run(items)).resolves.toEqual(['handled', 'handled', 'handled']);
    expect(record.committed).toBe(1);
  });

  it('runs the work handlers deferred once, after the last handler and inside the transaction', async () => {
    const steps: string[] = [];
    const handle = jest.fn((event: { id: string }, _tx: EntityManager, context: MessageContext) => {
      steps.push(`handle ${event.id}`);
      if (event.id === 'a') {
        context.beforeCommit(() => {
          steps.push(`deferred, ${record.committed} committed`);
          return Promise.resolve();
        });
      }
      return Promise.resolve();
    });
    const items = [item('a', handle), item('b', handle)];
    inbox.claimMany.mockResolvedValue(
      new Set(items.map(({ event }) => inboxKey({ source: event.source, eventId: event.id }))),
    );

    await transaction.run(items);

    expect(steps).toEqual(['handle a', 'handle b', 'deferred, 0 committed']);
    expect(record.committed).toBe(1);
  });

  it('rolls the chunk back when deferred work fails', async () => {
    const handle = jest.fn((_event: unknown, _tx: EntityManager, context: MessageContext) => {
      context.beforeCommit(() => Promise.reject(new Error('insert failed')));
      return Promise.resolve();
    });
    const only = item('a', handle);
    inbox.claimMany.mockResolvedValue(new Set([inboxKey({ source: only.event.source, eventId: 'a' })]));

    await expect(transaction.run([only])).rejects.toThrow('insert failed');
  });
});
