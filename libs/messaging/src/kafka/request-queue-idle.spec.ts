import {
  kafkajsRequestQueue,
  needsPendingCheck,
  quietRequestQueue,
  REQUEST_TIMEOUT_CHECK_MS,
} from './request-queue-idle';

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
    inflight: Map<number, { sentAt: number; requestTimeout: number; timeoutRequest(): void }>;
    checkPendingRequests(): void;
    scheduleRequestTimeoutCheck(): void;
    destroy(): void;
  };
  const logger = {
    debug: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    info: () => undefined,
  };
  const queue = (enforceRequestTimeout = false) =>
    new RequestQueue({
      instrumentationEmitter: { emit: () => undefined },
      maxInFlightRequests: null,
      requestTimeout: 30_000,
      enforceRequestTimeout,
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

  it('ends a request past its timeout within a second, checking once a second', () => {
    jest.useFakeTimers();
    try {
      const connected = queue(true);
      const timedOut = jest.fn();
      connected.inflight.set(1, { sentAt: Date.now(), requestTimeout: 30_000, timeoutRequest: timedOut });
      connected.scheduleRequestTimeoutCheck();
      expect(jest.getTimerCount()).toBe(1);

      // kafkajs alone would have ended it at 30.1 s.
      jest.advanceTimersByTime(30_000 + REQUEST_TIMEOUT_CHECK_MS / 2);
      expect(timedOut).not.toHaveBeenCalled();
      jest.advanceTimersByTime(REQUEST_TIMEOUT_CHECK_MS / 2);
      expect(timedOut).toHaveBeenCalledTimes(1);

      connected.destroy();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps no timeout check where timeouts are not enforced', () => {
    jest.useFakeTimers();
    try {
      queue(false).scheduleRequestTimeoutCheck();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('is applied once however many clients are created', () => {
    const { prototype } = kafkajsRequestQueue();
    const patched = prototype.scheduleCheckPendingRequests;
    quietRequestQueue(prototype);
    expect(prototype.scheduleCheckPendingRequests).toBe(patched);
  });
});
