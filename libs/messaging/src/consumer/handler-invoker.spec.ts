import { EventTypes } from '@notify/contracts';
import { recordingDataSource, sampleCloudEvent, type TransactionRecord } from '@notify/testing';
import type { EntityManager } from 'typeorm';
import { resolveMessagingOptions } from '../messaging.options';
import { NoopMessagingMetrics } from '../metrics/messaging-metrics';
import type { MessageContext } from './handler-context';
import { HandlerDeadlineError } from './handler-deadline';
import { HandlerInvoker } from './handler-invoker';
import { ProcessingAbortedError, type ProcessingControl } from './processing-control';

const event = sampleCloudEvent(EventTypes.UserUpserted);
const HANDLER_TIMEOUT_MS = 200;
const coordinates = { topic: 'platform.activity.v1', partition: 0, offset: '5', key: 'user-1', groupId: 'g' };

describe('HandlerInvoker', () => {
  const tx = {} as EntityManager;
  let query: jest.Mock;
  let record: TransactionRecord;
  let inbox: { claim: jest.Mock; claimMany: jest.Mock };
  let metrics: NoopMessagingMetrics;
  let control: ProcessingControl;
  let invoker: HandlerInvoker;

  beforeEach(() => {
    query = jest.fn().mockResolvedValue([{ '?column?': 1 }]);
    const recording = recordingDataSource(tx, query);
    record = recording.record;
    inbox = { claim: jest.fn().mockResolvedValue(true), claimMany: jest.fn() };
    metrics = new NoopMessagingMetrics();
    control = { signal: new AbortController().signal, shouldContinue: () => true };
    const options = resolveMessagingOptions({
      clientId: 'c',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      retry: { attempts: 4, initialMs: 1, maxMs: 4 },
      consumer: { handlerTimeoutMs: HANDLER_TIMEOUT_MS },
    });
    invoker = new HandlerInvoker(options, recording.dataSource, inbox, metrics);
  });

  it('claims the inbox row and runs the handler in the same transaction', async () => {
    const handle = jest.fn().mockResolvedValue(undefined);

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toEqual({
      kind: 'handled',
    });

    expect(inbox.claim).toHaveBeenCalledWith(tx, {
      source: event.source,
      eventId: event.id,
      topic: 'platform.activity.v1',
      eventType: EventTypes.UserUpserted,
    });
    expect(handle).toHaveBeenCalledWith(event, tx, {
      ...coordinates,
      attempt: 1,
      beforeCommit: expect.any(Function),
    });
  });

  it('runs the work the handler deferred before the transaction commits, retrying the event when it fails', async () => {
    const deferred = jest.fn().mockRejectedValueOnce(new Error('flush failed')).mockResolvedValue(undefined);
    const handle = jest.fn((_event: unknown, _tx: EntityManager, context: MessageContext) => {
      context.beforeCommit(deferred);
      return Promise.resolve();
    });

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toEqual({
      kind: 'handled',
    });
    expect(handle).toHaveBeenCalledTimes(2);
    expect(deferred).toHaveBeenCalledTimes(2);
    expect(record).toEqual({ committed: 1, rolledBack: 1, closed: 0 });
  });

  it('does not run the handler for an event already in the inbox', async () => {
    inbox.claim.mockResolvedValue(false);
    const handle = jest.fn();

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toEqual({
      kind: 'duplicate',
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('retries a failing handler and succeeds, counting each retry', async () => {
    const handle = jest.fn().mockRejectedValueOnce(new Error('a')).mockRejectedValueOnce(new Error('b'));
    handle.mockResolvedValue(undefined);
    const retried = jest.spyOn(metrics, 'retried');

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toEqual({
      kind: 'handled',
    });
    expect(handle.mock.calls.map(([, , context]) => (context as { attempt: number }).attempt)).toEqual([
      1, 2, 3,
    ]);
    expect(retried).toHaveBeenCalledTimes(2);
  });

  it('gives up after the configured number of attempts with the last error', async () => {
    const failure = new Error('template missing');
    const handle = jest.fn().mockRejectedValue(failure);

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toEqual({
      kind: 'failed',
      error: failure,
    });
    expect(handle).toHaveBeenCalledTimes(4);
  });

  it('does not count failures while the database is unreachable against the handler', async () => {
    const handle = jest.fn().mockRejectedValue(new Error('connect ECONNREFUSED'));
    query.mockRejectedValueOnce(new Error('down')).mockRejectedValueOnce(new Error('down'));
    query.mockResolvedValue([]);

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toMatchObject({
      kind: 'failed',
    });
    expect(handle).toHaveBeenCalledTimes(4 + 2);
  });

  it('fails a try that runs past the deadline, abandons its transaction and retries the event', async () => {
    const handle = jest
      .fn()
      .mockImplementationOnce(() => new Promise(() => undefined))
      .mockResolvedValue(undefined);

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toEqual({
      kind: 'handled',
    });
    expect(handle).toHaveBeenCalledTimes(2);
    expect(record).toEqual({ committed: 1, rolledBack: 0, closed: 1 });
  });

  it('counts the work deferred to the end of the transaction within the deadline', async () => {
    const handle = jest.fn((_event: unknown, _tx: EntityManager, context: MessageContext) => {
      context.beforeCommit(() => new Promise(() => undefined));
      return Promise.resolve();
    });

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, control)).resolves.toEqual({
      kind: 'failed',
      error: new HandlerDeadlineError(HANDLER_TIMEOUT_MS),
    });
    expect(handle).toHaveBeenCalledTimes(4);
    expect(record).toEqual({ committed: 0, rolledBack: 0, closed: 4 });
  });

  it('gives up on a handler that always hangs with the deadline as the reason', async () => {
    const handle = jest.fn(() => new Promise<void>(() => undefined));

    const outcome = await invoker.invoke(event, { name: 'h', handle }, coordinates, control);

    expect(outcome).toEqual({ kind: 'failed', error: new HandlerDeadlineError(HANDLER_TIMEOUT_MS) });
    expect(outcome.kind === 'failed' && (outcome.error as Error).message).toBe(
      'handler deadline of 200ms exceeded',
    );
    expect(handle).toHaveBeenCalledTimes(4);
  });

  it('abandons the retries (no outcome, offset held) when the consumer must stop', async () => {
    const handle = jest.fn().mockRejectedValue(new Error('boom'));
    const stopping = { signal: AbortSignal.abort(), shouldContinue: () => false };

    await expect(invoker.invoke(event, { name: 'h', handle }, coordinates, stopping)).rejects.toThrow(
      ProcessingAbortedError,
    );
    expect(handle).toHaveBeenCalledTimes(1);
  });
});
