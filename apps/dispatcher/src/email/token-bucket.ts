export interface MonotonicClock {
  now(): number;
}

const systemClock: MonotonicClock = { now: () => performance.now() };

/**
 * Admits callers at `ratePerSecond` on average, with bursts of up to `capacity`. Callers that find the
 * bucket empty wait in order on one timer set for the next token; nothing polls.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity = Math.max(1, ratePerSecond),
    private readonly clock: MonotonicClock = systemClock,
  ) {
    if (!(ratePerSecond > 0) || !(capacity >= 1)) {
      throw new RangeError(
        `A token bucket needs a positive rate and a capacity of at least 1 (got ${ratePerSecond}, ${capacity})`,
      );
    }
    this.tokens = capacity;
    this.refilledAt = clock.now();
  }

  acquire(): Promise<void> {
    if (this.waiting.length === 0 && this.take()) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private take(): boolean {
    this.refill();
    if (this.tokens < 1) {
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.refilledAt) * this.ratePerSecond) / 1000,
    );
    this.refilledAt = now;
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      return;
    }
    this.refill();
    const waitMs = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.release();
    }, waitMs);
  }

  private release(): void {
    while (this.waiting.length > 0 && this.take()) {
      this.waiting.shift()?.();
    }
    if (this.waiting.length > 0) {
      this.schedule();
    }
  }
}
