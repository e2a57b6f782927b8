import { Logger } from '@nestjs/common';
import type { SendRateStore } from './send-rate.repository';

const MIN_WAIT_MS = 5;
const STORE_RETRY_MS = 500;

/**
 * Admits callers at `ratePerSecond` across every process that shares `store`: one loop per process takes tokens for
 * the callers waiting (a few at a time) and sleeps until the next token when the bucket is dry.
 */
export class SharedTokenBucket {
  private readonly logger = new Logger(SharedTokenBucket.name);
  private readonly waiting: (() => void)[] = [];
  private pumping = false;

  constructor(
    private readonly store: SendRateStore,
    private readonly bucket: string,
    private readonly ratePerSecond: number,
    private readonly capacity = Math.max(1, ratePerSecond),
    /** Tokens taken in one round trip; small, so that replicas share the rate fairly. */
    private readonly maxBatch = Math.max(1, Math.ceil(ratePerSecond / 10)),
  ) {}

  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      return;
    }
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        await this.takeForWaiting();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async takeForWaiting(): Promise<void> {
    const want = Math.min(this.waiting.length, this.maxBatch);
    let grant;
    try {
      grant = await this.store.take(this.bucket, want, this.ratePerSecond, this.capacity);
    } catch (error) {
      // Emails wait rather than go out unmetered.
      this.logger.warn(`Shared send rate unavailable (${String(error)}); retrying`);
      await sleep(STORE_RETRY_MS);
      return;
    }
    this.waiting.splice(0, grant.granted).forEach((resolve) => resolve());
    if (grant.granted < want) {
      await sleep(Math.max(MIN_WAIT_MS, Math.ceil(((1 - grant.remaining) * 1000) / this.ratePerSecond)));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
