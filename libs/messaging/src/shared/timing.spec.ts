import { backoffDelay, settlesWithin, sleep } from './timing';

describe('backoffDelay', () => {
  const policy = { initialMs: 200, maxMs: 5000 };

  it('doubles from the initial delay and stops at the cap (upper bound, random = 1)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelay(retry, policy, () => 1));

    expect(delays).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('never waits less than half the exponential delay (lower bound, random = 0)', () => {
    const delays = [1, 2, 3, 6].map((retry) => backoffDelay(retry, policy, () => 0));

    expect(delays).toEqual([100, 200, 400, 2500]);
  });

  it('jitters within the bounds', () => {
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelay(3, policy);
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });
});

describe('sleep', () => {
  it('ends early when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, controller.signal);
    controller.abort();
    await slept;

    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('settlesWithin', () => {
  it('tells whether the work settled in time, rejection included', async () => {
    await expect(settlesWithin(Promise.resolve(), 1000)).resolves.toBe(true);
    await expect(settlesWithin(Promise.reject(new Error('boom')), 1000)).resolves.toBe(true);
    await expect(settlesWithin(new Promise(() => undefined), 20)).resolves.toBe(false);
  });
});
