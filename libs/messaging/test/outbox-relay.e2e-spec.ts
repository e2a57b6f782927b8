import type { INestApplicationContext } from '@nestjs/common';
import { EventTypes, Topics } from '@notify/contracts';
import { sampleEventData } from '@notify/testing';
import { withTransaction } from '@notify/persistence';
import type { ISocketFactory } from 'kafkajs';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { DataSource } from 'typeorm';
import { OutboxRelay, OutboxWriter } from '../src';
import {
  adminSecurity,
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  readTopic,
  recordCount,
  sql,
  testInfra,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { startMessagingApp } from './support/messaging-app';
import { TcpProxy } from './support/tcp-proxy';

const suffix = uniqueSuffix();
const schema = `t_relay_${suffix}`;
const prefix = `t-relay-${suffix}.`;
const topic = `${prefix}${Topics.CommunityEvents}`;
const COMMUNITIES = ['community-a', 'community-b', 'community-c'];

async function publishJoins(app: INestApplicationContext, from: number, count: number): Promise<void> {
  const writer = app.get(OutboxWriter);
  const dataSource = app.get(DataSource);
  for (let seq = from; seq < from + count; seq += 1) {
    const data = sampleEventData(EventTypes.MemberJoined, {
      communityId: COMMUNITIES[seq % COMMUNITIES.length],
      userId: `user-${String(seq).padStart(3, '0')}`,
    });
    // One transaction per event, as a service writes them: each commit is its own NOTIFY.
    await withTransaction(dataSource, (tx) => writer.publish(tx, { type: EventTypes.MemberJoined, data }));
  }
}

async function pendingRows(): Promise<number> {
  const [row] = await sql<{ pending: string }>(
    `SELECT count(*) AS pending FROM "${schema}".outbox WHERE published_at IS NULL`,
  );
  return Number(row.pending);
}

describe('outbox relay against Kafka and PostgreSQL', () => {
  const apps: INestApplicationContext[] = [];
  const proxy = new TcpProxy('127.0.0.1', Number(testInfra().brokers[0].split(':')[1]));

  beforeAll(async () => {
    await createTopics([topic], 2);
    await proxy.open();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await proxy.close();
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('keeps events written during a Kafka outage and publishes each exactly once, in order per key, when Kafka is back', async () => {
    // kafkajs connects to the broker address advertised in metadata, not to the bootstrap address, so a proxy
    // given as bootstrap broker would be bypassed. The socket factory sends every connection through the proxy.
    // Over TLS when the broker is secured: the certificate names 127.0.0.1, the proxy's address too.
    const throughProxy: ISocketFactory = ({ ssl, onConnect }) =>
      ssl
        ? tlsConnect({ ...ssl, host: '127.0.0.1', port: proxy.port }, onConnect)
        : connect({ host: '127.0.0.1', port: proxy.port }, onConnect);
    const app = await startMessagingApp({
      schema,
      topicPrefix: prefix,
      messaging: {
        kafka: {
          ...adminSecurity(),
          socketFactory: throughProxy,
          connectionTimeout: 1000,
          retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 300 },
        },
      },
    });
    apps.push(app);

    await publishJoins(app, 0, 3);
    await waitFor(async () => (await recordCount(topic)) === 3, 'the first events before the outage');

    await proxy.close();
    await publishJoins(app, 3, 20);
    await waitFor(async () => {
      const [row] = await sql<{ attempts: number }>(
        `SELECT max(attempts) AS attempts FROM "${schema}".outbox`,
      );
      return row.attempts >= 2;
    }, 'the relay to have tried and failed during the outage');
    await expect(pendingRows()).resolves.toBe(20);
    await expect(recordCount(topic)).resolves.toBe(3);

    await proxy.open();
    await waitFor(async () => (await pendingRows()) === 0, 'the backlog to be published after the outage');

    const records = await readTopic(topic, 23);
    await expect(recordCount(topic)).resolves.toBe(23);
    const ids = records.map((record) => record.headers.ce_id);
    expect(new Set(ids).size).toBe(23);
    for (const community of COMMUNITIES) {
      const users = records
        .filter((record) => record.key === community)
        .map((record) => (JSON.parse(record.value ?? '{}') as { userId: string }).userId);
      expect(users).toEqual([...users].sort());
      expect(users.length).toBeGreaterThanOrEqual(7);
    }
    expect(records.every((record) => record.headers.traceparent?.startsWith('00-'))).toBe(true);
    expect(records.every((record) => record.headers.ce_type === EventTypes.MemberJoined)).toBe(true);
  });

  it('publishes from one replica only; a stand-by takes over when the active relay stops', async () => {
    const [active] = apps;
    const standby = await startMessagingApp({ schema, topicPrefix: prefix });
    apps.push(standby);
    expect(active.get(OutboxRelay).isLeader).toBe(true);
    expect(standby.get(OutboxRelay).isLeader).toBe(false);

    await active.close();
    apps.splice(apps.indexOf(active), 1);
    await waitFor(
      () => Promise.resolve(standby.get(OutboxRelay).isLeader),
      'the stand-by relay to take over',
    );
    const before = await recordCount(topic);
    await publishJoins(standby, 100, 2);

    await waitFor(async () => (await recordCount(topic)) === before + 2, 'events published by the new relay');
    await expect(pendingRows()).resolves.toBe(0);
  });
});
