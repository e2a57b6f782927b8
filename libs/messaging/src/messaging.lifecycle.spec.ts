import type { LivenessRegistry, ReadinessRegistry } from '@notify/observability';
import type { HandlerExplorer } from './consumer/handler-explorer.service';
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

function lifecycleWith(start: jest.Mock) {
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
      await start(topics);
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
    { explore: () => ({ topics: () => ['platform.activity.v1'] }) } as unknown as HandlerExplorer,
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
  return { lifecycle, consumer, checks, livenessChecks };
}

describe('MessagingLifecycle', () => {
  it('stays live while the consumer joins and fails liveness once it crashed without restarting', async () => {
    const join = deferred();
    const { lifecycle, consumer, livenessChecks } = lifecycleWith(jest.fn(() => join.promise));

    await lifecycle.onApplicationBootstrap();

    await expect(livenessChecks.get('kafka-consumer')!()).resolves.toBeUndefined();
    join.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    consumer.crash();
    await expect(livenessChecks.get('kafka-consumer')!()).rejects.toThrow('Kafka consumer is not running');
  });

  it('finishes bootstrap before the consumer has joined its group and reports not-ready until it has', async () => {
    const join = deferred();
    const { lifecycle, checks } = lifecycleWith(jest.fn(() => join.promise));

    await lifecycle.onApplicationBootstrap();

    await expect(checks.get('kafka-consumer')!()).rejects.toThrow('Kafka consumer is not running');
    join.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(checks.get('kafka-consumer')!()).resolves.toBeUndefined();
  });

  it('retries a failed start with back-off until the consumer runs', async () => {
    const start = jest
      .fn()
      .mockRejectedValueOnce(new Error('coordinator not available'))
      .mockResolvedValueOnce(undefined);
    const { lifecycle, consumer, checks } = lifecycleWith(start);

    await lifecycle.onApplicationBootstrap();
    for (let tick = 0; tick < 200 && !consumer.healthy; tick += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    expect(consumer.start).toHaveBeenCalledTimes(2);
    await expect(checks.get('kafka-consumer')!()).resolves.toBeUndefined();
  });

  it('leaves the group again when shutdown began while the join was pending', async () => {
    const join = deferred();
    const { lifecycle, consumer } = lifecycleWith(jest.fn(() => join.promise));

    await lifecycle.onApplicationBootstrap();
    const shutdown = lifecycle.beforeApplicationShutdown();
    join.resolve();
    await shutdown;

    expect(consumer.stop).toHaveBeenCalledTimes(2);
  });
});
