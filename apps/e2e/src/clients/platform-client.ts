import { randomUUID } from 'node:crypto';
import {
  createCloudEvent,
  encodeBinary,
  EventTypes,
  STRUCTURED_CONTENT_TYPE,
  Topics,
  type CloudEvent,
  type CommentCreatedData,
  type MentionCreatedData,
  type MessageCreatedData,
  type PlatformContentPublishedData,
  type UserUpsertedData,
} from '@notify/contracts';
import { sleep, testKafka } from '@notify/testing';
import { Partitioners, type Producer } from 'kafkajs';

/** How a platform service frames its events on Kafka; both are part of the contract. */
export type EnvelopeMode = 'binary' | 'structured';

/** One event of a burst: its type, Kafka key and data. */
export interface PlatformEvent<T> {
  type: string;
  key: string;
  data: T;
}

const PLATFORM_SOURCE = 'urn:example:portal-content-service';

/**
 * Plays the portal's own services: writes ingress CloudEvents to `platform.activity.v1`, keyed by the recipient
 * (or the user for a profile, the community for published content) as the contract says.
 */
export class PlatformClient {
  private readonly producer: Producer;
  private readonly topic: string;

  private constructor(brokers: string[], topicPrefix: string) {
    // As the portal's services do: the `platform` principal, which may write only the ingress topic.
    this.producer = testKafka(brokers, 'notify-e2e-platform', 'platform').producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
    });
    this.topic = `${topicPrefix}${Topics.PlatformActivity}`;
  }

  static async connect(brokers: string[], topicPrefix: string): Promise<PlatformClient> {
    const client = new PlatformClient(brokers, topicPrefix);
    await client.producer.connect();
    return client;
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  userUpserted(data: UserUpsertedData, mode: EnvelopeMode = 'binary'): Promise<CloudEvent<UserUpsertedData>> {
    return this.publish(EventTypes.UserUpserted, data.userId, data, mode);
  }

  mention(data: MentionCreatedData, mode: EnvelopeMode = 'binary'): Promise<CloudEvent<MentionCreatedData>> {
    return this.publish(EventTypes.MentionCreated, data.recipientUserId, data, mode);
  }

  /** Keyed by its first recipient: activity is keyed by recipient, and a comment may name several. */
  comment(data: CommentCreatedData, mode: EnvelopeMode = 'binary'): Promise<CloudEvent<CommentCreatedData>> {
    return this.publish(EventTypes.CommentCreated, data.recipientUserIds[0], data, mode);
  }

  privateMessage(
    data: MessageCreatedData,
    mode: EnvelopeMode = 'binary',
  ): Promise<CloudEvent<MessageCreatedData>> {
    return this.publish(EventTypes.MessageCreated, data.recipientUserId, data, mode);
  }

  contentPublished(
    data: PlatformContentPublishedData,
    mode: EnvelopeMode = 'binary',
  ): Promise<CloudEvent<PlatformContentPublishedData>> {
    return this.publish(EventTypes.PlatformContentPublished, data.communityId, data, mode);
  }

  /**
   * Many events in one produce request, in the given order: a burst as a busy platform service sends it. With
   * `retryForMs`, a refused send is retried with the same event ids, as the contract lets producers do (consumers
   * deduplicate on source and id).
   */
  async publishBurst<T>(events: readonly PlatformEvent<T>[], retryForMs = 0): Promise<CloudEvent<T>[]> {
    const created = events.map(({ type, data }) =>
      createCloudEvent({ type, source: PLATFORM_SOURCE, id: randomUUID(), data }),
    );
    const messages = created.map((event, index) => encodeBinary(event, events[index].key));
    const deadline = Date.now() + retryForMs;
    for (;;) {
      try {
        await this.producer.send({ topic: this.topic, messages });
        return created;
      } catch (error) {
        if (Date.now() >= deadline) {
          throw error;
        }
        await sleep(500);
      }
    }
  }

  /** A record exactly as given, e.g. bytes that are no CloudEvent at all. */
  async publishRaw(record: {
    key: string;
    value: string | Buffer;
    headers?: Record<string, string>;
  }): Promise<void> {
    await this.producer.send({ topic: this.topic, messages: [record] });
  }

  /** Any type and data, including what the contract rejects, as a faulty or newer producer would send them. */
  async publish<T>(
    type: string,
    key: string,
    data: T,
    mode: EnvelopeMode = 'binary',
  ): Promise<CloudEvent<T>> {
    const event = createCloudEvent({ type, source: PLATFORM_SOURCE, id: randomUUID(), data });
    const record = mode === 'binary' ? encodeBinary(event, key) : structuredRecord(event, key);
    await this.producer.send({ topic: this.topic, messages: [record] });
    return event;
  }
}

/**
 * Structured mode written by hand, the way a service in another language would, rather than through the
 * contracts library the services decode with.
 */
function structuredRecord<T>(
  event: CloudEvent<T>,
  key: string,
): { key: string; value: string; headers: Record<string, string> } {
  const body = {
    specversion: event.specversion,
    id: event.id,
    source: event.source,
    type: event.type,
    time: event.time,
    datacontenttype: 'application/json',
    data: event.data,
  };
  return {
    key,
    value: JSON.stringify(body),
    headers: { 'content-type': `${STRUCTURED_CONTENT_TYPE}; charset=utf-8` },
  };
}
