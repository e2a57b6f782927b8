import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ALL_TOPICS, deadLetterTopic } from '@notify/contracts';
import {
  clientsDirectory,
  createKafkaAccess,
  createSuiteTopics,
  currentKafkaAccess,
  deleteTopicsWithPrefix,
  getTestInfra,
  testKafka,
  uniqueTopicPrefix,
  type TestInfra,
} from '@notify/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { kafkaErrorReasons } from '../src/kafka/kafka-errors';

const INFRA_TOOL = path.resolve(__dirname, '../../../tools/infra/infra.mjs');
const PRINCIPALS = ['communities', 'moderation', 'preferences', 'dispatcher', 'platform'] as const;
type Principal = (typeof PRINCIPALS)[number];
const TOPICS = [...ALL_TOPICS, ...ALL_TOPICS.map(deadLetterTopic)];

// What each principal must be able to do, written out here rather than read from the ACL file, so that a wrong
// declaration fails this test instead of defining its expectations.
const MAY_PRODUCE: Record<Principal, string[]> = {
  communities: ['communities.events.v1', 'moderation.events.v1.dlq', 'platform.activity.v1.dlq'],
  moderation: ['moderation.events.v1', 'communities.events.v1.dlq', 'platform.activity.v1.dlq'],
  preferences: ['preferences.profiles.v1', 'platform.activity.v1.dlq'],
  dispatcher: ['notifications.email-feedback.v1', ...ALL_TOPICS.map(deadLetterTopic)],
  platform: ['platform.activity.v1'],
};
const MAY_CONSUME: Record<Principal, string[]> = {
  communities: ['moderation.events.v1', 'platform.activity.v1'],
  moderation: ['communities.events.v1', 'platform.activity.v1'],
  preferences: ['platform.activity.v1'],
  dispatcher: [...ALL_TOPICS],
  platform: [],
};

/** `allowed`, or the broker's reason for refusing. */
type Outcome = string;

