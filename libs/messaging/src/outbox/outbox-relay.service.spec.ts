import { TopicNamer } from '../kafka/topic-namer';
import { resolveMessagingOptions } from '../messaging.options';
import { NoopMessagingMetrics } from '../metrics/messaging-metrics';
import type { OutboxRow } from './outbox-entry';
import type { OutboxPublisher } from './outbox-publisher';
import { RelayPublishError, OutboxRelay } from './outbox-relay.service';
import type { SqlRunner } from '../shared/outbox-sql';
import type { OutboxRepository } from './outbox.repository';
import type { RelayLeadership } from './relay-leadership';
import type { ParkedRowsGauge } from '../parking/parked-rows.gauge';
import type { ParkedRowsRepository } from '../parking/parked-rows.repository';

function row(id: number, key: string, payload: unknown = { id }): OutboxRow {
  return {
    id: String(id),
    topic: 'communities.events.v1',
    messageKey: key,
    eventType: 'communities.member.joined',
    payload,
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
  let parked: { parkOutboxRow: jest.Mock };

  function relayWith(extra: { maxMessageBytes?: number; maxAttempts?: number } = {}): OutboxRelay {
    const leadership = { runner: () => db, isLeader: true } as unknown as RelayLeadership;
    const options = resolveMessagingOptions({
      clientId: 'test',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      topicPrefix: 'p.',
      relay: { batchSize: 3 },
      maxMessageBytes: extra.maxMessageBytes,
      parking: { maxAttempts: extra.maxAttempts ?? 3 },
    });
    return new OutboxRelay(
      options,
      leadership,
      repository as unknown as OutboxRepository,
      publisher as unknown as OutboxPublisher,
      new TopicNamer(options.topicPrefix),
      metrics,
      parked as unknown as ParkedRowsRepository,
      { refreshQuietly: jest.fn() } as unknown as ParkedRowsGauge,
    );
  }

  beforeEach(() => {
    repository = {
      findPending: jest.fn(),
      markPublished: jest.fn().mockResolvedValue(undefined),
      recordFailedAttempt: jest.fn().mockResolvedValue(undefined),
    };
    publisher = { send: jest.fn().mockResolvedValue(undefined) };
    metrics = new NoopMessagingMetrics();
    parked = { parkOutboxRow: jest.fn().mockResolvedValue(true) };
    relay = relayWith();
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
    expect(repository.recordFailedAttempt).toHaveBeenCalledWith(
      db,
      ['1', '2'],
      expect.stringContaining('ECONNREFUSED'),
    );
    expect(parked.parkOutboxRow).not.toHaveBeenCalled();
  });

  it('does nothing but report zero lag when the outbox is drained', async () => {
    repository.findPending.mockResolvedValue([]);
    const lag = jest.spyOn(metrics, 'relayLag');

    await expect(relay.relayBatch()).resolves.toBe(0);

    expect(publisher.send).not.toHaveBeenCalled();
    expect(lag).toHaveBeenCalledWith(0);
  });

  const refused = () =>
    Object.assign(new Error('The request included a message larger than the max message size'), {
      name: 'KafkaJSProtocolError',
      type: 'MESSAGE_TOO_LARGE',
      retriable: false,
    });
  const notLeader = () =>
    Object.assign(new Error('There is no leader for this topic-partition'), {
      name: 'KafkaJSProtocolError',
      type: 'LEADER_NOT_AVAILABLE',
      retriable: true,
    });
  const unreachable = () =>
    Object.assign(new Error('Connection error: ECONNREFUSED'), { name: 'KafkaJSConnectionError' });

  it('parks a row above the size limit before sending, with the reason, and sends the rows after it', async () => {
    relay = relayWith({ maxMessageBytes: 2048 });
    repository.findPending.mockResolvedValue([
      row(1, 'c1'),
      row(2, 'c1', { blob: 'x'.repeat(5000) }),
      row(3, 'c1'),
    ]);

    await expect(relay.relayBatch()).resolves.toBe(3);

    expect(parked.parkOutboxRow).toHaveBeenCalledWith(db, '2', {
      reason: 'too-large',
      error: expect.stringMatching(/^\d+ bytes, above the 2048-byte limit$/),
      sizeBytes: expect.any(Number),
    });
    const [[batches]] = publisher.send.mock.calls;
    expect(batches[0].messages.map((m) => m.value)).toEqual(['{"id":1}', '{"id":3}']);
    expect(repository.markPublished).toHaveBeenCalledWith(db, ['1', '3']);
  });

  it('keeps a batch within the size limit as a whole', async () => {
    relay = relayWith({ maxMessageBytes: 2048 });
    const big = { blob: 'x'.repeat(900) };
    repository.findPending.mockResolvedValue([row(1, 'a', big), row(2, 'b', big), row(3, 'c', big)]);

    await expect(relay.relayBatch()).resolves.toBe(2);

    expect(repository.markPublished).toHaveBeenCalledWith(db, ['1', '2']);
  });

  it('blames no row for a failed batch, then halves the batch until the row at fault is sent alone and parked', async () => {
    const rows = [row(1, 'c1'), row(2, 'c2'), row(3, 'c1')];
    repository.findPending.mockResolvedValue(rows);
    publisher.send.mockRejectedValueOnce(refused());
    await expect(relay.relayBatch()).rejects.toThrow(RelayPublishError);
    expect(parked.parkOutboxRow).not.toHaveBeenCalled();

    publisher.send.mockRejectedValueOnce(refused());
    await expect(relay.relayBatch()).rejects.toThrow(RelayPublishError);
    expect(publisher.send.mock.calls[1][0][0].messages).toHaveLength(2);

    publisher.send.mockRejectedValueOnce(refused());
    await expect(relay.relayBatch()).resolves.toBe(1);
    expect(publisher.send.mock.calls[2][0][0].messages).toHaveLength(1);
    expect(parked.parkOutboxRow).toHaveBeenCalledWith(db, '1', {
      reason: 'rejected',
      error: 'The request included a message larger than the max message size',
      sizeBytes: expect.any(Number),
    });
  });

  it.each([
    ['a retriable broker error', notLeader, 3, true],
    ['a retriable broker error, fewer times than the limit', notLeader, 2, false],
    ['an unreachable broker', unreachable, 6, false],
  ])('after %s on a row sent alone %i times, parks it: %s', async (_case, error, failures, parks) => {
    repository.findPending.mockResolvedValue([row(1, 'c1')]);
    publisher.send.mockRejectedValue(error());

    for (let attempt = 1; attempt < failures; attempt += 1) {
      await expect(relay.relayBatch()).rejects.toThrow(RelayPublishError);
    }
    const last = relay.relayBatch();
    await (parks ? expect(last).resolves.toBe(1) : expect(last).rejects.toThrow(RelayPublishError));
    expect(parked.parkOutboxRow).toHaveBeenCalledTimes(parks ? 1 : 0);
    if (parks) {
      expect(parked.parkOutboxRow).toHaveBeenCalledWith(
        db,
        '1',
        expect.objectContaining({ reason: 'attempts-exhausted' }),
      );
    }
  });
});
