import { randomBytes } from 'node:crypto';
import { decodeCloudEvent, type CloudEvent } from '@notify/contracts';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { testKafka } from './kafka-client';
import { waitFor } from './wait-for';

export interface TappedEvent<T = Record<string, unknown>> {
  key: string | null;
  partition: number;
  offset: string;
  event: CloudEvent<T>;
}

export interface UndecodableRecord {
  key: string | null;
  offset: string;
  reason: string;
}

export interface EventTapOptions {
  /** How long `waitFor` and its variants wait; default 20 s. */
  timeoutMs?: number;
}

export type TappedEventPredicate<T> = (tapped: TappedEvent<T>) => boolean;

/** Events of `type` whose data has the given field values. */
export function ofType<T>(
  type: string,
  fields: Partial<Record<keyof T, unknown>> = {},
): TappedEventPredicate<T> {
  return ({ event }) =>
    event.type === type &&
    Object.entries(fields).every(
      ([field, value]) => (event.data as Record<string, unknown>)[field] === value,
    );
}

/** Records published under the Kafka key `key`. */
export function withKey<T>(key: string): TappedEventPredicate<T> {
  return (tapped) => tapped.key === key;
}

/**
 * A consumer that lives as long as a suite and collects every CloudEvent of one topic, from its beginning and
 * in partition order, so tests can wait for what a service published.
 */
export class EventTap<T = Record<string, unknown>> {
  readonly received: TappedEvent<T>[] = [];
  /** Records that are not valid CloudEvents: a published record should never land here. */
  readonly undecodable: UndecodableRecord[] = [];

  private constructor(
    readonly topic: string,
    private readonly consumer: Consumer,
    private readonly timeoutMs: number,
  ) {}

  static async start<T = Record<string, unknown>>(
    brokers: string[],
    topic: string,
    { timeoutMs = 20_000 }: EventTapOptions = {},
  ): Promise<EventTap<T>> {
    const consumer = testKafka(brokers, 'notify-event-tap').consumer({
      groupId: `t-tap-${randomBytes(6).toString('hex')}`,
      maxWaitTimeInMs: 100,
    });
    const tap = new EventTap<T>(topic, consumer, timeoutMs);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        tap.collect(partition, message);
        return Promise.resolve();
      },
    });
    return tap;
  }

  filter(predicate: TappedEventPredicate<T>): TappedEvent<T>[] {
    return this.received.filter(predicate);
  }

  matching(type: string, fields: Partial<Record<keyof T, unknown>> = {}): TappedEvent<T>[] {
    return this.filter(ofType<T>(type, fields));
  }

  /** Resolves with the first collected event that satisfies `predicate`, waiting for it if need be. */
  waitFor(predicate: TappedEventPredicate<T>, description = 'a matching event'): Promise<TappedEvent<T>> {
    return waitFor(() => this.received.find(predicate), this.waitOptions(description));
  }

  waitForEvent(type: string, fields: Partial<Record<keyof T, unknown>> = {}): Promise<TappedEvent<T>> {
    return this.waitFor(ofType<T>(type, fields), `${type} with ${JSON.stringify(fields)}`);
  }

  /** Resolves with every event satisfying `predicate` once there are at least `count` of them. */
  waitForCount(
    predicate: TappedEventPredicate<T>,
    count: number,
    description = `${count} matching event(s)`,
  ): Promise<TappedEvent<T>[]> {
    return waitFor(() => {
      const matches = this.filter(predicate);
      return matches.length >= count ? matches : undefined;
    }, this.waitOptions(description));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private collect(partition: number, message: KafkaMessage): void {
    const key = message.key?.toString('utf8') ?? null;
    const { offset } = message;
    try {
      this.received.push({ key, partition, offset, event: decodeCloudEvent(message) as CloudEvent<T> });
    } catch (error) {
      this.undecodable.push({ key, offset, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private waitOptions(description: string): { timeoutMs: number; description: string } {
    return { timeoutMs: this.timeoutMs, description: `${description} on ${this.topic}` };
  }
}
