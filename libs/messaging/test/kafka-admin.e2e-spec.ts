import { Logger } from '@nestjs/common';
import { currentKafkaAccess } from '@notify/testing';
import type { Kafka } from 'kafkajs';
import { KafkaAdminService } from '../src/kafka/kafka-admin.service';
import { createKafkaClient } from '../src/kafka/kafka-client.factory';
import { TopicNamer } from '../src/kafka/topic-namer';
import { resolveMessagingOptions, type MessagingOptions } from '../src/messaging.options';
import { adminSecurity, deleteTopicsWithPrefix, kafkaClient, testInfra, uniqueSuffix } from './support/infra';

const prefix = `t-admin-${uniqueSuffix()}.`;
const TOPICS = [{ name: 'communities.events.v1' }, { name: 'preferences.profiles.v1', compacted: true }];
const PHYSICAL = [
  `${prefix}communities.events.v1`,
  `${prefix}communities.events.v1.dlq`,
  `${prefix}preferences.profiles.v1`,
  `${prefix}preferences.profiles.v1.dlq`,
];

function adminService(kafka?: Kafka, extra: Partial<MessagingOptions> = {}): KafkaAdminService {
  const options = resolveMessagingOptions({
    clientId: 'admin-test',
    brokers: testInfra().brokers,
    kafka: adminSecurity(),
    source: 'urn:notify:tests',
    topicPrefix: prefix,
    topicDefaults: { partitions: 1 },
    ...extra,
  });
  return new KafkaAdminService(
    kafka ?? createKafkaClient(options),
    options,
    new TopicNamer(options.topicPrefix),
  );
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

  it('lets several services create the same topics at once: every one of them starts', async () => {
    const racePrefix = `${prefix}race.`;
    const racing = Array.from({ length: 4 }, () =>
      adminService(undefined, { topicPrefix: racePrefix }).ensureTopics(TOPICS),
    );

    await expect(Promise.all(racing)).resolves.toHaveLength(4);
    // kafkajs itself logs, then retries, the metadata of a topic created a moment ago that no broker hosts yet.
    const notYetHosted = (entry: unknown): boolean =>
      (entry as { error?: unknown } | undefined)?.error === 'This server does not host this topic-partition';
    expect(errors.mock.calls.filter(([entry]) => !notYetHosted(entry))).toEqual([]);
  });

  it('waits for topics it may not create until an operator creates them', async () => {
    const waitingPrefix = `${prefix}operator.`;
    const waiting = adminService(undefined, {
      topicPrefix: waitingPrefix,
      topicSetup: { create: false, timeoutMs: 30_000, backoff: { initialMs: 100, maxMs: 500 } },
    }).ensureTopics(TOPICS);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await adminService(undefined, { topicPrefix: waitingPrefix }).ensureTopics(TOPICS);

    await expect(waiting).resolves.toBeUndefined();
  });

  it('gives up at its deadline with the topics still missing', async () => {
    const started = Date.now();
    const missing = adminService(undefined, {
      topicPrefix: `${prefix}never.`,
      topicSetup: { create: false, timeoutMs: 2000, backoff: { initialMs: 100, maxMs: 400 } },
    }).ensureTopics([{ name: 'communities.events.v1' }]);

    await expect(missing).rejects.toThrow(
      new RegExp(`not ready after 2 s \\(missing: ${prefix}never\\.communities\\.events\\.v1, .*\\.dlq\\)`),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails at once, naming the principal, when its ACLs do not allow creating the topics', async () => {
    const access = currentKafkaAccess();
    const started = Date.now();
    const refused = adminService(undefined, {
      topicPrefix: `${prefix}refused.`,
      kafka: access.clientSecurity('communities'),
      principal: 'communities',
    }).ensureTopics([{ name: 'communities.events.v1' }]);

    await expect(refused).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED; principal communities lacks an ACL/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('logs and throws a refused creation at once, naming the topic and the reason', async () => {
    const impossible = adminService().ensureTopics([{ name: 'moderation.events.v1' }], {
      replicationFactor: 5,
    });

    await expect(impossible).rejects.toThrow(
      new RegExp(`the broker refused: INVALID_REPLICATION_FACTOR .*${prefix}moderation\\.events\\.v1`),
    );
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ msg: expect.stringContaining('INVALID_REPLICATION_FACTOR') }),
    );
  });
});
