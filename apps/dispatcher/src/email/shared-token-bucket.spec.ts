import { Logger } from '@nestjs/common';
import type { SendRateStore, TokenGrant } from './send-rate.repository';
import { SharedTokenBucket } from './shared-token-bucket';

/** The store's arithmetic in memory, on the fake clock: what PostgreSQL does for every replica. */
class MemoryStore implements SendRateStore {
  private tokens: number | undefined;
  private refilledAt = Date.now();
  failures = 0;

  take(_bucket: string, want: number, rate: number, capacity: number): Promise<TokenGrant> {
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new Error('connection refused'));
    }
    const now = Date.now();
    const available = Math.min(capacity, (this.tokens ?? capacity) + ((now - this.refilledAt) * rate) / 1000);
    const granted = Math.min(want, Math.floor(available));
    this.tokens = available - granted;
    this.refilledAt = now;
    return Promise.resolve({ granted, remaining: this.tokens });
  }
}

function admit(buckets: SharedTokenBucket[], perBucket: number): number[] {
  const start = Date.now();
  const times: number[] = [];
  for (const bucket of buckets) {
    for (let i = 0; i < perBucket; i++) {
      void bucket.acquire().then(() => times.push(Date.now() - start));
    }
  }
  return times;
}

describe('SharedTokenBucket', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps three processes sharing one store to the one rate, after a burst of the bucket size', async () => {
    const store = new MemoryStore();
    const buckets = [1, 2, 3].map(() => new SharedTokenBucket(store, 'ses', 10));

    const times = admit(buckets, 20);
    await jest.advanceTimersByTimeAsync(5_000);

    expect(times).toHaveLength(60);
    // 10 at once, then 10 a second: the 60th admission is due after 5 seconds at the earliest.
    expect(times.filter((ms) => ms < 1_000).length).toBeLessThanOrEqual(20);
    expect(times.filter((ms) => ms < 3_000).length).toBeLessThanOrEqual(40);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(4_900);
  });

  it('lets callers wait while the store is unavailable, then admits them', async () => {
    const store = new MemoryStore();
    store.failures = 2;
    const bucket = new SharedTokenBucket(store, 'ses', 10);

    const times = admit([bucket], 3);
    await jest.advanceTimersByTimeAsync(900);
    expect(times).toEqual([]);

    await jest.advanceTimersByTimeAsync(200);
    expect(times).toHaveLength(3);
  });
});
