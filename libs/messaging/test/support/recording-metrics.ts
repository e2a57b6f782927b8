import type { DeadLetterReason } from '@notify/contracts';
import { MessagingMetrics } from '../../src';

/** Keeps every count in memory so a test can assert on what the backbone reported. */
export class RecordingMetrics extends MessagingMetrics {
  readonly counts = new Map<string, number>();

  consumed(_topic: string, type: string): void {
    this.add(`consumed:${type}`);
  }

  duplicate(_topic: string, type: string): void {
    this.add(`duplicate:${type}`);
  }

  ignored(_topic: string, type: string): void {
    this.add(`ignored:${type}`);
  }

  retried(_topic: string, type: string): void {
    this.add(`retried:${type}`);
  }

  deadLettered(_topic: string, reason: DeadLetterReason): void {
    this.add(`dead-lettered:${reason}`);
  }

  published(topic: string, count: number): void {
    this.add(`published:${topic}`, count);
  }

  relayLag(): void {}

  parkedRows(counts: ReadonlyMap<string, number>): void {
    this.parked = new Map(counts);
  }

  parked = new Map<string, number>();

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  private add(name: string, by = 1): void {
    this.counts.set(name, this.count(name) + by);
  }
}
