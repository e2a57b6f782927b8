import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { EventTypes, ReplayHeaders, Topics, encodeBinary } from '@notify/contracts';
import {
  ADMIN_PRINCIPAL,
  currentKafkaAccess,
  sampleCloudEvent,
  sampleEventData,
  TYPESCRIPT_REGISTER,
} from '@notify/testing';
import { DeadLetterTool, type DeadLetterToolOutput } from '../src';
import {
  adminSecurity,
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  produce,
  readTopic,
  recordCount,
  sql,
  testInfra,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { startMessagingApp } from './support/messaging-app';
import { UserActivityConsumer } from './support/user-activity.consumer';

const suffix = uniqueSuffix();
const schema = `t_replay_${suffix}`;
const prefix = `t-replay-${suffix}.`;
const topic = `${prefix}${Topics.PlatformActivity}`;
const groupId = `t-replay-${suffix}`;
const CLI = path.resolve(__dirname, '../../../tools/dlq/dlq.ts');

function userEvent(userId: string) {
  return sampleCloudEvent(EventTypes.UserUpserted, {
    id: `evt-${suffix}-${userId}`,
    data: sampleEventData(EventTypes.UserUpserted, { userId }),
  });
}

class RecordingOutput implements DeadLetterToolOutput {
  readonly lines: string[] = [];
  readonly audits: Record<string, unknown>[] = [];
  line = (text: string) => void this.lines.push(text);
  progress = () => undefined;
  audit = (record: Record<string, unknown>) => void this.audits.push(record);
}

async function handledCount(userId: string): Promise<number> {
  const rows = await sql(`SELECT 1 FROM "${schema}".handled_event WHERE subject = $1`, [userId]);
  return rows.length;
}

function runCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--require', TYPESCRIPT_REGISTER, CLI, ...args], {
    env: {
      ...process.env,
      // Operators replay as the super user, as the runbook says.
      ...currentKafkaAccess().serviceEnv(ADMIN_PRINCIPAL),
      KAFKA_BROKERS: testInfra().brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
    },
    timeout: 60_000,
  });
}

