// Runner: owns the Kafka consumer group loop (join, fetch batches, cut them into chunks, heartbeat, commit offsets).
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { TopicNamer } from '../kafka/topic-namer';
import { KAFKA_CLIENT, MESSAGING_OPTIONS } from '../messaging.constants';
import { MessagingOptionsError, type ResolvedMessagingOptions } from '../messaging.options';
import { settlesWithin } from '../shared/timing';
import { ChunkProcessor } from './chunk-processor.service';
import { DeadLetterPublisher } from '../dead-letters/dead-letter.publisher';
import { HeartbeatTicker } from './heartbeat-ticker';
import type { InboundMessage } from './message-processor.service';
import { ProcessingAbortedError, type ProcessingControl } from './processing-control';

/**
 * The service's Kafka consumer group. Each fetched batch is processed in chunks of consecutive records; offsets are
 * resolved one message at a time, only after the message reached a durable outcome, and committed as they
 * accumulate and at the end of each batch. A topic with a read interval has each partition paused that long after
 * its batch.
 */
@Injectable()
export class KafkaConsumerRunner {
  private readonly logger = new Logger(KafkaConsumerRunner.name);
  private readonly shutdown = new AbortController();
  private consumer?: Consumer;
  private crashed = false;
  /** Partitions paused for their topic's read interval, each resumed by its timer. */
  private readonly resumeTimers = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly namer: TopicNamer,
    private readonly chunks: ChunkProcessor,
    private readonly deadLetters: DeadLetterPublisher,
  ) {}

  /** True while the consumer runs (it may be rebalancing); false before start, after stop, or after a crash. */
  get healthy(): boolean {
    return this.consumer !== undefined && !this.crashed;
  }

  /** The client crashed and will not restart by itself. */
  get crashedForGood(): boolean {
    return this.crashed;
  }

  async start(logicalTopics: string[]): Promise<void> {
    const groupId = this.options.groupId;
    if (!groupId) {
      throw new MessagingOptionsError(['groupId is required when the service declares event consumers']);
    }
    const settings = this.options.consumer;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxBytesPerPartition: settings.maxBytesPerPartition,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      minBytes: settings.minBytes,
      allowAutoTopicCreation: false,
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crashed = !payload.restart;
      this.logger.error({
        msg: 'consumer crashed',
        groupId,
        restarting: payload.restart,
        error: payload.error.message,
      });
    });
    const topics = logicalTopics.map((topic) => this.namer.physical(topic));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: settings.fromBeginning });
      await consumer.run({
        autoCommit: true,
        autoCommitInterval: settings.commitIntervalMs,
        autoCommitThreshold: settings.commitThreshold,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.eachBatch(groupId, payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
    this.logger.log({ msg: 'consumer started', groupId, topics });
  }

  /**
   * Stops fetching, lets the message in progress finish (bounded by the shutdown timeout), commits the resolved
   * offsets (kafkajs does so when the batch ends) and leaves the group.
   */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    this.shutdown.abort();
    for (const timer of this.resumeTimers) {
      clearTimeout(timer);
    }
    this.resumeTimers.clear();
    if (consumer) {
      // disconnect() stops first: it waits for the batch in progress, whose end commits the resolved offsets.
      if (!(await settlesWithin(consumer.disconnect(), this.options.consumer.shutdownTimeoutMs))) {
        this.logger.warn({
          msg: 'in-flight messages did not finish before the shutdown timeout; they will be redelivered',
        });
      }
    }
    await this.deadLetters.disconnect();
  }

  private async eachBatch(groupId: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale, pause } = payload;
    const ticker = new HeartbeatTicker(
      heartbeat,
      this.options.consumer.heartbeatIntervalMs,
      this.shutdown.signal,
    );
    const control: ProcessingControl = {
      signal: ticker.signal,
      shouldContinue: () => isRunning() && !isStale() && !ticker.signal.aborted,
    };
    const topic = this.namer.logical(batch.topic);
    const inbounds: InboundMessage[] = batch.messages.map((message) => ({
      topic,
      partition: batch.partition,
      groupId,
      message,
    }));
    const durable = (inbound: InboundMessage): void => resolveOffset(inbound.message.offset);
    const { chunkSize } = this.options.consumer;
    try {
      for (let start = 0; start < inbounds.length; start += chunkSize) {
        if (!control.shouldContinue()) {
          break;
        }
        await this.chunks.process(inbounds.slice(start, start + chunkSize), control, durable);
        await commitOffsetsIfNecessary();
      }
      const readInterval = this.options.consumer.readIntervalMs[topic];
      if (readInterval !== undefined && control.shouldContinue()) {
        this.pauseFor(pause, readInterval);
      }
    } catch (error) {
      if (!(error instanceof ProcessingAbortedError)) {
        throw error;
      }
    } finally {
      ticker.stop();
    }
  }

  /** Leaves the batch's partition out of the fetches for `ms`: what arrives meanwhile comes in one batch. */
  private pauseFor(pause: EachBatchPayload['pause'], ms: number): void {
    const resume = pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, ms);
    this.resumeTimers.add(timer);
  }
}
