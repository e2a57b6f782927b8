import { MessagingOptionsError, resolveMessagingOptions } from './messaging.options';

describe('resolveMessagingOptions', () => {
  const base = { clientId: 'dispatcher', brokers: ['127.0.0.1:9092'], source: 'urn:notify:dispatcher' };

  it('applies the documented defaults', () => {
    const options = resolveMessagingOptions(base);

    expect(options.retry).toEqual({ attempts: 5, initialMs: 200, maxMs: 5000 });
    expect(options.topicPrefix).toBe('');
    expect(options.relay).toMatchObject({ enabled: true, pollMs: 10_000, batchSize: 200 });
    expect(options.housekeeping.retentionMs).toBe(7 * 24 * 60 * 60 * 1000);
    expect(options.consumer).toMatchObject({
      fromBeginning: true,
      partitionsConsumedConcurrently: 1,
      handlerTimeoutMs: 30_000,
      minBytes: 1,
      readIntervalMs: {},
    });
  });

  it('lets every group be tuned partially', () => {
    const options = resolveMessagingOptions({
      ...base,
      retry: { attempts: 2 },
      relay: { backoff: { maxMs: 1000 } },
      consumer: { partitionsConsumedConcurrently: 3, maxBytesPerPartition: 65536 },
    });

    expect(options.retry).toEqual({ attempts: 2, initialMs: 200, maxMs: 5000 });
    expect(options.relay.backoff).toEqual({ initialMs: 250, maxMs: 1000 });
    expect(options.consumer).toMatchObject({
      partitionsConsumedConcurrently: 3,
      maxBytesPerPartition: 65536,
    });
  });

  it('lists every problem at once', () => {
    const resolve = () =>
      resolveMessagingOptions({ clientId: '', brokers: ['kafka'], source: '', retry: { attempts: 0 } });

    expect(resolve).toThrow(MessagingOptionsError);
    expect(resolve).toThrow(/clientId.*brokers.*source.*retry/);
  });

  it.each([0, -1, 2.5])('refuses a read interval of %p', (ms) => {
    expect(() =>
      resolveMessagingOptions({ ...base, consumer: { readIntervalMs: { 'a.topic': ms } } }),
    ).toThrow('consumer.readIntervalMs must map topics to integers >= 1');
  });

  it.each([0, -1, 2.5])('refuses %p bytes for a fetch to gather', (minBytes) => {
    expect(() => resolveMessagingOptions({ ...base, consumer: { minBytes } })).toThrow(
      'consumer.minBytes must be an integer >= 1',
    );
  });

  it.each([0, -5, 1.5])('refuses the handler timeout %p', (handlerTimeoutMs) => {
    expect(() => resolveMessagingOptions({ ...base, consumer: { handlerTimeoutMs } })).toThrow(
      'consumer.handlerTimeoutMs must be an integer >= 1',
    );
  });
});
