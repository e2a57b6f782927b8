import { Inject, Injectable, Logger } from '@nestjs/common';
import { TopicNamer } from '../kafka/topic-namer';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { truncateError } from '../dead-letters/dead-letter';
import { classifyPublishFailure } from '../kafka/publish-failure';
import { ParkedRowsGauge } from '../parking/parked-rows.gauge';
import { ParkedRowsRepository } from '../parking/parked-rows.repository';
import { fittingPrefix, relayFailureVerdict, type ParkReason } from '../parking/parking-rules';
import { errorMessage } from '../shared/errors';
import { jitteredBackoffDelay } from '@notify/config';
import { settlesWithin, sleep } from '../shared/timing';
import { OutboxPublisher } from './outbox-publisher';
import type { SqlRunner } from '../shared/outbox-sql';
import { OutboxRepository } from './outbox.repository';
import type { OutboxRow } from './outbox-entry';
import { countByTopic, relayLagSeconds, rowBytes, toTopicMessages } from './relay-batch';
import { RelayLeadership } from './relay-leadership';
import { publishSpan, withTraceparents } from '../tracing/messaging-spans';

export class RelayPublishError extends Error {
  constructor(count: number, cause: unknown) {
    super(`Kafka refused a batch of ${count} outbox events: ${errorMessage(cause)}`, { cause });
    this.name = 'RelayPublishError';
  }
}

