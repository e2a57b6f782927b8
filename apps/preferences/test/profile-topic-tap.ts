import { randomBytes } from 'node:crypto';
import type { PreferenceProfileData } from '@notify/contracts';
import { waitFor } from '@notify/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface ProfileRecord {
  key: string | null;
  type: string | undefined;
  data: PreferenceProfileData;
}

/** Collects every record of a suite's profile topic while the suite runs, in partition order. */
export class ProfileTopicTap {
  readonly records: ProfileRecord[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string[],
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'preferences-e2e-tap',
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
        this.records.push({
          key: message.key?.toString('utf8') ?? null,
          type: message.headers?.['ce_type']?.toString(),
          data: JSON.parse(message.value?.toString('utf8') ?? 'null') as PreferenceProfileData,
        });
        return Promise.resolve();
      },
    });
  }

  of(userId: string): ProfileRecord[] {
    return this.records.filter((record) => record.key === userId);
  }

  /** Resolves with the user's records once there are at least `count` of them. */
  waitForRecords(userId: string, count: number): Promise<ProfileRecord[]> {
    return waitFor(() => (this.of(userId).length >= count ? this.of(userId) : undefined), {
      timeoutMs: 20_000,
      description: `${count} profile record(s) of ${userId}`,
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
