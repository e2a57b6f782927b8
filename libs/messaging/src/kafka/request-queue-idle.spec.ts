import { kafkajsRequestQueue, needsPendingCheck, quietRequestQueue } from './request-queue-idle';

describe('needsPendingCheck', () => {
  const now = 1_000_000;
  it.each([
    ['nothing pending, never throttled', 0, -1, false],
    ['nothing pending, throttle over', 0, now - 1, false],
    ['nothing pending, throttle ends now', 0, now, false],
    ['nothing pending, throttled until later', 0, now + 500, true],
    ['a request pending, not throttled', 1, -1, true],
    ['requests pending and throttled', 3, now + 500, true],
  ])('%s: %s', (_, pending, throttledUntil, expected) => {
    expect(
      needsPendingCheck({ pending: Array.from({ length: pending }), throttledUntil: throttledUntil }, now),
    ).toBe(expected);
  });
});

// Against kafkajs' own request queue, so an upgrade that moves or renames it fails here rather than in production.
describe('quietRequestQueue on kafkajs', () => {
  const RequestQueue = kafkajsRequestQueue() as unknown as new (options: object) => {
    pending: unknown[];
    throttledUntil: number;
    throttleCheckTimeoutId: NodeJS.Timeout | null;
    checkPendingRequests(): void;
    destroy(): void;
  };
  const logger = {
    debug: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    info: () => undefined,
  };
  const queue = () =>
    new RequestQueue({
      instrumentationEmitter: { emit: () => undefined },
      maxInFlightRequests: null,
      requestTimeout: 30_000,
      enforceRequestTimeout: false,
      clientId: 'test',
      broker: 'localhost:9092',
      logger: { namespace: () => logger, ...logger },
      isConnected: () => true,
    });

  beforeAll(() => quietRequestQueue(kafkajsRequestQueue().prototype));

  it('leaves an idle queue without a timer', () => {
    const idle = queue();
    idle.checkPendingRequests();
    expect(idle.throttleCheckTimeoutId).toBeNull();
  });

  it('still schedules a check for the end of a throttle', () => {
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 60_000;
    throttled.checkPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    throttled.destroy();
  });

  it('is applied once however many clients are created', () => {
    const { prototype } = kafkajsRequestQueue();
    const patched = prototype.scheduleCheckPendingRequests;
    quietRequestQueue(prototype);
    expect(prototype.scheduleCheckPendingRequests).toBe(patched);
  });
});