describe('dead-letter replay against Kafka and PostgreSQL', () => {
  const first = userEvent('user-first');
  const second = userEvent('user-second');
  let app: INestApplicationContext;
  let between: Date;

  beforeAll(async () => {
    await createTopics([topic], 2);
    app = await startMessagingApp({
      schema,
      topicPrefix: prefix,
      groupId,
      consumers: [UserActivityConsumer],
    });
    UserActivityConsumer.brokenUsers.add('user-first').add('user-second');

    await produce(topic, [encodeBinary(first, 'key-first')]);
    await waitFor(
      async () => (await recordCount(`${topic}.dlq`)) === 1 || undefined,
      'the first dead letter',
    );
    between = new Date();
    const invalid = encodeBinary(
      { ...userEvent('user-invalid'), data: { userId: 'user-invalid', email: 'x' } },
      'k',
    );
    await produce(topic, [encodeBinary(second, 'key-second'), invalid]);
    await waitFor(async () => (await recordCount(`${topic}.dlq`)) === 3 || undefined, 'all dead letters');
  });

  afterAll(async () => {
    UserActivityConsumer.brokenUsers.clear();
    await app?.close();
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('leaves no inbox row for a dead-lettered event, so a replay is handled again', async () => {
    const rows = await sql(`SELECT event_id FROM "${schema}".inbox WHERE event_id = ANY($1)`, [
      [first.id, second.id],
    ]);
    expect(rows).toEqual([]);
    await expect(handledCount('user-first')).resolves.toBe(0);
  });

  it('lists the dead letters with their reason, and only the recent ones with --since', async () => {
    const output = new RecordingOutput();
    const tool = DeadLetterTool.fromSettings(
      { KAFKA_BROKERS: testInfra().brokers, KAFKA_TOPIC_PREFIX: prefix, kafkaSecurity: adminSecurity() },
      output,
    );

    const all = await tool.list(Topics.PlatformActivity, { ids: [] });
    // Listed by failure time; which of the second and the invalid event failed first is up to the consumer.
    expect(all.map((entry) => [entry.eventId, entry.reason]).sort()).toEqual(
      [
        [first.id, 'handler-failed'],
        [second.id, 'handler-failed'],
        [`evt-${suffix}-user-invalid`, 'invalid-payload'],
      ].sort(),
    );
    const failedAt = all.map((entry) => entry.failedAt.getTime());
    expect(failedAt).toEqual([...failedAt].sort((a, b) => a - b));
    expect(output.lines.find((line) => line.includes(first.id))).toContain('cannot handle user-first');
    expect(output.lines.at(-1)).toBe(`3 dead letter(s) of ${topic}.dlq`);

    const recent = await tool.list(Topics.PlatformActivity, { ids: [], since: between });
    expect(recent.map((entry) => entry.eventId).sort()).toEqual(
      [second.id, `evt-${suffix}-user-invalid`].sort(),
    );
  });

  it('replays only the selected event after the fix; it is handled exactly once, even when replayed twice', async () => {
    UserActivityConsumer.brokenUsers.clear();
    const output = new RecordingOutput();
    const tool = DeadLetterTool.fromSettings(
      { KAFKA_BROKERS: testInfra().brokers, KAFKA_TOPIC_PREFIX: prefix, kafkaSecurity: adminSecurity() },
      output,
    );

    const replayed = await tool.replay(Topics.PlatformActivity, { ids: [first.id] }, 'alice');
    expect(replayed.map((entry) => entry.eventId)).toEqual([first.id]);
    expect(output.audits).toEqual([
      expect.objectContaining({ msg: 'dead letter replayed', operator: 'alice', eventId: first.id, topic }),
    ]);
    await waitFor(
      async () => (await handledCount('user-first')) === 1 || undefined,
      'the replayed event handled',
    );

    await tool.replay(Topics.PlatformActivity, { ids: [first.id] }, 'alice');
    await waitFor(() => groupCaughtUp(groupId, topic), 'the second replay consumed');
    await expect(handledCount('user-first')).resolves.toBe(1);
    await expect(handledCount('user-second')).resolves.toBe(0);

    const copies = (await readTopic(topic, 5)).filter((record) => record.headers.ce_id === first.id);
    expect(copies.map((record) => record.key)).toEqual(['key-first', 'key-first', 'key-first']);
    expect(copies[1].headers).toMatchObject({ [ReplayHeaders.ReplayedBy]: 'alice', ce_type: first.type });
    expect(
      Object.keys(copies[1].headers).filter((name) => /^dlq-(reason|error|failed-at)$/.test(name)),
    ).toEqual([]);
  });

  it('runs from the command line: `list --since` prints the reasons, `replay --id` logs the operator', async () => {
    const listed = await runCli(['list', Topics.PlatformActivity, '--since', between.toISOString()]);
    expect(listed.stdout).toContain(second.id);
    expect(listed.stdout).toContain('invalid-payload');
    expect(listed.stdout).not.toContain(first.id);
    expect(listed.stderr).toContain(`read 3/3 records of ${topic}.dlq`);

    const replay = await runCli(['replay', Topics.PlatformActivity, '--id', second.id, '--operator', 'bob']);
    expect(replay.stdout).toContain(`1 dead letter(s) replayed onto ${topic} by bob`);
    expect(
      JSON.parse(replay.stderr.split('\n').find((line) => line.includes('"operator"')) ?? '{}'),
    ).toMatchObject({
      msg: 'dead letter replayed',
      operator: 'bob',
      eventId: second.id,
    });
    await waitFor(
      async () => (await handledCount('user-second')) === 1 || undefined,
      'the second event handled',
    );
  });
});
