import type { LivenessRegistry, ReadinessRegistry } from '@notify/observability';
import type { KafkaConsumerRunner } from './consumer/kafka-consumer.runner';
import type { HousekeepingService } from './housekeeping/housekeeping.service';
import type { KafkaAdminService } from './kafka/kafka-admin.service';
import { MessagingLifecycle } from './messaging.lifecycle';
import { resolveMessagingOptions } from './messaging.options';
import type { ParkedRowsGauge } from './parking/parked-rows.gauge';
import type { OutboxRelay } from './outbox/outbox-relay.service';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function lifecycleWith(joinGroup: jest.Mock) {
  const options = resolveMessagingOptions({
    clientId: 'test',
    brokers: ['127.0.0.1:9092'],
    source: 'urn:test',
    groupId: 'test',
    relay: { backoff: { initialMs: 1, maxMs: 2 } },
  });
  let healthy = false;
  let crashedForGood = false;
  const consumer = {
    start: jest.fn(async (topics: string[]) => {
      await joinGroup(topics);
      healthy = true;
    }),
    stop: jest.fn().mockResolvedValue(undefined),
    get healthy() {
      return healthy;
    },
    get crashedForGood() {
      return crashedForGood;
    },
    crash() {
      healthy = false;
      crashedForGood = true;
    },
  };
  const checks = new Map<string, () => Promise<void>>();
  const livenessChecks = new Map<string, () => Promise<void>>();
  const lifecycle = new MessagingLifecycle(
    options,
    { ensureTopics: jest.fn() } as unknown as KafkaAdminService,
    { start: jest.fn(), stop: jest.fn().mockResolvedValue(undefined) } as unknown as OutboxRelay,
    { start: jest.fn(), stop: jest.fn().mockResolvedValue(undefined) } as unknown as HousekeepingService,
    consumer as unknown as KafkaConsumerRunner,
    { start: jest.fn(), stop: jest.fn() } as unknown as ParkedRowsGauge,
    {
      register: (name: string, check: () => Promise<void>) => checks.set(name, check),
    } as unknown as ReadinessRegistry,
    {
      register: (name: string, check: () => Promise<void>) => livenessChecks.set(name, check),
    } as unknown as LivenessRegistry,
  );
  // What the event transport does once Nest registered the handlers.
  const start = async (): Promise<void> => {
    await lifecycle.onApplicationBootstrap();
    lifecycle.startConsumer(['platform.activity.v1']);
  };
  return { lifecycle, start, consumer, checks, livenessChecks };
}

describe('MessagingLifecycle', () => {
  it('stays live while the consumer joins and fails liveness once it crashed without restarting', async () => {
    const join = deferred();
    const { start, consumer, livenessChecks } = lifecycleWith(jest.fn(() => join.promise));

    await start();

    await expect(livenessChecks.get('kafka-consumer')!()).resolves.toBeUndefined();
    join.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    consumer.crash();
    await expect(livenessChecks.get('kafka-consumer')!()).rejects.toThrow('Kafka consumer is not running');
  });

  it('starts the consumer without waiting for the group join and reports not-ready until it has joined ', async () => {
    const join = deferred();
    const { start, checks } = lifecycleWith(jest.fn(() => join.promise));

    await start();

    await expect(checks.get('kafka-consumer')!()).rejects.toThrow('Kafka consumer is not running');
    join.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(checks.get('kafka-consumer')!()).resolves.toBeUndefined();
  });

  it('retries a failed start with back-off until the consumer runs', async () => {
    const failingOnce = jest
      .fn()
      .mockRejectedValueOnce(new Error('coordinator not available'))
      .mockResolvedValueOnce(undefined);
    const { start, consumer, checks } = lifecycleWith(failingOnce);

    await start();
    for (let tick = 0; tick < 200 && !consumer.healthy; tick += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    expect(consumer.start).toHaveBeenCalledTimes(2);
    await expect(checks.get('kafka-consumer')!()).resolves.toBeUndefined();
  });

  it('leaves the group again when shutdown began while the join was pending', async () => {
    const join = deferred();
    const { lifecycle, start, consumer } = lifecycleWith(jest.fn(() => join.promise));

    await start();
    const shutdown = lifecycle.beforeApplicationShutdown();
    join.resolve();
    await shutdown;

    expect(consumer.stop).toHaveBeenCalledTimes(2);
  });
});

describe('MessagingLifecycle without consumers', () => {
  it('registers no consumer health checks when no topic is consumed', async () => {
    const { lifecycle, checks, consumer } = lifecycleWith(jest.fn());

    await lifecycle.onApplicationBootstrap();
    lifecycle.startConsumer([]);

    expect(checks.has('kafka-consumer')).toBe(false);
    expect(consumer.start).not.toHaveBeenCalled();
  });
});
