import {
  encodeBinary,
  eventKey,
  EVENT_CATALOG,
  type EventType,
  type TypedCloudEvent,
} from '@notify/contracts';
import { EventTransport } from '@notify/messaging';
import {
  getTestInfra,
  startServiceUnderTest,
  testKafka,
  waitFor,
  type ReplicaOf,
  type ServiceUnderTest,
} from '@notify/testing';
import { Partitioners, type Message, type Producer } from 'kafkajs';
import request from 'supertest';
import { AppModule, SERVICE_NAME } from '../../src/app.module';
import { DispatcherConfig } from '../../src/config/dispatcher.config';

export const SIGNING_KEYS = 'k1:dispatcher-e2e-unsubscribe-secret-0123456789';
export const UNSUBSCRIBE_BASE_URL = 'https://preferences.example.org';
const PRODUCE_BATCH = 500;

export interface DeliveryLogItem {
  id: string;
  status: string;
  reason?: string;
  category: string;
  template: string;
  eventId: string;
  eventType: string;
  eventSource: string;
  communityId?: string;
  digestId?: string;
  sesMessageId?: string;
  language?: string;
}

export interface DispatcherTestApp extends ServiceUnderTest<DispatcherConfig> {
  /** Produces the event on this suite's copy of its topic, keyed as the contract says. */
  publish<T extends EventType>(event: TypedCloudEvent<T>): Promise<void>;
  /** Produces many events with few requests (batches per topic), keyed as the contract says. */
  publishMany(events: readonly TypedCloudEvent<EventType>[]): Promise<void>;
  /** Produces the events and waits until the dispatcher has handled every one of them. */
  publishAndWait(...events: TypedCloudEvent<EventType>[]): Promise<void>;
  deliveries(userId: string): Promise<DeliveryLogItem[]>;
  /** Waits until the user's log has `count` entries none of which is still pending or being sent. */
  settledDeliveries(userId: string, count: number): Promise<DeliveryLogItem[]>;
  runDigests(at: Date): Promise<{ opened: number; sent: number; skipped: number; failed: number }>;
}

/** Boots the whole dispatcher in-process against a fresh schema and topics no other suite uses. */
export async function startDispatcher(
  label: string,
  env: Record<string, string> = {},
  replicaOf?: ReplicaOf,
): Promise<DispatcherTestApp> {
  // The SDK reads credentials from the default provider chain; the emulator accepts any.
  process.env.AWS_ACCESS_KEY_ID ??= 'dispatcher-e2e';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'dispatcher-e2e';
  const { sesEndpoint } = await getTestInfra();
  const service = await startServiceUnderTest({
    service: SERVICE_NAME,
    label,
    appModule: AppModule,
    transport: EventTransport,
    configClass: DispatcherConfig,
    replicaOf,
    env: {
      UNSUBSCRIBE_SIGNING_KEYS: SIGNING_KEYS,
      UNSUBSCRIBE_BASE_URL,
      PUBLIC_BASE_URL: 'https://portal.example.org',
      SUPPORT_EMAIL: 'support@buyers.example.eu',
      SES_ENDPOINT: sesEndpoint,
      SES_MAX_SEND_RATE: '500',
      DIGEST_TICK_INTERVAL: '0',
      SENDER_POLL_INTERVAL: '250ms',
      ...env,
    },
  });
  const { http } = service;
  const producer = await connectProducer(service.brokers);
  const serviceToken = await service.serviceBearer('platform');

  const untilConsumed = async (eventId: string): Promise<void> => {
    await waitFor(() => service.consumed(eventId), {
      timeoutMs: 30_000,
      intervalMs: 50,
      description: `event ${eventId} to be consumed`,
    });
  };
  const publish = async <T extends EventType>(event: TypedCloudEvent<T>): Promise<void> => {
    const message = encodeBinary(event, eventKey(event.type, event.data));
    await producer.send({ topic: service.topic(EVENT_CATALOG[event.type].topic), messages: [message] });
  };
  const publishMany = async (events: readonly TypedCloudEvent<EventType>[]): Promise<void> => {
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const topic = service.topic(EVENT_CATALOG[event.type].topic);
      const messages = byTopic.get(topic) ?? [];
      messages.push(encodeBinary(event, eventKey(event.type, event.data)));
      byTopic.set(topic, messages);
    }
    for (const [topic, messages] of byTopic) {
      for (let start = 0; start < messages.length; start += PRODUCE_BATCH) {
        await producer.send({ topic, messages: messages.slice(start, start + PRODUCE_BATCH) });
      }
    }
  };
  const deliveries = async (userId: string): Promise<DeliveryLogItem[]> => {
    const response = await request(http)
      .get(`/users/${encodeURIComponent(userId)}/deliveries?limit=200`)
      .set('Authorization', `Bearer ${serviceToken}`)
      .expect(200);
    return (response.body as { items: DeliveryLogItem[] }).items;
  };

  return {
    ...service,
    publish,
    publishMany,
    async publishAndWait(...events) {
      for (const event of events) {
        await publish(event);
      }
      for (const event of events) {
        await untilConsumed(event.id);
      }
    },
    deliveries,
    settledDeliveries: (userId, count) =>
      waitFor(
        async () => {
          const items = await deliveries(userId);
          const settled =
            items.length >= count && items.every((item) => !['pending', 'sending'].includes(item.status));
          return settled ? items : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100, description: `${count} settled deliveries of ${userId}` },
      ),
    async runDigests(at) {
      const response = await request(http)
        .post('/digests/run')
        .set('Authorization', `Bearer ${serviceToken}`)
        .send({ at: at.toISOString() })
        .expect(200);
      return response.body as { opened: number; sent: number; skipped: number; failed: number };
    },
    async close() {
      await producer.disconnect();
      await service.close();
    },
  };
}

async function connectProducer(brokers: string[]): Promise<Producer> {
  const kafka = testKafka(brokers, 'dispatcher-e2e');
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return producer;
}
