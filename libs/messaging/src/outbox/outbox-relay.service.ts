import { Inject, Injectable, Logger } from '@nestjs/common';
import { TopicNamer } from '../kafka/topic-namer';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { errorMessage } from '../shared/errors';
import { backoffDelay, settlesWithin, sleep } from '../shared/timing';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxRepository } from './outbox.repository';
import { countByTopic, relayLagSeconds, toTopicMessages } from './relay-batch';
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
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private consecutiveFailures = 0;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly leadership: RelayLeadership,
    private readonly repository: OutboxRepository,
    private readonly publisher: OutboxPublisher,
    private readonly namer: TopicNamer,
    private readonly metrics: MessagingMetrics,
  ) {}

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

  /** Publishes up to one batch of pending rows; returns how many were published. */
  async relayBatch(): Promise<number> {
    const db = this.leadership.runner();
    const rows = await this.repository.findPending(db, this.options.relay.batchSize);
    this.metrics.relayLag(relayLagSeconds(rows, new Date()));
    if (rows.length === 0) {
      return 0;
    }
    const ids = rows.map((row) => row.id);
    const spans = rows.map((row) => publishSpan(row, this.namer));
    try {
      await this.publisher.send(toTopicMessages(withTraceparents(rows, spans), this.namer));
      spans.forEach((span) => span.end());
    } catch (error) {
      spans.forEach((span) => span.end(error));
      await this.repository.recordFailedAttempt(db, ids).catch(() => undefined);
      throw new RelayPublishError(rows.length, error);
    }
    await this.repository.markPublished(db, ids);
    for (const [topic, count] of countByTopic(rows)) {
      this.metrics.published(topic, count);
    }
    this.logger.debug({
      msg: 'outbox events published',
      count: rows.length,
      firstId: ids[0],
      lastId: ids.at(-1),
    });
    return rows.length;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    const { pollMs, batchSize, standbyRetryMs } = this.options.relay;
    while (!signal.aborted) {
      try {
        if (!(await this.leadership.tryAcquire())) {
          await sleep(standbyRetryMs, signal);
          continue;
        }
        const published = await this.relayBatch();
        this.recovered();
        if (published < batchSize) {
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
    const delayMs = backoffDelay(this.consecutiveFailures, this.options.relay.backoff);
    this.logger.warn({
      msg: 'outbox relay attempt failed; retrying',
      error: errorMessage(error),
      attempt: this.consecutiveFailures,
      delayMs,
    });
    await sleep(delayMs, signal);
  }
}
