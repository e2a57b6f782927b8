import { randomBytes } from 'node:crypto';
import { decodeCloudEvent, type CloudEvent } from '@notify/contracts';
import { waitFor } from '@notify/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface TappedEvent {
  key: string | null;
  event: CloudEvent<Record<string, unknown>>;
}

/** Collects every CloudEvent of one topic while a suite runs, so tests can wait for what the service published. */
export class EventTap {
  readonly received: TappedEvent[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string[],
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'communities-e2e-tap',
      brokers: this.brokers,
      logLevel: logLevel.ERROR,
    });
    this.consumer = kafka.consumer({
      groupId: `t-tap-${randomBytes(6).toString('hex')}`,
      maxWaitTimeInMs: 100,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        const event = decodeCloudEvent(message) as CloudEvent<Record<string, unknown>>;
        this.received.push({ key: message.key?.toString('utf8') ?? null, event });
        return Promise.resolve();
      },
    });
  }

  matching(type: string, data: Record<string, unknown> = {}): TappedEvent[] {
    return this.received.filter(
      ({ event }) =>
        event.type === type && Object.entries(data).every(([field, value]) => event.data[field] === value),
    );
  }

  /** Resolves with the first event of `type` whose data has the given field values. */
  waitFor(type: string, data: Record<string, unknown> = {}): Promise<TappedEvent> {
    return waitFor(() => this.matching(type, data)[0], {
      timeoutMs: 20_000,
      description: `${type} with ${JSON.stringify(data)} on ${this.topic}`,
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