/**
 * Publishes committed outbox rows to Kafka. Only the replica holding the schema's relay lock publishes; rows are
 * read by `published_at IS NULL` in id order (never from a remembered last id: a lower id may commit later) and
 * marked published only after Kafka acknowledged them, so an outage delays events but never loses them.
 *
 * Nothing blocks the outbox: a row too large for the broker, refused by it for good, or failing alone
 * `parking.maxAttempts` times is parked (moved to `outbox_parked` with the reason) and later rows go on.
 * After a failed batch the next one is half as long, so a bad row is found in a few tries.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private consecutiveFailures = 0;
  /** Rows sent in the next batch: halved after a failure, doubled after a success. */
  private window: number;
  /** More rows were pending than the last batch took: go on without waiting for a NOTIFY. */
  private backlog = false;
  /** Consecutive failed sends of the head row on its own. */
  private strikes = { id: '', count: 0 };

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly leadership: RelayLeadership,
    private readonly repository: OutboxRepository,
    private readonly publisher: OutboxPublisher,
    private readonly namer: TopicNamer,
    private readonly metrics: MessagingMetrics,
    private readonly parked: ParkedRowsRepository,
    private readonly parkedGauge: ParkedRowsGauge,
  ) {
    this.window = options.relay.batchSize;
  }

  get isLeader(): boolean {
    return this.leadership.isLeader;
  }

  start(): void {
    if (this.loop || !this.options.relay.enabled) {
      return;
    }
    this.loop = this.run();
  }

  /** Lets the batch in progress finish (bounded by `timeoutMs`), then gives the lock up. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping.abort();
    if (this.loop && !(await settlesWithin(this.loop, timeoutMs))) {
      this.logger.warn({
        msg: 'outbox relay batch did not finish before the shutdown timeout; it will be sent again',
      });
    }
    await this.leadership.release();
    await this.publisher.disconnect();
  }

  /** Publishes up to one batch of pending rows; returns how many left the queue (published or parked). */
  async relayBatch(): Promise<number> {
    const db = this.leadership.runner();
    const { batchSize } = this.options.relay;
    const limit = this.options.maxMessageBytes;
    const rows = await this.repository.findPending(db, batchSize);
    this.metrics.relayLag(relayLagSeconds(rows, new Date()));
    const sizes = rows.map(rowBytes);
    // A row that can never be published is moved out of the way: its key's later events go on, since holding
    // them would stop the key for good, and the parked row waits for an operator to fix and retry it.
    let parked = 0;
    for (const [index, row] of rows.entries()) {
      if (sizes[index] > limit) {
        const error = `${sizes[index]} bytes, above the ${limit}-byte limit`;
        parked += await this.park(db, row, 'too-large', error, sizes[index]);
      }
    }
    const sendable = rows.filter((_, index) => sizes[index] <= limit);
    const sendableSizes = sizes.filter((size) => size <= limit);
    const count = fittingPrefix(sendableSizes, limit, this.window);
    const batch = sendable.slice(0, count);
    this.backlog = rows.length === batchSize || count < sendable.length;
    if (batch.length === 0) {
      return parked;
    }
    return parked + (await this.send(db, batch));
  }

  private async send(db: SqlRunner, batch: OutboxRow[]): Promise<number> {
    const ids = batch.map((row) => row.id);
    const spans = batch.map((row) => publishSpan(row, this.namer));
    try {
      await this.publisher.send(toTopicMessages(withTraceparents(batch, spans), this.namer));
      spans.forEach((span) => span.end());
    } catch (error) {
      spans.forEach((span) => span.end(error));
      return this.failed(db, batch, error);
    }
    await this.repository.markPublished(db, ids);
    this.window = Math.min(this.options.relay.batchSize, this.window * 2);
    this.strikes = { id: '', count: 0 };
    for (const [topic, count] of countByTopic(batch)) {
      this.metrics.published(topic, count);
    }
    this.logger.debug({
      msg: 'outbox events published',
      count: batch.length,
      firstId: ids[0],
      lastId: ids.at(-1),
    });
    return batch.length;
  }

  /** Parks the row at fault when the failure is its own (returns 1), else throws for the loop to back off. */
  private async failed(db: SqlRunner, batch: OutboxRow[], error: unknown): Promise<number> {
    const message = truncateError(errorMessage(error));
    await this.repository
      .recordFailedAttempt(
        db,
        batch.map((row) => row.id),
        message,
      )
      .catch(() => undefined);
    const [head] = batch;
    const isolated = batch.length === 1;
    const failure = classifyPublishFailure(error);
    if (isolated && failure === 'transient') {
      this.strikes = { id: head.id, count: this.strikes.id === head.id ? this.strikes.count + 1 : 1 };
    }
    this.window = Math.max(1, Math.ceil(batch.length / 2));
    const verdict = relayFailureVerdict({
      failure,
      isolated,
      isolatedFailures: this.strikes.id === head.id ? this.strikes.count : 0,
      maxAttempts: this.options.parking.maxAttempts,
    });
    if (!verdict.park) {
      throw new RelayPublishError(batch.length, error);
    }
    return this.park(db, head, verdict.reason, message, rowBytes(head));
  }

  private async park(
    db: SqlRunner,
    row: OutboxRow,
    reason: ParkReason,
    error: string,
    sizeBytes: number,
  ): Promise<number> {
    if (!(await this.parked.parkOutboxRow(db, row.id, { reason, error, sizeBytes }))) {
      return 0;
    }
    this.logger.error({
      msg: 'outbox row parked: later rows go on without it',
      id: row.id,
      topic: row.topic,
      key: row.messageKey,
      eventType: row.eventType,
      reason,
      error,
      sizeBytes,
    });
    this.parkedGauge.refreshQuietly();
    return 1;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    const { pollMs, standbyRetryMs } = this.options.relay;
    while (!signal.aborted) {
      try {
        if (!(await this.leadership.tryAcquire())) {
          await sleep(standbyRetryMs, signal);
          continue;
        }
        await this.relayBatch();
        this.recovered();
        if (!this.backlog) {
          await this.leadership.waitForWork(pollMs, signal);
        }
      } catch (error) {
        await this.backOff(error, signal);
      }
    }
  }

  private recovered(): void {
    if (this.consecutiveFailures > 0) {
      this.logger.log({ msg: 'outbox relay recovered', failedAttempts: this.consecutiveFailures });
      this.consecutiveFailures = 0;
    }
  }

  private async backOff(error: unknown, signal: AbortSignal): Promise<void> {
    this.consecutiveFailures += 1;
    const delayMs = jitteredBackoffDelay(this.consecutiveFailures, this.options.relay.backoff);
    this.logger.warn({
      msg: 'outbox relay attempt failed; retrying',
      error: errorMessage(error),
      attempt: this.consecutiveFailures,
      delayMs,
    });
    await sleep(delayMs, signal);
  }
}
