import { backoffDelay, jitteredBackoffDelay } from './backoff';

const policy = { initialMs: 200, maxMs: 5000 };

describe('backoffDelay', () => {
  it.each([
    [0, 200],
    [1, 200],
    [2, 400],
    [3, 800],
    [5, 3200],
    [6, 5000],
    [40, 5000],
  ])('waits %i → %i ms', (retry, delay) => {
    expect(backoffDelay(retry, policy)).toBe(delay);
  });

  it('never exceeds a cap below the first wait', () => {
    expect(backoffDelay(1, { initialMs: 1000, maxMs: 300 })).toBe(300);
  });
});

describe('jitteredBackoffDelay', () => {
  it.each([
    [1, 0, 100],
    [1, 1, 200],
    [3, 0, 400],
    [3, 0.5, 600],
    [3, 1, 800],
    [7, 0, 2500],
    [7, 1, 5000],
  ])('retry %i with random %d waits %i ms', (retry, random, delay) => {
    expect(jitteredBackoffDelay(retry, policy, () => random)).toBe(delay);
  });

  it('stays within half and all of the delay with real randomness', () => {
    const delays = Array.from({ length: 100 }, () => jitteredBackoffDelay(3, policy));

    expect(Math.min(...delays)).toBeGreaterThanOrEqual(400);
    expect(Math.max(...delays)).toBeLessThanOrEqual(800);
  });
});
