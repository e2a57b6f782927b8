import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KafkaAdminService } from '../src/kafka/kafka-admin.service';
import { createKafkaClient } from '../src/kafka/kafka-client.factory';
import { TopicNamer } from '../src/kafka/topic-namer';
import { resolveMessagingOptions } from '../src/messaging.options';
import { adminSecurity, deleteTopicsWithPrefix, kafkaClient, testInfra, uniqueSuffix } from './support/infra';

const prefix = `t-admin-${uniqueSuffix()}.`;
const TOPICS = [{ name: 'communities.events.v1' }, { name: 'preferences.profiles.v1', compacted: true }];
const PHYSICAL = [
  `${prefix}communities.events.v1`,
  `${prefix}communities.events.v1.dlq`,
  `${prefix}preferences.profiles.v1`,
  `${prefix}preferences.profiles.v1.dlq`,
];

function adminService(kafka?: Kafka): KafkaAdminService {
  const options = resolveMessagingOptions({
    clientId: 'admin-test',
    brokers: testInfra().brokers,
    kafka: adminSecurity(),
    source: 'urn:notify:tests',
    topicPrefix: prefix,
    topicDefaults: { partitions: 1 },
  });
  return new KafkaAdminService(kafka ?? createKafkaClient(options), options, new TopicNamer(prefix));
}

/** A real client whose admin lists no topics, as if it had looked just before another service created them. */
function clientWithStaleTopicList(): Kafka {
  const kafka = createKafkaClient(
    resolveMessagingOptions({
      clientId: 'admin-test',
      brokers: testInfra().brokers,
    kafka: adminSecurity(),
      source: 'urn:notify:tests',
    }),
  );
  const admin = kafka.admin.bind(kafka);
  jest.spyOn(kafka, 'admin').mockImplementation((config) => {
    const stale = admin(config);
    stale.listTopics = () => Promise.resolve([]);
    return stale;
  });
  return kafka;
}

async function existingTopics(): Promise<string[]> {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((topic) => topic.startsWith(prefix)).sort();
  } finally {
    await admin.disconnect();
  }
}

describe('KafkaAdminService.ensureTopics against the real broker', () => {
  let errors: jest.SpyInstance;

  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error');
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await deleteTopicsWithPrefix(prefix);
  });

  it('creates every topic with its dead-letter topic', async () => {
    await adminService().ensureTopics(TOPICS);

    await expect(existingTopics()).resolves.toEqual([...PHYSICAL].sort());
  });

  it('treats topics another service created in the meantime as a quiet no-op', async () => {
    await expect(
      Promise.all([
        adminService(clientWithStaleTopicList()).ensureTopics(TOPICS),
        adminService().ensureTopics(TOPICS),
      ]),
    ).resolves.toEqual([undefined, undefined]);

    expect(errors).not.toHaveBeenCalled();
    await expect(existingTopics()).resolves.toEqual([...PHYSICAL].sort());
  });

  it('logs and throws a real creation failure, naming the topic and the reason', async () => {
    const impossible = adminService().ensureTopics([{ name: 'moderation.events.v1' }], {
      replicationFactor: 5,
    });

    await expect(impossible).rejects.toThrow();
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({
        msg: 'could not create topics',
        errors: expect.arrayContaining([
          expect.objectContaining({
            topic: `${prefix}moderation.events.v1`,
            type: 'INVALID_REPLICATION_FACTOR',
          }),
        ]),
      }),
    );
  });
});
