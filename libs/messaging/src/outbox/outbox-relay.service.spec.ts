import { TopicNamer } from '../kafka/topic-namer';
import { resolveMessagingOptions } from '../messaging.options';
import { NoopMessagingMetrics } from '../metrics/messaging-metrics';
import type { OutboxRow } from './outbox-entry';
import type { OutboxPublisher } from './outbox-publisher';
import { RelayPublishError, OutboxRelay } from './outbox-relay.service';
import type { OutboxRepository, SqlRunner } from './outbox.repository';
import type { RelayLeadership } from './relay-leadership';

function row(id: number, key: string): OutboxRow {
  return {
    id: String(id),
    topic: 'communities.events.v1',
    messageKey: key,
    eventType: 'communities.member.joined',
    payload: { id },
    headers: {},
    createdAt: new Date(),
  };
}

describe('OutboxRelay.relayBatch', () => {
  const db: SqlRunner = { query: jest.fn() };
  let repository: jest.Mocked<
    Pick<OutboxRepository, 'findPending' | 'markPublished' | 'recordFailedAttempt'>
  >;
  let publisher: jest.Mocked<Pick<OutboxPublisher, 'send'>>;
  let metrics: NoopMessagingMetrics;
  let relay: OutboxRelay;

  beforeEach(() => {
    repository = {
      findPending: jest.fn(),
      markPublished: jest.fn().mockResolvedValue(undefined),
      recordFailedAttempt: jest.fn().mockResolvedValue(undefined),
    };
    publisher = { send: jest.fn().mockResolvedValue(undefined) };
    metrics = new NoopMessagingMetrics();
    const leadership = { runner: () => db, isLeader: true } as unknown as RelayLeadership;
    const options = resolveMessagingOptions({
      clientId: 'test',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      topicPrefix: 'p.',
      relay: { batchSize: 3 },
    });
    relay = new OutboxRelay(
      options,
      leadership,
      repository as unknown as OutboxRepository,
      publisher as unknown as OutboxPublisher,
      new TopicNamer(options.topicPrefix),
      metrics,
    );
  });

  it('sends pending rows in id order as one batch, then marks exactly those rows published', async () => {
    repository.findPending.mockResolvedValue([row(7, 'c1'), row(8, 'c2'), row(9, 'c1')]);
    const published = jest.spyOn(metrics, 'published');

    await expect(relay.relayBatch()).resolves.toBe(3);

    expect(repository.findPending).toHaveBeenCalledWith(db, 3);
    const [[batches]] = publisher.send.mock.calls;
    expect(batches).toHaveLength(1);
    expect(batches[0].topic).toBe('p.communities.events.v1');
    expect(batches[0].messages.map((m) => m.key)).toEqual(['c1', 'c2', 'c1']);
    expect(repository.markPublished).toHaveBeenCalledWith(db, ['7', '8', '9']);
    expect(published).toHaveBeenCalledWith('communities.events.v1', 3);
  });

  it('leaves rows pending and records the attempt when Kafka refuses the batch', async () => {
    repository.findPending.mockResolvedValue([row(1, 'c1'), row(2, 'c1')]);
    publisher.send.mockRejectedValue(new Error('Connection error: ECONNREFUSED'));

    await expect(relay.relayBatch()).rejects.toThrow(RelayPublishError);

    expect(repository.markPublished).not.toHaveBeenCalled();
    expect(repository.recordFailedAttempt).toHaveBeenCalledWith(db, ['1', '2']);
  });

  it('does nothing but report zero lag when the outbox is drained', async () => {
    repository.findPending.mockResolvedValue([]);
    const lag = jest.spyOn(metrics, 'relayLag');

    await expect(relay.relayBatch()).resolves.toBe(0);

    expect(publisher.send).not.toHaveBeenCalled();
    expect(lag).toHaveBeenCalledWith(0);
  });
});
