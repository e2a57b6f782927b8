import type { INestApplicationContext } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DeadLetterHeaders, encodeBinary, EventTypes, Topics, UserUpsertedData } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from '@notify/testing';
import { EventConsumer, EventContext } from '../src';
import {
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  produce,
  readTopic,
  sql,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { FAST_MESSAGING, startMessagingApp } from './support/messaging-app';

const suffix = uniqueSuffix();
const schema = `t_deadline_${suffix}`;
const prefix = `t-deadline-${suffix}.`;
const topic = `${prefix}${Topics.PlatformActivity}`;
const groupId = `t-deadline-${suffix}`;
const HANDLER_TIMEOUT_MS = 500;
/** The hung handler wakes up long after its deadline and tries one more write in its (abandoned) transaction. */
const LATE_WRITE_AFTER_MS = 2_500;
const HANGS = 'user-hangs';

@EventConsumer({ topic: Topics.PlatformActivity })
class SometimesHangingConsumer {
  @EventPattern(EventTypes.UserUpserted)
  async onUserUpserted(@Payload() data: UserUpsertedData, @Ctx() ctx: EventContext): Promise<void> {
    const { id, partition, offset } = ctx.metadata;
    const insert = (subject: string) =>
      ctx.tx.query(
        `INSERT INTO handled_event (event_id, subject, partition, kafka_offset) VALUES ($1, $2, $3, $4)`,
        [id, subject, partition, offset],
      );
    await insert(data.userId);
    if (data.userId === HANGS) {
      await new Promise((resolve) => setTimeout(resolve, LATE_WRITE_AFTER_MS));
      await insert(`${HANGS}-late`);
    }
  }
}

function userEvent(userId: string) {
  return sampleCloudEvent(EventTypes.UserUpserted, {
    id: `evt-${suffix}-${userId}`,
    data: sampleEventData(EventTypes.UserUpserted, { userId }),
  });
}

async function subjects(): Promise<string[]> {
  const rows = await sql<{ subject: string }>(`SELECT subject FROM "${schema}".handled_event ORDER BY id`);
  return rows.map((row) => row.subject);
}

describe('a handler past its deadline, against Kafka and PostgreSQL', () => {
  let app: INestApplicationContext;

  beforeAll(async () => {
    await createTopics([topic], 1);
    app = await startMessagingApp({
      schema,
      topicPrefix: prefix,
      groupId,
      consumers: [SometimesHangingConsumer],
      messaging: { consumer: { ...FAST_MESSAGING.consumer, handlerTimeoutMs: HANDLER_TIMEOUT_MS } },
    });
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('is retried, then dead-lettered with the deadline as the error, while the partition goes on', async () => {
    const hanging = userEvent(HANGS);
    await produce(
      topic,
      [userEvent('user-before'), hanging, userEvent('user-after-1'), userEvent('user-after-2')].map((event) =>
        encodeBinary(event, 'same-key'),
      ),
    );

    const [deadLetter] = await readTopic(`${topic}.dlq`, 1);
    expect(deadLetter.headers).toMatchObject({
      [DeadLetterHeaders.Reason]: 'handler-failed',
      [DeadLetterHeaders.Error]: `handler deadline of ${HANDLER_TIMEOUT_MS}ms exceeded`,
      [DeadLetterHeaders.OriginalOffset]: '1',
      ce_id: hanging.id,
    });
    await waitFor(
      async () => (await subjects()).includes('user-after-2'),
      'the records after the hung one handled',
    );
    await waitFor(() => groupCaughtUp(groupId, topic), 'offsets committed past every record');

    // Every try of the hung handler wakes up and writes again; none of it, before or after the deadline, commits.
    await new Promise((resolve) => setTimeout(resolve, LATE_WRITE_AFTER_MS + 500));
    expect(await subjects()).toEqual(['user-before', 'user-after-1', 'user-after-2']);
  });
});
