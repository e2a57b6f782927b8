import { TokenBucket } from './token-bucket';

const fakeClock = { now: () => Date.now() };

/** Starts `count` acquisitions and records, in fake milliseconds since the start, when each was admitted. */
function admissions(bucket: TokenBucket, count: number): number[] {
  const start = Date.now();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    void bucket.acquire().then(() => times.push(Date.now() - start));
  }
  return times;
}

describe('TokenBucket', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each([
    [5, 21],
    [20, 41],
    [100, 201],
  ])('admits %d per second: %d callers take (N-1)/R seconds after the first', async (rate, count) => {
    const times = admissions(new TokenBucket(rate, 1, fakeClock), count);

    await jest.advanceTimersByTimeAsync(((count - 1) / rate) * 1000 + 50);

    expect(times).toHaveLength(count);
    const elapsedSeconds = times[count - 1] / 1000;
    const expectedSeconds = (count - 1) / rate;
    expect(elapsedSeconds / expectedSeconds).toBeGreaterThan(0.98);
    expect(elapsedSeconds / expectedSeconds).toBeLessThan(1.05);
  });

  it('lets a full bucket burst up to its capacity, then paces the rest', async () => {
    const times = admissions(new TokenBucket(10, 10, fakeClock), 30);

    await jest.advanceTimersByTimeAsync(0);
    expect(times).toHaveLength(10);

    await jest.advanceTimersByTimeAsync(1000);
    expect(times).toHaveLength(20);

    await jest.advanceTimersByTimeAsync(1000);
    expect(times).toHaveLength(30);
  });

  it('admits callers in arrival order', async () => {
    const bucket = new TokenBucket(50, 1, fakeClock);
    const order: number[] = [];
    for (let i = 0; i < 10; i++) {
      void bucket.acquire().then(() => order.push(i));
    }

    await jest.advanceTimersByTimeAsync(1000);

    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('waits on one timer rather than polling', async () => {
    const bucket = new TokenBucket(1, 1, fakeClock);
    admissions(bucket, 5);

    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('refills while idle, never beyond its capacity', async () => {
    const bucket = new TokenBucket(10, 3, fakeClock);
    await jest.advanceTimersByTimeAsync(10_000);
    const times = admissions(bucket, 5);

    await jest.advanceTimersByTimeAsync(0);
    expect(times).toHaveLength(3);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.NaN)).toThrow(RangeError);
  });
});