describe('Kafka authentication and ACLs, as the broker answers them', () => {
  const prefix = uniqueTopicPrefix('authz');
  let infra: TestInfra;

  beforeAll(async () => {
    infra = await getTestInfra();
    if (!infra.kafkaAccess.secured) {
      throw new Error(
        'these tests need the secured local broker: `npm run infra -- up` (INFRA_KAFKA_SECURITY=sasl_ssl)',
      );
    }
    await createSuiteTopics(infra, prefix, 1);
  }, 120_000);

  afterAll(async () => {
    await deleteTopicsWithPrefix(infra.kafkaBrokers, prefix);
    await infra.kafkaAccess.revokeSuite(prefix);
  });

  const client = (
    principal: string,
    overrides: Partial<ConstructorParameters<typeof Kafka>[0]> = {},
  ): Kafka =>
    new Kafka({
      clientId: `authz-${principal}`,
      brokers: infra.kafkaBrokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 100 },
      ...currentKafkaAccess().clientSecurity(principal),
      ...overrides,
    });

  async function produce(kafka: Kafka, topic: string): Promise<Outcome> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    try {
      await producer.connect();
      await producer.send({ topic: `${prefix}${topic}`, acks: -1, messages: [{ key: 'k', value: 'authz' }] });
      return 'allowed';
    } catch (error) {
      return kafkaErrorReasons(error).join(',');
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  /**
   * Allowed once a fetch of the topic came back; refused with the broker's reason. kafkajs turns a refused
   * coordinator lookup into a generic error, so the broker's code is taken from its debug log of that answer.
   */
  async function consume(principal: Principal, topic: string): Promise<Outcome> {
    const answers: string[] = [];
    const consumer: Consumer = client(principal, {
      logLevel: logLevel.DEBUG,
      logCreator: () => (entry) => {
        const type = (entry.log['error'] as { type?: unknown } | undefined)?.type;
        if (typeof type === 'string') {
          answers.push(type);
        }
      },
    }).consumer({ groupId: `${prefix}${principal}`, maxWaitTimeInMs: 100, retry: { retries: 0 } });
    const reason = (error: unknown): Outcome =>
      [
        ...new Set([
          ...answers.filter((type) => type.endsWith('AUTHORIZATION_FAILED')),
          ...kafkaErrorReasons(error),
        ]),
      ]
        .filter((text) => text !== 'Failed to find group coordinator' || answers.length === 0)
        .join(',');
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: `${prefix}${topic}`, fromBeginning: true });
      return await new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => resolve('no fetch within 20 s'), 20_000);
        const settle = (outcome: Outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        };
        consumer.on(consumer.events.FETCH, () => settle('allowed'));
        consumer.on(consumer.events.CRASH, ({ payload }) => settle(reason(payload.error)));
        consumer
          .run({ eachMessage: () => Promise.resolve() })
          .catch((error: unknown) => settle(reason(error)));
      });
    } catch (error) {
      return reason(error);
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  it('grants every principal exactly its produce and consume rights on every topic', async () => {
    const rows = await Promise.all(
      PRINCIPALS.map(async (principal) => {
        const kafka = client(principal);
        const cells: string[] = [];
        for (const topic of TOPICS) {
          cells.push(`${principal} produce ${topic}: ${await produce(kafka, topic)}`);
          cells.push(`${principal} consume ${topic}: ${await consume(principal, topic)}`);
        }
        return cells;
      }),
    );
    const observed = rows.flat();
    const expected = PRINCIPALS.flatMap((principal) =>
      TOPICS.flatMap((topic) => [
        `${principal} produce ${topic}: ${MAY_PRODUCE[principal].includes(topic) ? 'allowed' : 'refused'}`,
        `${principal} consume ${topic}: ${MAY_CONSUME[principal].includes(topic) ? 'allowed' : 'refused'}`,
      ]),
    );
    // Every refusal must be the broker's authorisation answer, never a time-out or another failure.
    const refusals = observed.filter((cell) => !cell.endsWith(': allowed'));
    for (const refusal of refusals) {
      expect(refusal).toMatch(/: (TOPIC|GROUP)_AUTHORIZATION_FAILED(,(TOPIC|GROUP)_AUTHORIZATION_FAILED)*$/);
    }
    expect(observed.map((cell) => cell.replace(/: (?!allowed).*$/, ': refused'))).toEqual(expected);
    console.log(
      `authorisation matrix: ${PRINCIPALS.length} principals x ${TOPICS.length} topics x 2 = ${observed.length} cells, ` +
        `${observed.length - refusals.length} allowed, ${refusals.length} refused by the broker`,
    );
  }, 240_000);

  it('refuses a client that does not authenticate, and one with a wrong password', async () => {
    const [tlsOnly, wrongPassword] = await Promise.all([
      produce(client('platform', { sasl: undefined }), 'platform.activity.v1'),
      produce(
        client('platform', {
          sasl: { mechanism: 'scram-sha-512', username: 'platform', password: 'not-the-password' },
        }),
        'platform.activity.v1',
      ),
    ]);

    expect(tlsOnly).not.toBe('allowed');
    expect(wrongPassword).toMatch(/SASL SCRAM SHA512 authentication failed|Authentication failed/i);
  });

  it("changes one principal's password while the others stay connected and keep working", async () => {
    const others = testKafka(infra.kafkaBrokers, 'authz-still-connected', 'communities').producer();
    await others.connect();
    const before = currentKafkaAccess().clientSecurity('platform');

    await promisify(execFile)(process.execPath, [INFRA_TOOL, 'rotate', 'platform']);

    const oldPassword = await produce(client('platform', { sasl: before.sasl }), 'platform.activity.v1');
    // The rotated password as a new replica reads it: the client file (a mounted secret in Kubernetes).
    const rotated = createKafkaAccess(clientsDirectory());
    const newPassword = await produce(
      client('platform', { sasl: rotated.clientSecurity('platform').sasl }),
      'platform.activity.v1',
    );
    await expect(
      others.send({
        topic: `${prefix}communities.events.v1`,
        acks: -1,
        messages: [{ value: 'after rotation' }],
      }),
    ).resolves.toHaveLength(1);
    await others.disconnect();

    expect(oldPassword).toMatch(/authentication failed/i);
    expect(newPassword).toBe('allowed');
  }, 120_000);
});
